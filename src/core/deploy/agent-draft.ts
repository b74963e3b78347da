/**
 * Applying one agent's DRAFT changes: create or update the agent (sending every field),
 * its action groups, knowledge-base and collaborator associations, then one prepare.
 */
import { type ApplyContext, mutate } from "./apply-context.js";
import type { DesiredAgent } from "./desired.js";
import { AgentFailedError, step } from "./errors.js";
import type { AgentPlan } from "./plan-types.js";
import type { Agent, AgentStatus, CollaboratorFields } from "./ports.js";
import { HASH_TAG } from "./tags.js";
import { isBedrockRolePropagation, pollUntil, retryPropagation } from "./wait.js";

const TRANSITIONAL: AgentStatus[] = ["CREATING", "PREPARING", "UPDATING", "VERSIONING", "DELETING"];

/** Waits until the agent is in no transitional status, and returns it. */
export async function settleAgent(ctx: ApplyContext, name: string, agentId: string): Promise<Agent> {
  return step(name, "GetAgent", () =>
    pollUntil(
      () => ctx.ports.agents.getAgent(agentId),
      (a) => !TRANSITIONAL.includes(a.agentStatus),
      `agent ${name} (${agentId}) to finish ${"its current transition"}`,
      ctx.wait,
    ),
  );
}

export interface AgentHandle {
  agentId: string;
  agentArn: string;
}

/** Creates the agent when the plan says so; the ownership and record tags go in the same call. */
export async function ensureAgent(
  ctx: ApplyContext,
  plan: AgentPlan,
  agent: DesiredAgent,
  roleChanged: boolean,
): Promise<AgentHandle> {
  const api = ctx.ports.agents;
  if (plan.action === "create") {
    ctx.progress({ agent: agent.name, message: "creating agent", state: "running" });
    const created = await mutate(ctx, agent.name, "CreateAgent", undefined, () =>
      propagation(roleChanged, () =>
        api.createAgent({ ...agent.definition.agent, tags: { ...agent.tags, [HASH_TAG]: agent.hash } }),
      ),
    );
    await settleAgent(ctx, agent.name, created.agentId);
    return { agentId: created.agentId, agentArn: created.agentArn };
  }
  const existing = ctx.deployed.agents.get(agent.name);
  if (!existing) throw new Error(`internal: no deployed agent ${agent.name} to update`);
  const handle = { agentId: existing.agentId, agentArn: existing.agentArn };
  const settle = () => settleAgent(ctx, agent.name, handle.agentId);
  if (plan.fields.length > 0) {
    ctx.progress({ agent: agent.name, message: "updating agent", state: "running" });
    await settle();
    // UpdateAgent replaces the whole resource: every managed field is sent.
    await mutate(
      ctx,
      agent.name,
      "UpdateAgent",
      undefined,
      () => propagation(roleChanged, () => api.updateAgent(handle.agentId, agent.definition.agent)),
      settle,
    );
    await settle();
  }
  if (Object.keys(plan.tags.set).length > 0) {
    await mutate(ctx, agent.name, "TagResource", "agent", () => api.tag(handle.agentArn, plan.tags.set));
  }
  if (plan.tags.remove.length > 0) {
    await mutate(ctx, agent.name, "UntagResource", "agent", () =>
      api.untag(handle.agentArn, plan.tags.remove),
    );
  }
  return handle;
}

function propagation<T>(roleChanged: boolean, fn: () => Promise<T>): Promise<T> {
  return roleChanged ? retryPropagation(fn, isBedrockRolePropagation) : fn();
}

