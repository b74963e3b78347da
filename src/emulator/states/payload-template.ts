/**
 * JSONPath-mode payload templates (Parameters, ResultSelector, ItemSelector,
 * Assign, Fail ErrorPath…): a key ending in `.$` takes its value from a path or
 * an intrinsic call and loses the suffix; everything else is copied as is.
 */
import { StatesError } from "./errors.js";
import { evaluateIntrinsic, isIntrinsic } from "./intrinsics.js";
import { PathNotFound, type PathScope, readPath } from "./jsonpath.js";
import type { Json, JsonObject } from "./types.js";

export function evaluateSelector(text: string, scope: PathScope, failure: string, field: string): Json {
  try {
    return isIntrinsic(text) ? evaluateIntrinsic(text, scope) : readPath(text, scope);
  } catch (err) {
    if (err instanceof PathNotFound)
      throw new StatesError(
        failure,
        `The JSONPath '${err.path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(scope.input)}'`,
      );
    throw err;
  }
}

/** `failure` names the error a missing path raises (States.ParameterPathFailure for Parameters). */
export function applyTemplate(
  template: Json,
  scope: PathScope,
  failure = "States.ParameterPathFailure",
): Json {
  if (Array.isArray(template)) return template.map((item) => applyTemplate(item, scope, failure));
  if (template === null || typeof template !== "object") return template;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith(".$")) {
      const field = key.slice(0, -2);
      if (typeof value !== "string")
        throw new StatesError(
          "States.Runtime",
          `The value of ${key} must be a path or an intrinsic function`,
        );
      out[field] = evaluateSelector(value, scope, failure, `${field}.$`);
    } else out[key] = applyTemplate(value, scope, failure);
  }
  return out;
}
