/**
 * Bedrock's rules on an action group's inline `functions:` (the API's FunctionSchema,
 * aws-behaviour.md §4.1), plus the API count the agent-wide quota needs.
 */
import type { Diagnostic, Severity } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import type { AgentManifest, FunctionManifest, Located, PropertyPath } from "../manifest/types.js";
import {
  functionToolName,
  MAX_APIS_PER_ACTION_GROUP,
  MAX_APIS_PER_AGENT,
  MAX_FUNCTION_DESCRIPTION,
  MAX_PARAMETER_DESCRIPTION,
  MAX_TOOL_NAME_LENGTH,
  P_NAME,
} from "./limits.js";
import type { OpenApiResult } from "./types.js";

/** §4.1 ParameterDetail.type [M]. */
const PARAMETER_TYPES: readonly string[] = ["string", "number", "integer", "boolean", "array"];
const NAME_HINT =
  'Start with a letter or digit; use only letters, digits and single "_" or "-" between them (no spaces or dots), at most 100 letters/digits.';

/**
 * `basePath` is where `functions` sits in the manifest, e.g. ["actionGroups", 0, "functions"].
 * Returns no diagnostics for shapes the manifest's JSON Schema already rejects (non-arrays).
 */
export function validateFunctionSchema(
  functions: readonly FunctionManifest[],
  located: Located<AgentManifest>,
  basePath: PropertyPath,
  actionGroupName: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (
    p: PropertyPath,
    key: boolean,
    severity: Severity,
    code: string,
    message: string,
    hint?: string,
  ) =>
    out.push(
      diagnostic(located.file, key ? located.locateKey(p) : located.locate(p), severity, code, message, hint),
    );
  if (!Array.isArray(functions)) return out;

  if (functions.length === 0) {
    at(
      basePath,
      true,
      "warning",
      "function/none",
      "The action group defines no functions: the agent gets no actions from it.",
      "Add at least one function.",
    );
  } else if (functions.length > MAX_APIS_PER_ACTION_GROUP) {
    // §3.4 / §4.2: up to 11 APIs per action group; each function is one API.
    at(
      basePath,
      true,
      "error",
      "function/too-many",
      `The action group defines ${functions.length} functions; an action group may have at most ${MAX_APIS_PER_ACTION_GROUP}.`,
      'Split them across several action groups (the "APIs per Agent" quota, 11 by default, still applies to the agent as a whole).',
    );
  }

  const firstIndex = new Map<string, number>();
  functions.forEach((fn, i) => {
    const fnPath = [...basePath, i];
    if (typeof fn !== "object" || fn === null || typeof fn.name !== "string") return;
    const namePath = [...fnPath, "name"];
    if (!P_NAME.test(fn.name)) {
      // §2 P_NAME applies to function names (§4.1 Function.name).
      at(
        namePath,
        false,
        "error",
        "function/name-invalid",
        `Function name "${fn.name}" is not a valid Bedrock name.`,
        NAME_HINT,
      );
    } else {
      const tool = functionToolName(actionGroupName, fn.name);
      if (tool.length > MAX_TOOL_NAME_LENGTH) {
        // The model sees the function as the tool `group__function` (see limits.ts).
        at(
          namePath,
          false,
          "error",
          "function/tool-name-too-long",
          `The agent's tool name "${tool}" is ${tool.length} characters; tool-use models accept at most ${MAX_TOOL_NAME_LENGTH}.`,
          `Bedrock names the tool actionGroupName__functionName; shorten the function or the action group name by ${tool.length - MAX_TOOL_NAME_LENGTH}.`,
        );
      }
    }
    const first = firstIndex.get(fn.name);
    if (first !== undefined) {
      // Two functions with one name would be one tool name for the model.
      const where = located.locate([...basePath, first, "name"]);
      at(
        namePath,
        false,
        "error",
        "function/name-duplicate",
        `Function "${fn.name}" is already defined (line ${where.line}).`,
        "Give every function of the group its own name.",
      );
    } else {
      firstIndex.set(fn.name, i);
    }

    checkDescription(
      fn.description,
      [...fnPath, "description"],
      fnPath,
      MAX_FUNCTION_DESCRIPTION,
      `Function "${fn.name}"`,
      "function/description",
      at,
    );

    const params = fn.parameters;
    if (typeof params !== "object" || params === null) return;
    for (const [name, raw] of Object.entries(params)) {
      // Manifests are user input: check shapes even where the types promise them.
      const param = raw as { type?: unknown; description?: unknown } | null;
      const pPath = [...fnPath, "parameters", name];
      if (!P_NAME.test(name)) {
        // §4.1: ParameterMap keys follow P_NAME.
        at(
          pPath,
          true,
          "error",
          "function/parameter-name-invalid",
          `Parameter name "${name}" of function "${fn.name}" is not a valid Bedrock name.`,
          NAME_HINT,
        );
      }
      if (typeof param !== "object" || param === null) continue;
      if (typeof param.type !== "string" || !PARAMETER_TYPES.includes(param.type)) {
        // §4.1 ParameterDetail.type: string|number|integer|boolean|array (no object).
        at(
          [...pPath, "type"],
          false,
          "error",
          "function/parameter-type-invalid",
          `Parameter "${name}" of function "${fn.name}" has type ${JSON.stringify(param.type)}; Bedrock accepts ${PARAMETER_TYPES.join(", ")}.`,
          param.type === "object"
            ? "Objects are not supported: split it into several parameters or pass a JSON string."
            : undefined,
        );
      }
      checkDescription(
        param.description,
        [...pPath, "description"],
        pPath,
        MAX_PARAMETER_DESCRIPTION,
        `Parameter "${name}" of function "${fn.name}"`,
        "function/parameter-description",
        at,
      );
    }
  });
  return out;
}

