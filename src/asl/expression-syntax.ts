/**
 * What is wrong with one path, intrinsic function or JSONata expression, in
 * words. Parsing is done by the libraries asl-validator itself uses
 * (asl-path-validator and jsonata), resolved from asl-validator's own
 * dependencies and loaded on first use.
 */
import { createRequire } from "node:module";
import { didYouMean } from "../source/did-you-mean.js";

/** path: InputPath/OutputPath; reference: ItemsPath, Variable…; result: ResultPath; payload: a ".$" value. */
export type PathKind = "path" | "reference" | "result" | "payload";

export interface Problem {
  severity: "error" | "warning";
  code: string;
  /** Completes "<field> …". */
  message: string;
  hint?: string;
}

/** The 18 intrinsic functions of JSONPath mode. */
export const INTRINSICS = [
  "States.Format",
  "States.StringToJson",
  "States.JsonToString",
  "States.Array",
  "States.ArrayPartition",
  "States.ArrayContains",
  "States.ArrayRange",
  "States.ArrayGetItem",
  "States.ArrayLength",
  "States.ArrayUnique",
  "States.Base64Encode",
  "States.Base64Decode",
  "States.Hash",
  "States.JsonMerge",
  "States.MathRandom",
  "States.MathAdd",
  "States.StringSplit",
  "States.UUID",
];

type PathResult = { isValid: true } | { isValid: false; code: string; message?: string };
type ValidatePath = (path: string, context: string) => PathResult;
type Jsonata = (expression: string) => unknown;

const CONTEXTS: Record<PathKind, string> = {
  path: "path",
  reference: "reference_path",
  result: "result_path",
  payload: "payload_template",
};

/** Each library is loaded on first use: a JSONPath-only template never loads jsonata. */
const fromAslValidator = () => createRequire(createRequire(import.meta.url).resolve("asl-validator"));
let validatePathFn: ValidatePath | undefined;
let jsonataFn: Jsonata | undefined;
export function expressionLibraries(): { validatePath: ValidatePath; jsonata: Jsonata } {
  return {
    validatePath: (path, context) => {
      validatePathFn ??= (fromAslValidator()("asl-path-validator") as { validatePath: ValidatePath })
        .validatePath;
      return validatePathFn(path, context);
    },
    jsonata: (expression) => {
      jsonataFn ??= fromAslValidator()("jsonata") as Jsonata;
      return jsonataFn(expression);
    },
  };
}

const PATH_HINT =
  'Paths start with "$." (the state input), "$$." (the context object) or "$name" (a variable); intrinsic functions look like States.Format(\'{}\', $.x).';

/**
 * Templates repeat the same few paths ("$", "$.input", "$$.Execution.Id") across
 * thousands of states; each is parsed once. Problems are never mutated.
 */
const remembered = new Map<string, Problem | undefined>();
function remember(key: string, compute: () => Problem | undefined): Problem | undefined {
  if (remembered.has(key)) return remembered.get(key);
  const problem = compute();
  if (remembered.size >= 20_000) remembered.clear();
  remembered.set(key, problem);
  return problem;
}

export function pathProblem(value: string, kind: PathKind): Problem | undefined {
  return remember(`${kind}\u0000${value}`, () => parsePath(value, kind));
}

function parsePath(value: string, kind: PathKind): Problem | undefined {
  const result = expressionLibraries().validatePath(value, CONTEXTS[kind]);
  if (result.isValid) return undefined;
  switch (result.code) {
    case "exp_has_functions":
      return {
        severity: "error",
        code: "asl/schema",
        message: 'cannot call an intrinsic function: only a path such as "$.order" is allowed here.',
        hint: 'Compute the value in "Parameters" or "ResultSelector" (a key ending in ".$"), then refer to it by path.',
      };
    case "exp_has_non_reference_path_ops":
      return {
        severity: "error",
        code: "asl/schema",
        message:
          'must be a reference path, which selects a single node: no "..", "*", filters or slices (e.g. "$.order.items[0]").',
      };
    case "exp_has_variable":
      return {
        severity: "error",
        code: "asl/schema",
        message: 'cannot write to a variable ("$name").',
        hint: 'Set variables with "Assign"; ResultPath places the result in the state output ("$.result").',
      };
    default:
      return parseProblem(value, result.message);
  }
}

