import { conflict, notFound } from "../../aws-error.js";
import { type StoredActionGroup, versionScope } from "../../store/index.js";
import { checkActionGroupDefinition, checkActionGroupQuotas } from "../action-group-rules.js";
import type { ControlPlaneContext, Operation, OperationInput } from "../context.js";
import { findReplay, rememberToken } from "../idempotency.js";
import { optionalBoolean, optionalString, pick, presentMembers, requiredString } from "../input.js";
import {
  draftScope,
  isoNow,
  markDraftEdited,
  newUniqueId,
  openDraft,
  requireVersionExists,
} from "../resources.js";
import { listVersionItems } from "./list-version-items.js";

/** Request members copied as they are; the built-in signature is renamed on the way out (§0 fact 6). */
const DEFINITION = [
  "description",
  "parentActionGroupSignatureParams",
  "actionGroupExecutor",
  "apiSchema",
  "functionSchema",
] as const;

function definitionFrom(input: OperationInput): Partial<StoredActionGroup> {
  checkActionGroupDefinition(input);
  const signature = optionalString(input, "parentActionGroupSignature");
  return {
    actionGroupName: requiredString(input, "actionGroupName"),
    ...(presentMembers(input, DEFINITION) as Partial<StoredActionGroup>),
    ...(signature ? { parentActionSignature: signature } : {}),
    actionGroupState: optionalString(input, "actionGroupState") === "DISABLED" ? "DISABLED" : "ENABLED",
  };
}

/** §8: name uniqueness is unverified; ConflictException is the safer answer. */
function requireUniqueName(ctx: ControlPlaneContext, agentId: string, name: string, exceptId?: string): void {
  const other = ctx.store.actionGroups.findByName(draftScope(agentId), name);
  if (other && other.actionGroupId !== exceptId) {
    throw conflict(`Agent ${agentId} already has an action group named ${name} (${other.actionGroupId}).`);
  }
}

function requireActionGroup(
  ctx: ControlPlaneContext,
  agentId: string,
  version: string,
  id: string,
): StoredActionGroup {
  const group = ctx.store.actionGroups.get(versionScope(agentId, version), id);
  if (!group) throw notFound(`Action group ${id} doesn't exist in version ${version} of agent ${agentId}.`);
  return group;
}

export const CreateAgentActionGroup: Operation = {
  mode: "write",
  run(ctx, input) {
    const agentId = requiredString(input, "agentId");
    const replay = findReplay<{ actionGroupId: string }>(ctx, "CreateAgentActionGroup", agentId, input);
    if (replay) {
      const current = ctx.store.actionGroups.get(draftScope(agentId), replay.ref.actionGroupId);
      return { status: 200, body: { agentActionGroup: current ?? replay.snapshot } };
    }
    const agent = openDraft(ctx, input, "CreateAgentActionGroup");
    const definition = definitionFrom(input);
    const now = isoNow(ctx);
    const group: StoredActionGroup = {
      agentId,
      agentVersion: "DRAFT",
      actionGroupId: newUniqueId((id) => ctx.store.actionGroups.get(draftScope(agentId), id) !== undefined),
      ...(definition as Pick<StoredActionGroup, "actionGroupName" | "actionGroupState">),
      ...definition,
      ...presentMembers(input, ["clientToken"]),
      createdAt: now,
      updatedAt: now,
    };
    requireUniqueName(ctx, agentId, group.actionGroupName);
    checkActionGroupQuotas(ctx, agentId, group);
    ctx.store.actionGroups.insert(draftScope(agentId), group.actionGroupId, group.actionGroupName, group);
    markDraftEdited(ctx, agent);
    rememberToken(ctx, "CreateAgentActionGroup", agentId, input, {
      ref: { actionGroupId: group.actionGroupId },
      snapshot: group,
    });
    return { status: 200, body: { agentActionGroup: group } };
  },
};

export const UpdateAgentActionGroup: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = openDraft(ctx, input, "UpdateAgentActionGroup");
    const current = requireActionGroup(ctx, agent.agentId, "DRAFT", requiredString(input, "actionGroupId"));
    const definition = definitionFrom(input);
    // Full replace (§2.5): omitted members are cleared; identity, token and createdAt stay.
    const group: StoredActionGroup = {
      agentId: current.agentId,
      agentVersion: "DRAFT",
      actionGroupId: current.actionGroupId,
      ...(definition as Pick<StoredActionGroup, "actionGroupName" | "actionGroupState">),
      ...definition,
      ...(current.clientToken ? { clientToken: current.clientToken } : {}),
      createdAt: current.createdAt,
      updatedAt: isoNow(ctx),
    };
    requireUniqueName(ctx, agent.agentId, group.actionGroupName, group.actionGroupId);
    checkActionGroupQuotas(ctx, agent.agentId, group, group.actionGroupId);
    ctx.store.actionGroups.update(
      draftScope(agent.agentId),
      group.actionGroupId,
      group.actionGroupName,
      group,
    );
    markDraftEdited(ctx, agent);
    return { status: 200, body: { agentActionGroup: group } };
  },
};

export const GetAgentActionGroup: Operation = {
  mode: "read",
  run(ctx, input) {
    const agentId = requiredString(input, "agentId");
    const version = requiredString(input, "agentVersion");
    requireVersionExists(ctx, agentId, version);
    const group = requireActionGroup(ctx, agentId, version, requiredString(input, "actionGroupId"));
    return { status: 200, body: { agentActionGroup: group } };
  },
};

const SUMMARY = ["actionGroupId", "actionGroupName", "actionGroupState", "description", "updatedAt"];

export const ListAgentActionGroups = listVersionItems(
  "ListAgentActionGroups",
  "actionGroupSummaries",
  (ctx) => ctx.store.actionGroups,
  (group) => pick(group, SUMMARY),
);

export const DeleteAgentActionGroup: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = openDraft(ctx, input, "DeleteAgentActionGroup");
    const group = requireActionGroup(ctx, agent.agentId, "DRAFT", requiredString(input, "actionGroupId"));
    // "In use" = ENABLED: the console, too, asks to disable an action group before
    // deleting it. Stricter than letting it go; skipResourceInUseCheck overrides.
    if (group.actionGroupState === "ENABLED" && optionalBoolean(input, "skipResourceInUseCheck") !== true) {
      throw conflict(
        `Action group ${group.actionGroupName} (${group.actionGroupId}) is ENABLED and therefore in use. Disable it first, or set skipResourceInUseCheck to true.`,
      );
    }
    ctx.store.actionGroups.delete(draftScope(agent.agentId), group.actionGroupId);
    markDraftEdited(ctx, agent);
    return { status: 204 };
  },
};
