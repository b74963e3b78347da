/**
 * Runs asl-validator (JSON-Schema + graph checks for JSONPath and JSONata
 * definitions) on the prepared copy and maps its errors onto source positions.
 * Its schema errors carry JSON pointers; its graph errors only name a state or
 * a target, so we find that name in the document.
 */
import { createRequire } from "node:module";
import type { PropertyPath } from "../manifest/types.js";
import type { CheckContext } from "./check-context.js";
import { describePath } from "./check-context.js";
import { reportGraphError } from "./graph-errors.js";
import { prepareForAslValidator } from "./prepare-input.js";
import { type JsonObject, pointerToPath, type StateRef, valueAt } from "./states.js";

interface AslValidatorError {
  "Error code": string;
  Message: string;
  schemaError?: { instancePath: string; schemaPath: string };
}
type AslValidator = (
  definition: unknown,
  opts?: { checkPaths: boolean; checkArn: boolean },
) => { isValid: boolean; errors: AslValidatorError[] };

let loaded: AslValidator | undefined;
function aslValidator(): AslValidator {
  // CommonJS without type declarations; loaded on first use so `--help` never pays for ajv + jsonata.
  loaded ??= createRequire(import.meta.url)("asl-validator") as AslValidator;
  return loaded;
}

export function runGenericValidation(ctx: CheckContext): void {
  const input = prepareForAslValidator(ctx.prepared, ctx.states);
  let errors: AslValidatorError[];
  try {
    errors = aslValidator()(input, { checkPaths: true, checkArn: true }).errors;
  } catch (e) {
    ctx.atValue(
      [],
      "error",
      "asl/validator-failed",
      `The state-machine checker could not process this definition: ${(e as Error).message}`,
    );
    return;
  }
  const artifacts = new Map<string, StateRef>();
  for (const error of errors) {
    const state = error.schemaError && oneOfArtifact(ctx, input, error.schemaError.instancePath);
    if (state) artifacts.set(state.name, state);
    else mapError(ctx, input, error);
  }
  for (const state of artifacts.values()) {
    const reported = ctx.diagnostics.some(
      (d) => SCHEMA_CODES.includes(d.code) && d.message.startsWith(`State "${state.name}"`),
    );
    if (reported) continue;
    ctx.atKey(
      state.path,
      "error",
      "asl/schema",
      `State "${state.name}" is not a valid ${state.queryLanguage} ${String(state.state.Type)} state: a field has the wrong type or shape.`,
      schemaHint("", state.queryLanguage),
    );
  }
}

/**
 * asl-validator matches each state against every state schema (oneOf), so a state
 * with a bad value deep inside also "fails" on Type and on the QueryLanguage it
 * injects; those two say nothing by themselves and are folded into one message.
 */
function oneOfArtifact(ctx: CheckContext, input: JsonObject, pointer: string): StateRef | undefined {
  const path = pointerToPath(input, pointer);
  const last = path[path.length - 1];
  if (last !== "Type" && last !== "QueryLanguage") return undefined;
  const state = ctx.states.find((s) => s.path.length === path.length - 1 && startsWith(path, s.path));
  if (!state) return undefined;
  if (last === "QueryLanguage" && "QueryLanguage" in state.state) return undefined;
  return state;
}

const SCHEMA_CODES = ["asl/schema", "asl/jsonata", "asl/unverified-path"];

/** Transitions are checked (with positions) in structure.ts; these would repeat them. */
const TRANSITION_CODES = ["BRANCH_OUTBOUND_TRANSITION_TARGET", "MAP_OUTBOUND_TRANSITION_TARGET"];

function mapError(ctx: CheckContext, input: JsonObject, error: AslValidatorError): void {
  if (error.schemaError) {
    mapSchemaError(ctx, input, error.schemaError);
    return;
  }
  if (TRANSITION_CODES.includes(error["Error code"]) || error.Message.startsWith("Missing 'StartAt'")) return;
  reportGraphError(ctx, error["Error code"], error.Message);
}

function mapSchemaError(
  ctx: CheckContext,
  input: JsonObject,
  err: { instancePath: string; schemaPath: string },
) {
  const path = pointerToPath(input, err.instancePath);
  const state = ctx.states.findLast((s) => startsWith(path, s.path));
  const where = state ? describePath(path.slice(state.path.length)) : describePath(path);
  const prefix = state ? `State "${state.name}"${where ? `: ${where}` : ""}` : where || "The definition";
  const raw = schemaMessage(err.schemaPath);
  const valueText = valueAt(input, path);
  const last = path[path.length - 1];
  const report = typeof last === "string" ? ctx.atKey : ctx.atValue;
  // asl-path-validator cannot parse filters that compare with another path
  // ($.a[?(@.id == $.wanted)]), which Step Functions evaluates; unverified here, so warn rather than block.
  if (/format/.test(err.schemaPath) && typeof valueText === "string" && valueText.includes("[?(")) {
    report(
      path,
      "warning",
      "asl/unverified-path",
      `${prefix}: agentctl cannot check this filter expression; Step Functions evaluates it when the state runs.`,
    );
    return;
  }
  if (typeof valueText === "string" && valueText.trimStart().startsWith("{%")) {
    report(
      path,
      "error",
      "asl/jsonata",
      `${prefix} is not a valid JSONata expression.`,
      "Write it as {% expression %} (with the spaces) and check its brackets, quotes and operators.",
    );
    return;
  }
  report(path, "error", "asl/schema", `${prefix} ${raw}`, schemaHint(err.schemaPath, state?.queryLanguage));
}

function schemaMessage(schemaPath: string): string {
  if (
    /asl_payload_template|asl_ref_path|asl_path|asl_result_path/.test(schemaPath) ||
    /format$/.test(schemaPath)
  )
    return "is not a valid path, context path (`$$.…`) or intrinsic function.";
  if (/additionalProperties/.test(schemaPath)) return "has a field this state type does not allow.";
  if (/required/.test(schemaPath)) return "is missing a required field.";
  if (/enum/.test(schemaPath)) return "has a value that is not allowed here.";
  if (/type$/.test(schemaPath)) return "has the wrong type.";
  return "has a value of the wrong type or form.";
}

function schemaHint(schemaPath: string, language: string | undefined): string {
  const base =
    language === "JSONata"
      ? "This is a JSONata state: use Arguments/Output/Assign and {% … %} expressions (not Parameters, ResultPath, InputPath, OutputPath or ResultSelector)."
      : 'Check field names and value types against the Amazon States Language for this state type; expressions go in keys ending in ".$".';
  return /\/format$/.test(schemaPath) && !/jsonata/.test(schemaPath)
    ? 'Paths start with "$." (input) or "$$." (context object); intrinsic functions look like States.Format(\'{}\', $.x).'
    : base;
}

function startsWith(path: PropertyPath, prefix: PropertyPath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}