function parseProblem(value: string, raw: string | undefined): Problem {
  for (const match of value.matchAll(/States\.[A-Za-z0-9_]+(?=\s*\()/g)) {
    const name = match[0];
    if (INTRINSICS.includes(name)) continue;
    return {
      severity: "error",
      code: "asl/unknown-intrinsic",
      message: `calls "${name}", which is not an intrinsic function.`,
      hint: didYouMean(name, INTRINSICS) ?? `Intrinsic functions: ${INTRINSICS.join(", ")}.`,
    };
  }
  // asl-path-validator cannot parse filters that compare with another path
  // ($.a[?(@.id == $.wanted)]), which Step Functions evaluates; unverified here, so warn rather than block.
  if (value.includes("[?(")) {
    return {
      severity: "warning",
      code: "asl/unverified-path",
      message:
        "has a filter expression agentctl cannot check; Step Functions evaluates it when the state runs.",
    };
  }
  const trimmed = value.trimStart();
  if (!trimmed.startsWith("$") && !trimmed.startsWith("States.")) {
    return {
      severity: "error",
      code: "asl/schema",
      message: `is "${preview(value)}", which is not a path or intrinsic function.`,
      hint: PATH_HINT,
    };
  }
  return {
    severity: "error",
    code: "asl/schema",
    message: `is not a valid path or intrinsic function${whereParsingStopped(value, raw)}.`,
    hint: PATH_HINT,
  };
}

/** asl-path-validator's parser error is JSON with `found` and `location`. */
function whereParsingStopped(value: string, raw: string | undefined): string {
  try {
    const error = JSON.parse(raw ?? "") as {
      found?: string | null;
      location?: { start?: { offset?: number } };
    };
    const offset = error.location?.start?.offset;
    if (typeof offset !== "number") return "";
    if (error.found === null || offset >= value.length) return " (it ends too early)";
    return ` (unexpected "${error.found}" at character ${offset + 1})`;
  } catch {
    return "";
  }
}

/** True for strings that are meant as a JSONata expression, well formed or not. */
export function looksLikeJsonata(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const trimmed = value.trim();
  return trimmed.startsWith("{%") || trimmed.endsWith("%}");
}

const JSONATA_HINT = "Write the expression as {% … %}, with a space after {% and before %}.";

/** Only call for strings `looksLikeJsonata` accepts. */
export function jsonataProblem(value: string): Problem | undefined {
  return remember(`jsonata\u0000${value}`, () => parseJsonata(value));
}

function parseJsonata(value: string): Problem | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith("{%") || !trimmed.endsWith("%}") || trimmed.length < 4) {
    return {
      severity: "error",
      code: "asl/jsonata",
      message: trimmed.startsWith("{%")
        ? "opens a JSONata expression with {% but never closes it with %}."
        : "ends with %} but does not start with {%.",
      hint: JSONATA_HINT,
    };
  }
  if (value !== trimmed || !/^\{%\s[\s\S]*\S[\s\S]*\s%\}$/.test(value)) {
    return {
      severity: "error",
      code: "asl/jsonata",
      message: "must be exactly {% expression %}: nothing before {% or after %}, and a space inside each.",
      hint: JSONATA_HINT,
    };
  }
  try {
    expressionLibraries().jsonata(trimmed.slice(2, -2));
    return undefined;
  } catch (e) {
    const error = e as { message?: string; position?: number };
    const at = typeof error.position === "number" ? ` at character ${error.position} of the expression` : "";
    return {
      severity: "error",
      code: "asl/jsonata",
      message: `is not a valid JSONata expression: ${error.message ?? String(e)}${at}.`,
      hint: "Check the brackets, quotes and operators.",
    };
  }
}

function preview(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
