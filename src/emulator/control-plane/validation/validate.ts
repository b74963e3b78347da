/**
 * The interpreter: walks a value against a shape and collects problems in model member order. On valid input
 * it allocates only the path strings of the members it descends into; messages are built only on failure.
 *
 * Paths follow Coral: members joined by `.`, list elements `list.1.member` (1-based), map values
 * `map.<key>.member` (as DynamoDB's `requestItems.<table>.member.keys`). Elements of lists and maps of
 * scalars are not reported one by one: Coral reports the whole collection once per aspect
 * (`Member must satisfy constraint: [...]`, `Map keys …`, `Map value …`). JSON `null` counts as absent.
 */
import {
  type CollectionAspect,
  collectionConstraint,
  exactlyOneMember,
  inEnum,
  lengthAtLeast,
  lengthAtMost,
  MUST_NOT_BE_NULL,
  matchesPattern,
  ofType,
  type Problem,
  problem,
  valueAtLeast,
  valueAtMost,
} from "./format.js";
import type { ListShape, MapShape, Shape, StructureShape } from "./schema.js";

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** The type name to report when `value` (non-null) has the wrong JSON type for `shape`. */
function typeMismatch(shape: Shape, value: unknown): string | undefined {
  switch (shape.kind) {
    case "string":
      return typeof value === "string" ? undefined : "string";
    case "integer":
      // Java Integer: a fraction or anything beyond 32 bits cannot be deserialized.
      return typeof value === "number" && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX
        ? undefined
        : "integer";
    case "float":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "float";
    case "boolean":
      return typeof value === "boolean" ? undefined : "boolean";
    case "list":
      return Array.isArray(value) ? undefined : "list";
    case "map":
      return isPlainObject(value) ? undefined : "map";
    case "structure":
      return isPlainObject(value) ? undefined : "structure";
    case "document":
      return undefined;
  }
}

function isScalar(shape: Shape): boolean {
  return (
    shape.kind !== "list" && shape.kind !== "map" && shape.kind !== "structure" && shape.kind !== "document"
  );
}

/**
 * Constraint sentences a correctly typed scalar value breaks (empty when valid). Order: pattern, length,
 * enum, value range — the one public Coral sample with two failures on one member lists pattern first.
 */
function scalarViolations(shape: Shape, value: unknown): string[] | undefined {
  const out: string[] = [];
  if (shape.kind === "string") {
    const s = value as string;
    if (shape.pattern !== undefined && !shape.pattern.regex.test(s))
      out.push(matchesPattern(shape.pattern.display));
    if (shape.max !== undefined && s.length > shape.max) out.push(lengthAtMost(shape.max));
    if (shape.min !== undefined && s.length < shape.min) out.push(lengthAtLeast(shape.min));
    if (shape.enumSet !== undefined && shape.enumValues !== undefined && !shape.enumSet.has(s)) {
      out.push(inEnum(shape.enumValues));
    }
  } else if (shape.kind === "integer" || shape.kind === "float") {
    const n = value as number;
    if (shape.max !== undefined && n > shape.max) out.push(valueAtMost(shape, shape.max));
    if (shape.min !== undefined && n < shape.min) out.push(valueAtLeast(shape, shape.min));
  }
  return out.length === 0 ? undefined : out;
}

/** Validates a present (non-null) value. `sensitive`: an enclosing shape carries the sensitive trait. */
export function visit(shape: Shape, value: unknown, path: string, sensitive: boolean, out: Problem[]): void {
  const hidden = sensitive || shape.redacted;
  const wrongType = typeMismatch(shape, value);
  if (wrongType !== undefined) {
    out.push(problem(path, ofType(wrongType), value, hidden, shape));
    return;
  }
  switch (shape.kind) {
    case "structure":
      visitStructure(shape, value as Record<string, unknown>, path, sensitive || shape.sensitive, out);
      return;
    case "list":
      visitList(shape, value as unknown[], path, sensitive, out);
      return;
    case "map":
      visitMap(shape, value as Record<string, unknown>, path, sensitive, out);
      return;
    default: {
      const violations = scalarViolations(shape, value);
      if (violations !== undefined) {
        for (const constraint of violations) out.push(problem(path, constraint, value, hidden, shape));
      }
    }
  }
}

