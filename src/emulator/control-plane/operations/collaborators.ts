import { conflict, notFound, quotaExceeded, validationError } from "../../aws-error.js";
import { type StoredAgent, type StoredCollaborator, versionScope } from "../../store/index.js";
import { QUOTAS } from "../action-group-rules.js";
import type { ControlPlaneContext, Operation, OperationInput } from "../context.js";
import { findReplay, rememberToken } from "../idempotency.js";
import { optionalObject, optionalString, requiredString } from "../input.js";
import {
  draftScope,
  isoNow,
  markDraftEdited,
  newUniqueId,
  openDraft,
  requireVersionExists,
} from "../resources.js";
import { listVersionItems } from "./list-version-items.js";

const ALIAS_ARN = /^arn:aws:bedrock:([^:]+):(\d{12}):agent-alias\/([0-9a-zA-Z]{10})\/([0-9a-zA-Z]{10})$/;

/** The collaborator must be an existing alias of another agent in this emulator. */
function checkDescriptor(
  ctx: ControlPlaneContext,
  supervisor: StoredAgent,
  input: OperationInput,
): { aliasArn: string } {
  const aliasArn = optionalString(optionalObject(input, "agentDescriptor") ?? {}, "aliasArn");
  const field = [{ name: "agentDescriptor.aliasArn", message: "Must be the ARN of an existing agent alias" }];
  if (aliasArn === undefined) throw validationError("agentDescriptor.aliasArn is required.", field);
  const match = ALIAS_ARN.exec(aliasArn);
  if (!match || match[1] !== ctx.region || match[2] !== ctx.accountId) {
    throw notFound(
      `The collaborator alias ${aliasArn} doesn't exist in ${ctx.region} of account ${ctx.accountId}.`,
    );
  }
  const [, , , agentId, aliasId] = match as unknown as [string, string, string, string, string];
  if (agentId === supervisor.agentId) {
    throw validationError(`Agent ${agentId} cannot be its own collaborator.`, field);
  }
  const alias = ctx.store.aliases.get(agentId, aliasId);
  if (!alias || alias.agentAliasStatus === "DELETING") {
    throw notFound(`The collaborator alias ${aliasArn} doesn't exist.`);
  }
  return { aliasArn };
}

function requireSupervisor(agent: StoredAgent, operation: string): void {
  const mode = agent.agentCollaboration ?? "DISABLED";
  if (mode !== "SUPERVISOR" && mode !== "SUPERVISOR_ROUTER") {
    throw validationError(
      `${operation}: agent ${agent.agentId} has agentCollaboration ${mode}; only a SUPERVISOR or SUPERVISOR_ROUTER agent takes collaborators. Update the agent first.`,
    );
  }
}

/** §8: name uniqueness is unverified; ConflictException is the safer answer. */
function requireUnique(
  ctx: ControlPlaneContext,
  agentId: string,
  name: string,
  aliasArn: string,
  exceptId?: string,
): void {
  for (const other of ctx.store.collaborators.all(draftScope(agentId))) {
    if (other.collaboratorId === exceptId) continue;
    if (other.collaboratorName === name)
      throw conflict(`Agent ${agentId} already has a collaborator named ${name}.`);
    if (other.agentDescriptor.aliasArn === aliasArn) {
      throw conflict(
        `Alias ${aliasArn} is already a collaborator of agent ${agentId} (${other.collaboratorName}).`,
      );
    }
  }
}

function requireCollaborator(
  ctx: ControlPlaneContext,
  agentId: string,
  version: string,
  id: string,
): StoredCollaborator {
  const found = ctx.store.collaborators.get(versionScope(agentId, version), id);
  if (!found) throw notFound(`Collaborator ${id} doesn't exist in version ${version} of agent ${agentId}.`);
  return found;
}

function definitionFrom(ctx: ControlPlaneContext, agent: StoredAgent, input: OperationInput) {
  return {
    agentDescriptor: checkDescriptor(ctx, agent, input),
    collaboratorName: requiredString(input, "collaboratorName"),
    collaborationInstruction: requiredString(input, "collaborationInstruction"),
    relayConversationHistory: optionalString(input, "relayConversationHistory") ?? "DISABLED",
  };
}

