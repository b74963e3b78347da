/**
 * Turns ajv's errors into diagnostics a person can act on: at the offending key or value,
 * naming the field, with the allowed values or a "did you mean" when there is one.
 */
import type { ErrorObject } from "ajv";
import type { Diagnostic, Position } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import { closestMatch, didYouMean } from "./did-you-mean.js";
import { formatPath, pointerToPath } from "./property-path.js";
import {
  KEYS_NOT_INTERPOLATED,
  missingFieldsExplained,
  requiredKey,
  reshaped,
  samePosition,
  typeHint,
} from "./schema-hints.js";
import type { Located, PropertyPath } from "./types.js";

export type Locator = Pick<Located<unknown>, "file" | "locate" | "locateKey">;

export interface SchemaNode {
  properties?: Record<string, unknown>;
  errorMessage?: string;
  patternErrorMessage?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

/**
 * In our schemas `oneOf`/`anyOf`/`not` only express combinations of fields (schema XOR functions,
 * agent XOR aliasArn), which ajv reports as "must match exactly one schema"; the agent rules check
 * those combinations again with precise positions, so their errors are dropped here. `if` only
 * selects a branch: the branch's own errors say what is wrong.
 */
function isRedundant(error: ErrorObject): boolean {
  if (["if", "oneOf", "anyOf", "not", "propertyNames"].includes(error.keyword)) return true;
  return /\/(oneOf|anyOf|not)(\/|$)/.test(error.schemaPath);
}

/** What the schema check knows about the value beyond the value itself. */
export interface SchemaCheckContext {
  /** Where strings start whose `${…}` placeholders were replaced (from `interpolateValue`). */
  replacedAt?: readonly Position[];
}

export function schemaErrorsToDiagnostics(
  errors: readonly ErrorObject[],
  value: unknown,
  doc: Locator,
  context: SchemaCheckContext = {},
): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const explained = missingFieldsExplained(errors.filter((e) => !isRedundant(e)));
  for (const error of errors) {
    if (isRedundant(error)) continue;
    if (error.keyword === "required" && explained.has(requiredKey(error))) continue;
    const d = toDiagnostic(error, pointerToPath(error.instancePath, value), doc, context);
    const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function toDiagnostic(
  error: ErrorObject,
  path: PropertyPath,
  doc: Locator,
  context: SchemaCheckContext,
): Diagnostic {
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  const at = (p: PropertyPath): Position => doc.locate(p);
  const report = (where: Position, code: string, message: string, hint?: string) =>
    diagnostic(doc.file, where, "error", `manifest/${code}`, message, hint);

  // A bad map key (tag key, parameter name): ajv reports it at the map with `propertyName` set.
  if (error.propertyName !== undefined) {
    const keyPath = [...path, error.propertyName];
    const reason = schema.patternErrorMessage ?? capitalise(error.message ?? "is not allowed");
    return report(
      doc.locateKey(keyPath),
      "invalid-value",
      `Invalid key "${error.propertyName}" in ${quoteField(path)}. ${reason}`,
      error.propertyName.includes("${") ? KEYS_NOT_INTERPOLATED : undefined,
    );
  }

  const field = quoteField(path);
  switch (error.keyword) {
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(schema.properties ?? {}).filter((k) => k !== "$schema");
      const where = path.length === 0 ? "" : ` in ${field}`;
      const hint =
        reshaped(error) ??
        (name.includes("${") ? KEYS_NOT_INTERPOLATED : undefined) ??
        didYouMean(name, allowed) ??
        `Allowed fields: ${allowed.join(", ")}.`;
      return report(
        doc.locateKey([...path, name]),
        "unknown-field",
        `Unknown field "${name}"${where}.`,
        hint,
      );
    }
    case "required": {
      const name = String(params.missingProperty);
      const where = path.length === 0 ? "" : ` in ${field}`;
      return report(at(path), "missing-field", `Missing required field "${name}"${where}.`);
    }
    case "type": {
      const data = error.data;
      if (schema.errorMessage) return report(at(path), "wrong-type", `${field}: ${schema.errorMessage}`);
      const expected = ([] as string[]).concat(params.type as string | string[]).map(describeType);
      const got = describeValue(data);
      if (path.length === 0) {
        return report(at(path), "wrong-type", `The file must contain ${expected.join(" or ")}, not ${got}.`);
      }
      return report(
        at(path),
        "wrong-type",
        `${field} must be ${expected.join(" or ")}, not ${got}.`,
        typeHint(expected, data, context.replacedAt?.some((p) => samePosition(p, at(path))) ?? false),
      );
    }
    case "const":
    case "enum": {
      const allowed = (error.keyword === "enum" ? (params.allowedValues as unknown[]) : [params.allowedValue])
        .map(String)
        .filter((v) => v !== "");
      const message =
        schema.errorMessage !== undefined
          ? `${field}: ${schema.errorMessage}`
          : `${field} must be one of ${allowed.join(", ")}; got ${JSON.stringify(error.data)}.`;
      const suggestion = typeof error.data === "string" ? closestMatch(error.data, allowed) : undefined;
      return report(
        at(path),
        "invalid-value",
        message,
        suggestion ? `Did you mean "${suggestion}"?` : undefined,
      );
    }
    case "pattern": {
      const reason = schema.patternErrorMessage ?? `It must match ${String(params.pattern)}.`;
      return report(at(path), "invalid-value", `Invalid ${field}: ${preview(error.data)}. ${reason}`);
    }
    case "minLength":
    case "maxLength": {
      const length = typeof error.data === "string" ? [...error.data].length : 0;
      return report(at(path), "out-of-range", lengthMessage(field, length, schema));
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return report(
        at(path),
        "out-of-range",
        `${field} is ${String(error.data)}; it must be ${range(schema.minimum, schema.maximum, "")}.`,
      );
    case "minItems":
    case "maxItems": {
      const count = Array.isArray(error.data) ? error.data.length : 0;
      const bound = error.keyword === "minItems" ? "at least" : "at most";
      return report(
        doc.locateKey(path),
        "out-of-range",
        `${field} has ${count} item${count === 1 ? "" : "s"}; ${bound} ${String(params.limit)} allowed.`,
      );
    }
    default:
      return report(at(path), "invalid", `${field} ${error.message ?? "is invalid"}.`);
  }
}

function lengthMessage(field: string, length: number, schema: SchemaNode): string {
  const limits = range(schema.minLength, schema.maxLength, " characters");
  const tooShort = schema.minLength !== undefined && length < schema.minLength;
  return `${field} is too ${tooShort ? "short" : "long"} (${length} characters); it must be ${limits}.`;
}

function range(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) return `${min}–${max}${unit}`;
  if (min !== undefined) return `at least ${min}${unit}`;
  return `at most ${max ?? 0}${unit}`;
}

function quoteField(path: PropertyPath): string {
  return path.length === 0 ? "The manifest" : `"${formatPath(path)}"`;
}

function describeType(type: string): string {
  const names: Record<string, string> = {
    object: "a mapping (key: value pairs)",
    array: "a list",
    string: "a string",
    integer: "a whole number",
    number: "a number",
    boolean: "true or false",
    null: "empty",
  };
  return names[type] ?? type;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `a string (${preview(value)})`;
  if (typeof value === "number") return `the number ${value}`;
  return String(value);
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…"` : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
