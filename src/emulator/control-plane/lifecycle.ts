import { AGENT_SCOPE, type StoredTransition, versionScope } from "../store/index.js";
import { type TransitionDelayKind, transitionDelayMs } from "../timing.js";
import type { ControlPlaneContext } from "./context.js";
import { agentArn, aliasArn, isoNow, saveAgent } from "./resources.js";

/** Every asynchronous change the control plane schedules (§3.1–3.2). */
export const Transition = {
  AgentCreated: "AgentCreated",
  AgentUpdated: "AgentUpdated",
  AgentPrepared: "AgentPrepared",
  AliasReady: "AliasReady",
  AliasDeleted: "AliasDeleted",
  VersionDeleted: "VersionDeleted",
  AgentDeleted: "AgentDeleted",
} as const;
export type TransitionKind = (typeof Transition)[keyof typeof Transition];

const DELAY: Record<TransitionKind, TransitionDelayKind> = {
  AgentCreated: "create",
  AgentUpdated: "update",
  AgentPrepared: "prepare",
  AliasReady: "alias",
  AliasDeleted: "delete",
  VersionDeleted: "delete",
  AgentDeleted: "delete",
};

export interface PrepareOutcome {
  failureReasons?: string[];
  recommendedActions?: string[];
}

export interface AliasReadyPayload {
  aliasId: string;
  /** True when the alias call snapshotted a new version (agent is VERSIONING). */
  versioning: boolean;
}

export function scheduleTransition(
  ctx: ControlPlaneContext,
  agentId: string,
  kind: TransitionKind,
  payload: Record<string, unknown> = {},
  delayKind: TransitionDelayKind = DELAY[kind],
): void {
  ctx.scheduler.schedule(agentId, kind, transitionDelayMs(ctx.latency, delayKind), payload);
}

/**
 * Applies one due transition. Each checks the state it expects first: a
 * transition overtaken by events (the agent was deleted meanwhile) does nothing.
 */
export function applyTransition(ctx: ControlPlaneContext, transition: StoredTransition): void {
  const { agentId, payload } = transition;
  const agent = ctx.store.agents.get(AGENT_SCOPE, agentId);
  if (!agent) return;
  const now = isoNow(ctx);
  switch (transition.kind as TransitionKind) {
    case "AgentCreated":
    case "AgentUpdated": {
      const from = transition.kind === "AgentCreated" ? "CREATING" : "UPDATING";
      if (agent.agentStatus !== from) return;
      agent.agentStatus = "NOT_PREPARED";
      agent.updatedAt = now;
      saveAgent(ctx, agent);
      return;
    }
    case "AgentPrepared": {
      if (agent.agentStatus !== "PREPARING") return;
      const outcome = payload as PrepareOutcome;
      if (outcome.failureReasons && outcome.failureReasons.length > 0) {
        agent.agentStatus = "FAILED";
        agent.failureReasons = outcome.failureReasons;
        agent.recommendedActions = outcome.recommendedActions ?? [];
      } else {
        agent.agentStatus = "PREPARED";
        agent.preparedAt = now;
        delete agent.failureReasons;
        delete agent.recommendedActions;
      }
      agent.updatedAt = now;
      saveAgent(ctx, agent);
      return;
    }
    case "AliasReady": {
      const { aliasId, versioning } = payload as unknown as AliasReadyPayload;
      if (versioning && agent.agentStatus === "VERSIONING") {
        agent.agentStatus = "PREPARED";
        agent.updatedAt = now;
        saveAgent(ctx, agent);
      }
      const alias = ctx.store.aliases.get(agentId, aliasId);
      if (alias && (alias.agentAliasStatus === "CREATING" || alias.agentAliasStatus === "UPDATING")) {
        alias.agentAliasStatus = "PREPARED";
        alias.updatedAt = now;
        ctx.store.aliases.update(agentId, aliasId, alias.agentAliasName, alias);
      }
      return;
    }
    case "AliasDeleted": {
      const aliasId = String(payload.aliasId);
      ctx.store.aliases.delete(agentId, aliasId);
      ctx.store.tags.delete(aliasArn(ctx, agentId, aliasId));
      return;
    }
    case "VersionDeleted": {
      const version = String(payload.version);
      ctx.store.versions.delete(agentId, version);
      const scope = versionScope(agentId, version);
      ctx.store.actionGroups.deleteScope(scope);
      ctx.store.collaborators.deleteScope(scope);
      ctx.store.knowledgeBases.deleteScope(scope);
      return;
    }
    case "AgentDeleted": {
      if (agent.agentStatus !== "DELETING") return;
      deleteAgentTree(ctx, agentId);
      return;
    }
  }
}

function deleteAgentTree(ctx: ControlPlaneContext, agentId: string): void {
  const { store } = ctx;
  store.agents.delete(AGENT_SCOPE, agentId);
  for (const collection of [
    store.versions,
    store.actionGroups,
    store.aliases,
    store.collaborators,
    store.knowledgeBases,
  ]) {
    collection.deleteTree(agentId);
  }
  store.tags.delete(agentArn(ctx, agentId));
  store.tags.deletePrefix(`${aliasArn(ctx, agentId, "")}`);
  store.transitions.deleteForAgent(agentId);
}
