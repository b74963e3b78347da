import { BEDROCK_QUOTAS } from "../../bedrock-quotas.js";
import { quotaExceeded, validationError } from "../aws-error.js";
import type { StoredActionGroup } from "../store/index.js";
import type { ControlPlaneContext, OperationInput } from "./context.js";
import { optionalObject, optionalString } from "./input.js";
import { readOpenApiPayload } from "./openapi-operations.js";
import { draftScope } from "./resources.js";

/** Bedrock service quotas (§3.4), at their defaults. */
export const QUOTAS = {
  ...BEDROCK_QUOTAS,
  /** Not in §3.4; 50 is the usual AWS per-resource tag limit [C]. */
  tagsPerResource: 50,
} as const;

/** A union member (§2.5) must have exactly one of its members set. */
export function checkUnion(value: unknown, field: string): void {
  if (value === undefined || value === null) return;
  const set = Object.values(value as Record<string, unknown>).filter((v) => v !== undefined && v !== null);
  if (set.length !== 1) {
    throw validationError(
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: exactly one member of the union must be set (found ${set.length}).`,
      [{ name: field, message: "Exactly one member of the union must be set" }],
    );
  }
}

/** Shape-independent rules of CreateAgentActionGroup / UpdateAgentActionGroup. */
export function checkActionGroupDefinition(input: OperationInput): void {
  checkUnion(input.actionGroupExecutor, "actionGroupExecutor");
  checkUnion(input.apiSchema, "apiSchema");
  checkUnion(input.functionSchema, "functionSchema");
  if (input.apiSchema !== undefined && input.functionSchema !== undefined) {
    throw validationError(
      "An action group is defined by either apiSchema or functionSchema, not both. Remove one of them.",
      [
        { name: "apiSchema", message: "Cannot be set together with functionSchema" },
        { name: "functionSchema", message: "Cannot be set together with apiSchema" },
      ],
    );
  }
  const signature = optionalString(input, "parentActionGroupSignature");
  if (signature !== undefined) {
    const forbidden = ["description", "apiSchema", "actionGroupExecutor", "functionSchema"].filter(
      (name) => input[name] !== undefined && input[name] !== null,
    );
    if (forbidden.length > 0) {
      throw validationError(
        `A built-in action group (parentActionGroupSignature ${signature}) must leave ${forbidden.join(", ")} empty.`,
        forbidden.map((name) => ({ name, message: `Must be empty when parentActionGroupSignature is set` })),
      );
    }
  }
}

/** Operations an action group offers the model: OpenAPI operations or functions. */
export function apiCount(group: Pick<StoredActionGroup, "apiSchema" | "functionSchema">): number {
  const payload = optionalString(group.apiSchema ?? {}, "payload");
  if (payload !== undefined) return readOpenApiPayload(payload).operations.length;
  const functions = optionalObject(group as OperationInput, "functionSchema")?.functions;
  return Array.isArray(functions) ? functions.length : 0;
}

/**
 * Checks the per-agent action-group quotas with `candidate` in place of the
 * group it replaces. APIs are counted across ENABLED groups only (disabled
 * groups are not offered to the model), like `agentctl validate`'s warning.
 */
export function checkActionGroupQuotas(
  ctx: ControlPlaneContext,
  agentId: string,
  candidate: StoredActionGroup,
  replacingId?: string,
): void {
  const others = ctx.store.actionGroups
    .all(draftScope(agentId))
    .filter((g) => g.actionGroupId !== replacingId);
  if (others.length + 1 > QUOTAS.actionGroupsPerAgent) {
    throw quotaExceeded(
      `Agent ${agentId} already has ${others.length} action groups; the quota "Action groups per Agent" is ${QUOTAS.actionGroupsPerAgent}.`,
    );
  }
  const enabled = [...others, candidate].filter((g) => g.actionGroupState === "ENABLED");
  if (enabled.length > QUOTAS.enabledActionGroupsPerAgent) {
    throw quotaExceeded(
      `Agent ${agentId} would have ${enabled.length} enabled action groups; the quota "Enabled action groups per agent" is ${QUOTAS.enabledActionGroupsPerAgent}.`,
    );
  }
  const apis = enabled.reduce((sum, g) => sum + apiCount(g), 0);
  if (apis > QUOTAS.apisPerAgent) {
    throw quotaExceeded(
      `Agent ${agentId} would have ${apis} APIs across its enabled action groups; the quota "APIs per Agent" is ${QUOTAS.apisPerAgent}.`,
    );
  }
}