export function visitStructure(
  shape: StructureShape,
  value: Record<string, unknown>,
  path: string,
  sensitive: boolean,
  out: Problem[],
): void {
  const prefix = path === "" ? "" : `${path}.`;
  if (shape.union) {
    let set = 0;
    for (const member of shape.members) if (!isAbsent(value[member.name])) set++;
    if (set !== 1) {
      const hidden = sensitive || shape.redacted;
      out.push(problem(path, exactlyOneMember(shape.memberNames), value, hidden, shape));
    }
  }
  // Members the model does not name are ignored, as AWS does, so newer clients keep working.
  for (const member of shape.members) {
    const memberValue = value[member.name];
    if (isAbsent(memberValue)) {
      if (member.required) out.push(problem(prefix + member.name, MUST_NOT_BE_NULL, null, false));
      continue;
    }
    visit(member.shape, memberValue, prefix + member.name, sensitive, out);
  }
}

function visitList(
  shape: ListShape,
  value: unknown[],
  path: string,
  sensitive: boolean,
  out: Problem[],
): void {
  const hidden = sensitive || shape.redacted;
  if (shape.max !== undefined && value.length > shape.max) {
    out.push(problem(path, lengthAtMost(shape.max), value, hidden));
  }
  if (shape.min !== undefined && value.length < shape.min) {
    out.push(problem(path, lengthAtLeast(shape.min), value, hidden));
  }
  const member = shape.member;
  if (isScalar(member)) {
    const elementPath = (i: number) => `${path}.${i + 1}.member`;
    visitScalarElements(
      { aspect: "Member", member, elements: value, elementPath, path, collection: value, hidden },
      out,
    );
    return;
  }
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const itemPath = `${path}.${i + 1}.member`;
    if (isAbsent(item)) out.push(problem(itemPath, MUST_NOT_BE_NULL, null, false));
    else visit(member, item, itemPath, sensitive, out);
  }
}

function visitMap(
  shape: MapShape,
  value: Record<string, unknown>,
  path: string,
  sensitive: boolean,
  out: Problem[],
): void {
  const hidden = sensitive || shape.redacted;
  const keys = Object.keys(value);
  if (shape.max !== undefined && keys.length > shape.max) {
    out.push(problem(path, lengthAtMost(shape.max), value, hidden));
  }
  if (shape.min !== undefined && keys.length < shape.min) {
    out.push(problem(path, lengthAtLeast(shape.min), value, hidden));
  }
  // Keys are JSON object keys, always strings: only their constraints can fail. Keys are reported first.
  if (keys.some((key) => scalarViolations(shape.key, key) !== undefined)) {
    out.push(problem(path, collectionConstraint("Map keys", shape.key, false), value, hidden));
  }
  const valueShape = shape.value;
  if (isScalar(valueShape)) {
    const elements = keys.map((key) => value[key]);
    const elementPath = (i: number) => `${path}.${keys[i]}.member`;
    visitScalarElements(
      { aspect: "Map value", member: valueShape, elements, elementPath, path, collection: value, hidden },
      out,
    );
    return;
  }
  for (const key of keys) {
    const item = value[key];
    const itemPath = `${path}.${key}.member`;
    if (isAbsent(item)) out.push(problem(itemPath, MUST_NOT_BE_NULL, null, false));
    else visit(valueShape, item, itemPath, sensitive, out);
  }
}

interface ScalarElements {
  readonly aspect: CollectionAspect;
  readonly member: Shape;
  readonly elements: readonly unknown[];
  readonly elementPath: (index: number) => string;
  /** Where the collection sits, and the collection itself (echoed as a whole, like Coral). */
  readonly path: string;
  readonly collection: unknown;
  readonly hidden: boolean;
}

/**
 * Elements of a scalar type: a wrong JSON type is reported at the element's own path (nothing else could
 * point at it); constraint failures and nulls are folded into one message for the whole collection.
 */
function visitScalarElements(c: ScalarElements, out: Problem[]): void {
  let violated = false;
  let sawNull = false;
  for (let i = 0; i < c.elements.length; i++) {
    const element = c.elements[i];
    if (isAbsent(element)) {
      sawNull = true;
      continue;
    }
    const wrongType = typeMismatch(c.member, element);
    if (wrongType !== undefined) {
      out.push(problem(c.elementPath(i), ofType(wrongType), element, c.hidden, c.member));
    } else if (scalarViolations(c.member, element) !== undefined) {
      violated = true;
    }
  }
  if (violated || sawNull) {
    out.push(problem(c.path, collectionConstraint(c.aspect, c.member, sawNull), c.collection, c.hidden));
  }
}
