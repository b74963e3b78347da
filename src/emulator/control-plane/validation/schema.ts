/**
 * A tiny declarative form of the Smithy shapes bedrock-agent requests use. Shape files describe operations as
 * data with the builders below; `validate.ts` interprets them. Builders precompute what the hot path needs
 * (enum sets, member arrays, whether a value may be echoed) so validating a request allocates nothing on
 * success.
 */
import { PATTERNS, type Pattern, type PatternName } from "./patterns.js";

interface ShapeBase {
  /** The model's `sensitive` trait; everything below a sensitive shape is sensitive too. */
  readonly sensitive: boolean;
  /**
   * Sensitive, or contains a sensitive member somewhere below: AWS never echoes such values (observed on
   * Coral services: `Value at 'system.1.member.text' failed…`), so neither do we.
   */
  readonly redacted: boolean;
}

export interface StringShape extends ShapeBase {
  readonly kind: "string";
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: Pattern;
  readonly enumValues?: readonly string[];
  readonly enumSet?: ReadonlySet<string>;
}

export interface NumberShape extends ShapeBase {
  /** `float` bounds and values are printed the Java way (`1.0`), as Coral does. */
  readonly kind: "integer" | "float";
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanShape extends ShapeBase {
  readonly kind: "boolean";
}

/** Free-form JSON (`additionalModelRequestFields`): any value is accepted. */
export interface DocumentShape extends ShapeBase {
  readonly kind: "document";
}

export interface ListShape extends ShapeBase {
  readonly kind: "list";
  readonly member: Shape;
  readonly min?: number;
  readonly max?: number;
}

export interface MapShape extends ShapeBase {
  readonly kind: "map";
  readonly key: StringShape;
  readonly value: Shape;
  readonly min?: number;
  readonly max?: number;
}

export interface MemberEntry {
  readonly name: string;
  readonly shape: Shape;
  readonly required: boolean;
}

export interface StructureShape extends ShapeBase {
  readonly kind: "structure";
  /** A Smithy union: exactly one member must be set. */
  readonly union: boolean;
  /** Model order: AWS reports problems member by member in this order. */
  readonly members: readonly MemberEntry[];
  readonly memberNames: readonly string[];
}

export type Shape =
  | StringShape
  | NumberShape
  | BooleanShape
  | DocumentShape
  | ListShape
  | MapShape
  | StructureShape;

export function string(
  options: {
    min?: number;
    max?: number;
    pattern?: PatternName;
    enum?: readonly string[];
    sensitive?: boolean;
  } = {},
): StringShape {
  return {
    kind: "string",
    sensitive: options.sensitive === true,
    redacted: options.sensitive === true,
    ...(options.min !== undefined && { min: options.min }),
    ...(options.max !== undefined && { max: options.max }),
    ...(options.pattern !== undefined && { pattern: PATTERNS[options.pattern] }),
    ...(options.enum !== undefined && { enumValues: options.enum, enumSet: new Set(options.enum) }),
  };
}

export function enumOf(...values: string[]): StringShape {
  return string({ enum: values });
}

export function integer(options: { min?: number; max?: number } = {}): NumberShape {
  return { kind: "integer", sensitive: false, redacted: false, ...options };
}

export function float(options: { min?: number; max?: number } = {}): NumberShape {
  return { kind: "float", sensitive: false, redacted: false, ...options };
}

export const boolean: BooleanShape = { kind: "boolean", sensitive: false, redacted: false };

export const document: DocumentShape = { kind: "document", sensitive: false, redacted: false };

export function list(member: Shape, options: { min?: number; max?: number } = {}): ListShape {
  return { kind: "list", member, sensitive: false, redacted: member.redacted, ...options };
}

export function map(key: StringShape, value: Shape, options: { min?: number; max?: number } = {}): MapShape {
  return { kind: "map", key, value, sensitive: false, redacted: key.redacted || value.redacted, ...options };
}

type MemberSpec = Shape | { shape: Shape; required: true };

function buildStructure(
  specs: Record<string, MemberSpec>,
  union: boolean,
  sensitive: boolean,
): StructureShape {
  const members: MemberEntry[] = Object.entries(specs).map(([name, spec]) =>
    "kind" in spec ? { name, shape: spec, required: false } : { name, shape: spec.shape, required: true },
  );
  return {
    kind: "structure",
    union,
    members,
    memberNames: members.map((m) => m.name),
    sensitive,
    redacted: sensitive || members.some((m) => m.shape.redacted),
  };
}

/** Marks a structure member as required (`Member must not be null` when absent or JSON null). */
export function required(shape: Shape): { shape: Shape; required: true } {
  return { shape, required: true };
}

export function structure(
  members: Record<string, MemberSpec>,
  options: { sensitive?: boolean } = {},
): StructureShape {
  return buildStructure(members, false, options.sensitive === true);
}

export function union(members: Record<string, Shape>): StructureShape {
  return buildStructure(members, true, false);
}

/** An operation's input: path labels, query members and body members, merged, keyed by member name. */
export const operation = structure;

export type OperationTable = Readonly<Record<string, StructureShape>>;