type Reporter = (
  p: PropertyPath,
  key: boolean,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
) => void;

/** §2 / §4.1: descriptions are 1–1200 (function) or 1–500 (parameter) characters [M]. */
function checkDescription(
  value: unknown,
  path: PropertyPath,
  ownerPath: PropertyPath,
  max: number,
  owner: string,
  code: string,
  at: Reporter,
): void {
  if (value === undefined) {
    // Optional in the API model, but the model chooses and fills in actions from it.
    at(
      ownerPath,
      false,
      "warning",
      `${code}-missing`,
      `${owner} has no description.`,
      "Describe it: the agent decides when to call a function, and how to fill a parameter, from its description.",
    );
  } else if (typeof value === "string" && (value.length === 0 || value.length > max)) {
    at(
      path,
      false,
      "error",
      `${code}-length`,
      value.length === 0
        ? `${owner} has an empty description.`
        : `${owner} has a description of ${value.length} characters; the limit is ${max}.`,
      value.length === 0 ? "Write a description, or remove the field." : `Shorten it to ${max} characters.`,
    );
  }
}

/** APIs an action group contributes to the agent's "APIs per Agent" quota (§3.4). */
export function countActionGroupApis(
  group: { functions?: readonly unknown[] },
  openApi?: OpenApiResult,
): number {
  if (openApi) return openApi.operations.length;
  return Array.isArray(group.functions) ? group.functions.length : 0;
}

/**
 * §3.4 "APIs per Agent": default 11 across all of an agent's action groups (adjustable,
 * so callers may pass a raised `limit`). `apiCounts[i]` is the count of `actionGroups[i]`.
 * Disabled groups are counted too: whether Bedrock counts them is unverified, and
 * counting them is the safer reading. A warning, not an error: the quota is adjustable,
 * so an account with a raised quota deploys such an agent fine.
 */
export function checkApisPerAgent(
  located: Located<AgentManifest>,
  apiCounts: readonly (number | undefined)[],
  limit: number = MAX_APIS_PER_AGENT,
): Diagnostic[] {
  const total = apiCounts.reduce<number>((sum, n) => sum + (n ?? 0), 0);
  if (total <= limit) return [];
  const groups = located.value.actionGroups ?? [];
  const breakdown = apiCounts
    .map((n, i) => (n ? `${groups[i]?.name ?? `#${i}`}: ${n}` : undefined))
    .filter(Boolean)
    .join(", ");
  return [
    diagnostic(
      located.file,
      located.locateKey(["actionGroups"]),
      "warning",
      "agent/too-many-apis",
      `Agent "${located.value.name}" has ${total} APIs across its action groups (${breakdown}); the "APIs per Agent" quota is ${limit}.`,
      'Move some actions to a collaborator agent, or raise the quota (Service Quotas, Amazon Bedrock, "APIs per Agent").',
    ),
  ];
}
