/**
 * Hints for schema errors whose plain reading would mislead: a misspelt required field, a Bedrock
 * API field written in its API shape, a placeholder where none is interpolated, a number that
 * arrived as text.
 */
import type { ErrorObject } from "ajv";
import type { Position } from "../diagnostics.js";
import { closestMatch } from "./did-you-mean.js";
import type { SchemaNode } from "./schema-errors.js";

export const KEYS_NOT_INTERPOLATED = `Map keys are not interpolated: \${…} placeholders work only in values.`;

/**
 * Bedrock API spellings whose manifest form is a different shape, so "unknown field" plus
 * "missing field" would both mislead: say what to write instead.
 */
const RESHAPED_FIELDS: Readonly<Record<string, { parent: string; hint: string }>> = {
  customControl: {
    parent: "executor",
    hint: "Write `executor: returnControl` (the manifest's form of customControl: RETURN_CONTROL).",
  },
};

export function reshaped(error: ErrorObject): string | undefined {
  if (error.keyword !== "additionalProperties") return undefined;
  const entry =
    RESHAPED_FIELDS[String((error.params as { additionalProperty?: unknown }).additionalProperty)];
  return entry && error.instancePath.endsWith(`/${entry.parent}`) ? entry.hint : undefined;
}

export function requiredKey(error: ErrorObject): string {
  return `${error.instancePath}\u0000${String((error.params as { missingProperty?: unknown }).missingProperty)}`;
}

/**
 * Missing required fields that an unknown field at the same place already accounts for: a
 * misspelling (`modle` for `model`) is one mistake, reported once, as the unknown field with its
 * "did you mean"; a reshaped API field (`customControl`) replaces the whole object. `errors`
 * are the ones that will be reported.
 */
export function missingFieldsExplained(errors: readonly ErrorObject[]): Set<string> {
  const explained = new Set<string>();
  const required = errors.filter((e) => e.keyword === "required");
  for (const error of errors) {
    if (error.keyword !== "additionalProperties") continue;
    if (reshaped(error)) {
      for (const r of required) if (r.instancePath === error.instancePath) explained.add(requiredKey(r));
      continue;
    }
    const name = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    const allowed = Object.keys((error.parentSchema as SchemaNode | undefined)?.properties ?? {});
    const match = closestMatch(name, allowed);
    if (match !== undefined) explained.add(`${error.instancePath}\u0000${match}`);
  }
  return explained;
}

/**
 * Placeholders always produce text. Turning a whole-string `${env:TTL}` into a number for
 * number-typed fields was considered and refused: agentctl would then accept what the JSON Schema
 * (and so the editor) rejects, and a field's type would depend on what the environment holds.
 */
export function typeHint(
  expected: readonly string[],
  data: unknown,
  fromPlaceholder: boolean,
): string | undefined {
  if (expected.includes("a string") && (typeof data === "number" || typeof data === "boolean")) {
    return `Quote the value so YAML reads it as text: "${String(data)}".`;
  }
  if (typeof data !== "string") return undefined;
  const wantsNumber = expected.includes("a whole number") || expected.includes("a number");
  const wantsBoolean = expected.includes("true or false");
  if (!wantsNumber && !wantsBoolean) return undefined;
  if (fromPlaceholder) {
    return `Placeholders such as \${env:NAME} always produce text; write the ${wantsNumber ? "number" : "true or false"} itself, without a placeholder.`;
  }
  const unquoted = wantsNumber ? /^-?\d+(\.\d+)?$/.test(data.trim()) : /^(true|false)$/.test(data.trim());
  return unquoted
    ? `Remove the quotes so YAML reads it as ${wantsNumber ? "a number" : "true or false"}: ${data.trim()}.`
    : undefined;
}

export function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.column === b.column;
}
