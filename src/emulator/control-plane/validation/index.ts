/**
 * Request validation for the emulator's bedrock-agent control plane, answering like AWS's ValidationException.
 * Pure and synchronous: the HTTP layer merges path labels (decoded), query members and JSON body members
 * into one object keyed by model member names, and turns a returned failure into a 400
 * `ValidationException` with `{ message, fieldList }`.
 */
import type { Problem, ValidationFailure } from "./format.js";
import { toFailure } from "./format.js";
import type { OperationTable, StructureShape } from "./schema.js";
import { ACTION_GROUP_OPERATIONS } from "./shapes-action-groups.js";
import { AGENT_OPERATIONS } from "./shapes-agents.js";
import { ALIAS_VERSION_OPERATIONS } from "./shapes-aliases-versions.js";
import { COLLABORATOR_KB_TAG_OPERATIONS } from "./shapes-collaborators-kb-tags.js";
import { visitStructure } from "./validate.js";

export type { ValidationFailure } from "./format.js";

const TABLES: readonly OperationTable[] = [
  AGENT_OPERATIONS,
  ACTION_GROUP_OPERATIONS,
  ALIAS_VERSION_OPERATIONS,
  COLLABORATOR_KB_TAG_OPERATIONS,
];

const SHAPES: ReadonlyMap<string, StructureShape> = new Map(TABLES.flatMap((table) => Object.entries(table)));

/** Every bedrock-agent operation of aws-behaviour.md §2.1 (all have an input shape). */
export const OPERATIONS: readonly string[] = Object.freeze([...SHAPES.keys()]);

/**
 * Returns undefined when `input` satisfies the model, else every problem found (AWS reports them all, in
 * model member order). Unknown members are ignored, as AWS does for forward compatibility. An unknown
 * operation name is a routing bug, not user input, so it throws.
 */
export function validateRequest(
  operation: string,
  input: Record<string, unknown>,
): ValidationFailure | undefined {
  const shape = SHAPES.get(operation);
  if (shape === undefined) throw new Error(`validateRequest: unknown bedrock-agent operation '${operation}'`);
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new Error(`validateRequest: input for ${operation} must be an object`);
  }
  const problems: Problem[] = [];
  visitStructure(shape, input, "", false, problems);
  return problems.length === 0 ? undefined : toFailure(problems);
}
