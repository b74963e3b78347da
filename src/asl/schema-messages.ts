/**
 * Says what asl-validator's schema expects of a field, from the failing
 * keywords and their schema nodes: "must be a positive integer or a JSONata
 * expression written {% … %}" rather than "has a value of the wrong type".
 * `oneOf` alternatives fail one by one at the same place; their expectations
 * are joined with "or".
 */
import type { ErrorObject } from "ajv";
import type { PropertyPath } from "../manifest/types.js";
import { didYouMean } from "../source/did-you-mean.js";
import { pointerToPath } from "./states.js";

export interface SchemaMessage {
  /** Where the problem is, relative to the field. */
  path: PropertyPath;
  /** Completes "<field path> …". */
  message: string;
  hint?: string;
}

interface SchemaNode {
  type?: string | string[];
  pattern?: unknown;
  format?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  properties?: Record<string, unknown>;
}

export function describeSchemaErrors(
  errors: readonly ErrorObject[],
  value: unknown,
  field: string,
): SchemaMessage {
  const located = errors.map((error) => ({ error, path: pointerToPath(value, error.instancePath) }));
  const depth = Math.max(...located.map((l) => l.path.length));
  const deepest = located.filter((l) => l.path.length === depth);
  const path = deepest[0]?.path ?? [];
  const group = deepest.map((l) => l.error).filter((e) => e.keyword !== "oneOf");

  const missing = group.find((e) => e.keyword === "required");
  if (missing) return { path, message: `needs "${String(missing.params.missingProperty)}".` };
  const extra = group.find((e) => e.keyword === "additionalProperties");
  if (extra) {
    const name = String(extra.params.additionalProperty);
    const allowed = Object.keys((extra.parentSchema as SchemaNode | undefined)?.properties ?? {});
    return {
      path: [...path, name],
      message: "is not allowed here.",
      hint: didYouMean(name, allowed) ?? (allowed.length > 0 ? `Allowed: ${allowed.join(", ")}.` : undefined),
    };
  }
  if (field === "Resource" && path.length === 0) {
    return {
      path,
      message:
        "must be an ARN, e.g. arn:aws:states:::lambda:invoke or arn:aws:lambda:us-east-1:123456789012:function:my-function.",
      hint: "To call an agent of this project, write `Resource: agentctl:invokeAgent`.",
    };
  }
  const expected = [...new Set(group.map(expectation))];
  const data = deepest[0]?.error.data;
  return {
    path,
    message: expected.length > 0 ? `must be ${orList(expected)}.` : "does not have an allowed form.",
    hint: quotedHint(expected, data),
  };
}

function expectation(error: ErrorObject): string {
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  // A schema that describes a kind of string (JSONata, placeholder, ARN…) says more than its `type`.
  if (typeof schema.pattern === "string") return patternName(schema.pattern);
  if (typeof schema.format === "string") return formatName(schema.format);
  switch (error.keyword) {
    case "enum":
      return orList(
        (params.allowedValues as unknown[]).map((v) => (typeof v === "string" ? `"${v}"` : String(v))),
      );
    case "const":
      return JSON.stringify(params.allowedValue);
    case "format":
      return formatName(String(params.format));
    case "pattern":
      return patternName(String(params.pattern));
    case "minItems":
      return `a list of at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}`;
    case "minLength":
      return "a non-empty string";
    default:
      return typeName(schema);
  }
}

function typeName(schema: SchemaNode): string {
  const types = ([] as string[]).concat(schema.type ?? []);
  const numeric = types.find((t) => t === "integer" || t === "number");
  const names = types
    .filter((t) => t !== numeric)
    .map(
      (t) =>
        ({
          string: "a string",
          object: "an object",
          array: "a list",
          boolean: "true or false",
          null: "null",
        })[t] ?? t,
    );
  if (numeric) names.unshift(numberName(numeric, schema));
  return names.length > 0 ? orList(names) : "a different value";
}

function numberName(noun: string, { minimum: min, maximum: max, exclusiveMinimum }: SchemaNode): string {
  if (exclusiveMinimum === 0 || (min === 1 && noun === "integer" && max === undefined))
    return `a positive ${noun}`;
  if (min === 0 && max === undefined) return `a non-negative ${noun}`;
  const article = noun === "integer" ? "an" : "a";
  if (min !== undefined && max !== undefined) return `${article} ${noun} from ${min} to ${max}`;
  if (min !== undefined) return `${article} ${noun} of at least ${min}`;
  if (max !== undefined) return `${article} ${noun} of at most ${max}`;
  return `${article} ${noun}`;
}

function formatName(format: string): string {
  if (format === "date-time")
    return 'a timestamp such as "2025-01-31T23:59:59Z" (RFC 3339, uppercase T and Z)';
  if (format === "asl_arn") return "an ARN";
  if (format.startsWith("asl_")) return 'a valid path (e.g. "$.order")';
  return `a valid ${format}`;
}

function patternName(pattern: string): string {
  if (pattern.startsWith("^\\{%")) return "a JSONata expression written {% … %}";
  if (pattern.startsWith("^\\$\\{")) return `a \${…} placeholder`;
  if (pattern.startsWith("^(?!\\{%")) return "non-empty text";
  return `text matching ${pattern}`;
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** `TimeoutSeconds: "30"` in YAML is text; the fix is to drop the quotes. */
function quotedHint(expected: readonly string[], data: unknown): string | undefined {
  if (typeof data !== "string") return undefined;
  const wantsNumber = expected.some((e) => /integer|number/.test(e));
  if (wantsNumber && /^-?\d+(\.\d+)?$/.test(data.trim()))
    return `Remove the quotes so YAML reads it as a number: ${data.trim()}.`;
  if (expected.includes("true or false") && /^(true|false)$/.test(data.trim()))
    return `Remove the quotes so YAML reads it as ${data.trim()}.`;
  return undefined;
}