export const AssociateAgentCollaborator: Operation = {
  mode: "write",
  run(ctx, input) {
    const agentId = requiredString(input, "agentId");
    const replay = findReplay<{ collaboratorId: string }>(ctx, "AssociateAgentCollaborator", agentId, input);
    if (replay) {
      const current = ctx.store.collaborators.get(draftScope(agentId), replay.ref.collaboratorId);
      return { status: 200, body: { agentCollaborator: current ?? replay.snapshot } };
    }
    const agent = openDraft(ctx, input, "AssociateAgentCollaborator");
    requireSupervisor(agent, "AssociateAgentCollaborator");
    const definition = definitionFrom(ctx, agent, input);
    requireUnique(ctx, agentId, definition.collaboratorName, definition.agentDescriptor.aliasArn);
    const scope = draftScope(agentId);
    if (ctx.store.collaborators.count(scope) >= QUOTAS.collaboratorsPerAgent) {
      throw quotaExceeded(
        `Agent ${agentId} already has ${QUOTAS.collaboratorsPerAgent} collaborators, the "Agent Collaborators per Agent" quota.`,
      );
    }
    const now = isoNow(ctx);
    const collaborator: StoredCollaborator = {
      agentId,
      agentVersion: "DRAFT",
      collaboratorId: newUniqueId((id) => ctx.store.collaborators.get(scope, id) !== undefined),
      ...definition,
      ...(typeof input.clientToken === "string" ? { clientToken: input.clientToken } : {}),
      createdAt: now,
      lastUpdatedAt: now,
    };
    ctx.store.collaborators.insert(
      scope,
      collaborator.collaboratorId,
      collaborator.collaboratorName,
      collaborator,
    );
    markDraftEdited(ctx, agent);
    rememberToken(ctx, "AssociateAgentCollaborator", agentId, input, {
      ref: { collaboratorId: collaborator.collaboratorId },
      snapshot: collaborator,
    });
    return { status: 200, body: { agentCollaborator: collaborator } };
  },
};

export const UpdateAgentCollaborator: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = openDraft(ctx, input, "UpdateAgentCollaborator");
    const current = requireCollaborator(ctx, agent.agentId, "DRAFT", requiredString(input, "collaboratorId"));
    const definition = definitionFrom(ctx, agent, input);
    requireUnique(
      ctx,
      agent.agentId,
      definition.collaboratorName,
      definition.agentDescriptor.aliasArn,
      current.collaboratorId,
    );
    const collaborator: StoredCollaborator = {
      agentId: current.agentId,
      agentVersion: "DRAFT",
      collaboratorId: current.collaboratorId,
      ...definition,
      ...(current.clientToken ? { clientToken: current.clientToken } : {}),
      createdAt: current.createdAt,
      lastUpdatedAt: isoNow(ctx),
    };
    ctx.store.collaborators.update(
      draftScope(agent.agentId),
      collaborator.collaboratorId,
      collaborator.collaboratorName,
      collaborator,
    );
    markDraftEdited(ctx, agent);
    return { status: 200, body: { agentCollaborator: collaborator } };
  },
};

export const GetAgentCollaborator: Operation = {
  mode: "read",
  run(ctx, input) {
    const agentId = requiredString(input, "agentId");
    const version = requiredString(input, "agentVersion");
    requireVersionExists(ctx, agentId, version);
    const found = requireCollaborator(ctx, agentId, version, requiredString(input, "collaboratorId"));
    return { status: 200, body: { agentCollaborator: found } };
  },
};

// AgentCollaboratorSummary has the same members as AgentCollaborator except clientToken.
export const ListAgentCollaborators = listVersionItems(
  "ListAgentCollaborators",
  "agentCollaboratorSummaries",
  (ctx) => ctx.store.collaborators,
  ({ clientToken: _token, ...summary }) => summary,
);

export const DisassociateAgentCollaborator: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = openDraft(ctx, input, "DisassociateAgentCollaborator");
    const found = requireCollaborator(ctx, agent.agentId, "DRAFT", requiredString(input, "collaboratorId"));
    ctx.store.collaborators.delete(draftScope(agent.agentId), found.collaboratorId);
    markDraftEdited(ctx, agent);
    return { status: 204 };
  },
};
