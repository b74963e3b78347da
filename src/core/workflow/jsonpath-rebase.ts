/**
 * Moves JSONPath references from the adapter's result to the Lambda envelope around it.
 * `lambda:invoke` hands Step Functions `{ Payload: <adapter result>, StatusCode, … }`, while
 * a user's ResultSelector is written against the adapter result, so every root `$` in it
 * (in plain paths and inside intrinsic functions) becomes `$.Payload`. Context paths (`$$…`),
 * variables (`$name`), `@` and quoted string arguments are left alone.
 */
import { isObject } from "../../asl/states.js";

/** `$.completion` → `$.Payload.completion`, `$` → `$.Payload`, also inside `States.Format(…)`. */
export function rebasePath(expression: string): string {
  let out = "";
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") {
      // An intrinsic's string argument: copy through to its closing quote (\' escapes one).
      const start = i;
      for (i++; i < expression.length && expression[i] !== "'"; i++) if (expression[i] === "\\") i++;
      out += expression.slice(start, i + 1);
      continue;
    }
    if (c === "$") {
      const next = expression[i + 1];
      if (next === "$") {
        out += "$$";
        i++;
        continue;
      }
      if (next === undefined || next === "." || next === "[" || /[\s,)]/.test(next)) {
        out += "$.Payload";
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** A payload template (ResultSelector) with every `.$` value rebased, at any depth. */
export function rebasePayloadTemplate(template: unknown): unknown {
  if (Array.isArray(template)) return template.map(rebasePayloadTemplate);
  if (!isObject(template)) return template;
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) => [
      key,
      key.endsWith(".$") && typeof value === "string" ? rebasePath(value) : rebasePayloadTemplate(value),
    ]),
  );
}

/** Whether a payload template reads the state's own data (`$…`), not only context or variables. */
export function readsRoot(template: unknown): boolean {
  if (Array.isArray(template)) return template.some(readsRoot);
  if (!isObject(template)) return false;
  return Object.entries(template).some(([key, value]) =>
    key.endsWith(".$") && typeof value === "string" ? rebasePath(value) !== value : readsRoot(value),
  );
}
