/**
 * Last adjustments to the copy handed to asl-validator, for two blind spots of
 * that library (our diagnostics always point at the original document):
 * - its string patterns use `.`, which does not match a line break, so every
 *   multi-line prompt fails; a space keeps JSONPath and JSONata meaning intact;
 * - it finds states and transitions by searching the whole document for keys
 *   named States, Next, Default… (`$..States`), so a payload such as
 *   `Payload: { States: "CA", Next: "page2" }` crashes it or invents transitions;
 *   inside payload templates those keys are renamed.
 */
import { isObject, type JsonObject, type StateRef, valueAt } from "./states.js";

const PAYLOAD_FIELDS = [
  "Parameters",
  "Arguments",
  "ResultSelector",
  "ItemSelector",
  "Result",
  "Output",
  "Assign",
  "Credentials",
];
const GRAPH_KEYS = new Set(["States", "StartAt", "Next", "Default", "Branches", "Iterator", "ItemProcessor"]);

export function prepareForAslValidator(prepared: JsonObject, states: readonly StateRef[]): JsonObject {
  const copy = withoutLineBreaks(prepared) as JsonObject;
  for (const { path } of states) {
    const state = valueAt(copy, path);
    if (!isObject(state)) continue;
    isolatePayloads(state);
    if (Array.isArray(state.Catch))
      for (const catcher of state.Catch) if (isObject(catcher)) isolatePayloads(catcher);
  }
  return copy;
}

function isolatePayloads(owner: JsonObject) {
  for (const field of PAYLOAD_FIELDS) if (field in owner) owner[field] = renameGraphKeys(owner[field]);
}

function renameGraphKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renameGraphKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [GRAPH_KEYS.has(k) ? `${k}_` : k, renameGraphKeys(v)]),
  );
}

function withoutLineBreaks(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/[\r\n\u2028\u2029]/g, " ");
  if (Array.isArray(value)) return value.map(withoutLineBreaks);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutLineBreaks(v)]));
  return value;
}