export async function applySubResources(
  ctx: ApplyContext,
  plan: AgentPlan,
  agent: DesiredAgent,
  handle: AgentHandle,
): Promise<void> {
  const api = ctx.ports.agents;
  const { agentId } = handle;
  const settle = () => settleAgent(ctx, agent.name, agentId);
  const groups = new Map(agent.definition.actionGroups.map((g) => [g.actionGroupName, g]));
  for (const change of plan.actionGroups) {
    const fields = groups.get(change.name);
    ctx.progress({
      agent: agent.name,
      message: `action group ${change.name}: ${change.kind}`,
      state: "running",
    });
    if (change.kind === "create" && fields) {
      await mutate(
        ctx,
        agent.name,
        "CreateAgentActionGroup",
        change.name,
        () => api.createActionGroup(agentId, fields),
        settle,
      );
    } else if (change.kind === "update" && fields && change.id) {
      const id = change.id;
      await mutate(
        ctx,
        agent.name,
        "UpdateAgentActionGroup",
        change.name,
        () => api.updateActionGroup(agentId, id, fields),
        settle,
      );
    } else if (change.kind === "delete" && change.id) {
      const id = change.id;
      await mutate(
        ctx,
        agent.name,
        "DeleteAgentActionGroup",
        change.name,
        () => api.deleteActionGroup(agentId, id),
        settle,
      );
    }
  }
  const kbs = new Map(agent.definition.knowledgeBases.map((k) => [k.knowledgeBaseId, k]));
  for (const change of plan.knowledgeBases) {
    // Re-associating is how a description or state changes (the emulator, like older SDKs, has no UpdateAgentKnowledgeBase).
    if (change.kind !== "create") {
      await mutate(
        ctx,
        agent.name,
        "DisassociateAgentKnowledgeBase",
        change.name,
        () => api.disassociateKnowledgeBase(agentId, change.name),
        settle,
      );
    }
    const fields = kbs.get(change.name);
    if (change.kind !== "delete" && fields) {
      await mutate(
        ctx,
        agent.name,
        "AssociateAgentKnowledgeBase",
        change.name,
        () => api.associateKnowledgeBase(agentId, fields),
        settle,
      );
    }
  }
  const collaborators = new Map(agent.definition.collaborators.map((c) => [c.collaboratorName, c]));
  for (const change of plan.collaborators) {
    const def = collaborators.get(change.name);
    if (change.kind === "delete" && change.id) {
      const id = change.id;
      await mutate(
        ctx,
        agent.name,
        "DisassociateAgentCollaborator",
        change.name,
        () => api.disassociateCollaborator(agentId, id),
        settle,
      );
      continue;
    }
    if (!def) continue;
    const aliasArn = def.aliasRef.startsWith("agent:") ? ctx.aliasArns.get(def.aliasRef) : def.aliasRef;
    if (!aliasArn)
      throw new Error(
        `${agent.name}: collaborator ${def.collaboratorName} points at ${def.aliasRef}, which is not deployed.`,
      );
    const fields: CollaboratorFields = {
      collaboratorName: def.collaboratorName,
      collaborationInstruction: def.collaborationInstruction,
      relayConversationHistory: def.relayConversationHistory,
      agentDescriptor: { aliasArn },
    };
    if (change.kind === "create") {
      await mutate(
        ctx,
        agent.name,
        "AssociateAgentCollaborator",
        change.name,
        () => api.associateCollaborator(agentId, fields),
        settle,
      );
    } else if (change.id) {
      const id = change.id;
      await mutate(
        ctx,
        agent.name,
        "UpdateAgentCollaborator",
        change.name,
        () => api.updateCollaborator(agentId, id, fields),
        settle,
      );
    }
  }
}

/** PrepareAgent, then wait: PREPARED, or FAILED with AWS's failureReasons. */
export async function prepare(ctx: ApplyContext, name: string, agentId: string): Promise<Agent> {
  ctx.progress({ agent: name, message: "preparing", state: "running" });
  const settle = () => settleAgent(ctx, name, agentId);
  await settle();
  await mutate(ctx, name, "PrepareAgent", undefined, () => ctx.ports.agents.prepareAgent(agentId), settle);
  const agent = await settle();
  if (agent.agentStatus !== "PREPARED") {
    throw new AgentFailedError(
      name,
      "PrepareAgent",
      agent.failureReasons ?? [],
      agent.recommendedActions ?? [],
    );
  }
  return agent;
}
