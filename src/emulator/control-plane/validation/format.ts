/**
 * The wording of AWS (Coral) validation messages. Only called on the error path.
 *
 * Observed forms this copies (Coral services, collected from public error reports):
 *   `1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must …`
 *   `2 validation errors detected: <first>; <second>`
 *   `Value null at 'name' …: Member must not be null`
 *   `Value at 'system.1.member.text' …` — sensitive members: the value is left out entirely
 *   `Value '[a, b]' at 'list' …: Member must satisfy constraint: [Member must have length …, …]`
 *   `Value '{k=v}' at 'map' …: Map keys must satisfy constraint: [...]` / `Map value must satisfy constraint: [...]`
 * Values are echoed the way Java prints them (`[a, b]`, `{k=v}`, floats as `1.0`).
 */
import type { NumberShape, Shape, StringShape } from "./schema.js";

export interface Problem {
  readonly path: string;
  /** The constraint sentence, also used as the `fieldList` message. */
  readonly constraint: string;
  /** Already formatted: ` 'value'`, ` null`, or empty for a value that must not be echoed. */
  readonly valueText: string;
}

export interface ValidationFailure {
  message: string;
  fieldList: { name: string; message: string }[];
}

export const MUST_NOT_BE_NULL = "Member must not be null";

export function problem(
  path: string,
  constraint: string,
  value: unknown,
  hidden: boolean,
  shape?: Shape,
): Problem {
  let valueText: string;
  if (value === null || value === undefined) valueText = " null";
  else if (hidden) valueText = "";
  else valueText = ` '${renderValue(value, shape)}'`;
  return { path, constraint, valueText };
}

export function toFailure(problems: readonly Problem[]): ValidationFailure {
  const count = problems.length;
  const details = problems.map(
    (p) => `Value${p.valueText} at '${p.path}' failed to satisfy constraint: ${p.constraint}`,
  );
  return {
    message: `${count} validation error${count === 1 ? "" : "s"} detected: ${details.join("; ")}`,
    fieldList: problems.map((p) => ({ name: p.path, message: p.constraint })),
  };
}

/**
 * Echoed values only ever sit where the model expects a scalar or a modeled collection, but a client may
 * send arbitrarily deep JSON there; past this depth we print `…` instead of recursing (Java would not stop,
 * we must not overflow the stack).
 */
const MAX_RENDER_DEPTH = 16;

function renderValue(value: unknown, shape?: Shape, depth = 0): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return shape?.kind === "float" ? javaFloat(value) : String(value);
  if (typeof value !== "object") return String(value);
  if (depth >= MAX_RENDER_DEPTH) return "…";
  if (Array.isArray(value))
    return `[${value.map((item) => renderValue(item, undefined, depth + 1)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${k}=${renderValue(v, undefined, depth + 1)}`).join(", ")}}`;
}

/** Java's `Float.toString` always shows a fraction: `1` → `1.0`. */
function javaFloat(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

function bound(shape: NumberShape, n: number): string {
  return shape.kind === "float" ? javaFloat(n) : String(n);
}

export const lengthAtMost = (n: number): string => `Member must have length less than or equal to ${n}`;
export const lengthAtLeast = (n: number): string => `Member must have length greater than or equal to ${n}`;
export const valueAtMost = (shape: NumberShape, n: number): string =>
  `Member must have value less than or equal to ${bound(shape, n)}`;
export const valueAtLeast = (shape: NumberShape, n: number): string =>
  `Member must have value greater than or equal to ${bound(shape, n)}`;
export const matchesPattern = (display: string): string =>
  `Member must satisfy regular expression pattern: ${display}`;
export const inEnum = (values: readonly string[]): string =>
  `Member must satisfy enum value set: [${values.join(", ")}]`;

/**
 * Wrong JSON types. Coral answers some of these with `SerializationException` (not in the bedrock-agent
 * model, so the SDK would surface an unmodeled error) and its wording is not captured anywhere we could
 * verify. We answer every type mismatch as a ValidationException in the same `Value … at …` form, so a
 * client always gets the modeled error and the exact path.
 */
export const ofType = (type: string): string => `Member must be of type ${type}`;

/** Not a Coral message (unions are newer than Coral's wording); chosen to name the allowed members. */
export const exactlyOneMember = (names: readonly string[]): string =>
  `Member must have exactly one member set, one of: [${names.join(", ")}]`;

/** Every constraint of a scalar shape, in Coral's order (max, min, pattern / value bounds / enum). */
export function allConstraints(shape: Shape): string[] {
  const out: string[] = [];
  if (shape.kind === "string") {
    const s: StringShape = shape;
    if (s.max !== undefined) out.push(lengthAtMost(s.max));
    if (s.min !== undefined) out.push(lengthAtLeast(s.min));
    if (s.pattern !== undefined) out.push(matchesPattern(s.pattern.display));
    if (s.enumValues !== undefined) out.push(inEnum(s.enumValues));
  } else if (shape.kind === "integer" || shape.kind === "float") {
    if (shape.max !== undefined) out.push(valueAtMost(shape, shape.max));
    if (shape.min !== undefined) out.push(valueAtLeast(shape, shape.min));
  }
  return out;
}

export type CollectionAspect = "Member" | "Map keys" | "Map value";

/** `Member must satisfy constraint: [...]` — how Coral reports a bad element of a list or map of scalars. */
export function collectionConstraint(aspect: CollectionAspect, member: Shape, sawNull: boolean): string {
  const constraints = allConstraints(member);
  if (sawNull) constraints.push(MUST_NOT_BE_NULL);
  return `${aspect} must satisfy constraint: [${constraints.join(", ")}]`;
}
