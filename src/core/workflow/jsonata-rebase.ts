/**
 * The JSONata counterpart of jsonpath-rebase.ts: in a state's `Output` and `Assign`,
 * `$states.result` is the Lambda envelope after compilation, so it becomes
 * `$states.result.Payload`. Only `{% … %}` strings are expressions; string literals and
 * comments inside them are left alone.
 */
import { isObject } from "../../asl/states.js";

const RESULT = "$states.result";

export function rebaseExpression(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{%") || !trimmed.endsWith("%}")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const start = i;
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === "\\") i++;
      out += text.slice(start, i + 1);
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (text.startsWith(RESULT, i) && !/[A-Za-z0-9_$]/.test(text[i + RESULT.length] ?? "")) {
      out += `${RESULT}.Payload`;
      i += RESULT.length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** Every `{% … %}` string under `value` rebased. */
export function rebaseExpressions(value: unknown): unknown {
  if (typeof value === "string") return rebaseExpression(value);
  if (Array.isArray(value)) return value.map(rebaseExpressions);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebaseExpressions(v)]));
}
