import { conflict, quotaExceeded } from "../../aws-error.js";
import { AGENT_SCOPE, type AgentDefinition, type StoredAgent, type StoredAlias } from "../../store/index.js";
import { checkUnion, QUOTAS } from "../action-group-rules.js";
import type { ControlPlaneContext, Operation, OperationInput } from "../context.js";
import { findReplay, rememberToken } from "../idempotency.js";
import { optionalBoolean, optionalNumber, pick, presentMembers, requiredString } from "../input.js";
import { scheduleTransition, Transition } from "../lifecycle.js";
import { paginate } from "../pagination.js";
import { checkPromptOverride } from "../prompt-override-rules.js";
import {
  agentArn,
  aliasArn,
  DRAFT,
  isoNow,
  newUniqueId,
  requireAgent,
  requireSettled,
  saveAgent,
  TEST_ALIAS_ID,
  TEST_ALIAS_NAME,
} from "../resources.js";
import { applyCreateTags } from "./tags.js";

/** Optional definition members, replaced wholesale by UpdateAgent (§2.5). */
const OPTIONAL_DEFINITION = [
  "instruction",
  "foundationModel",
  "description",
  "customOrchestration",
  "agentResourceRoleArn",
  "customerEncryptionKeyArn",
  "promptOverrideConfiguration",
  "guardrailConfiguration",
  "memoryConfiguration",
] as const;

/**
 * §2.5 defaults [C]. idleSessionTTLInSeconds: the response member is required
 * and 600 is what is commonly seen; §8 marks it unverified.
 */
const DEFAULT_IDLE_SESSION_TTL = 600;

function definitionFrom(input: OperationInput): AgentDefinition {
  checkUnion(
    (input.customOrchestration as { executor?: unknown } | undefined)?.executor,
    "customOrchestration.executor",
  );
  checkPromptOverride(input);
  return {
    agentName: requiredString(input, "agentName"),
    ...(presentMembers(input, OPTIONAL_DEFINITION) as Partial<AgentDefinition>),
    idleSessionTTLInSeconds: optionalNumber(input, "idleSessionTTLInSeconds") ?? DEFAULT_IDLE_SESSION_TTL,
    orchestrationType: (input.orchestrationType as string | undefined) ?? "DEFAULT",
    agentCollaboration: (input.agentCollaboration as string | undefined) ?? "DISABLED",
  };
}

/** Agent names are unique per account. §8: unverified; ConflictException is the safer answer. */
function requireUniqueName(ctx: ControlPlaneContext, name: string, exceptAgentId?: string): void {
  const other = ctx.store.agents.findByName(AGENT_SCOPE, name);
  if (other && other.agentId !== exceptAgentId) {
    throw conflict(`An agent named ${name} already exists (${other.agentId}). Agent names must be unique.`);
  }
}

export const CreateAgent: Operation = {
  mode: "write",
  run(ctx, input) {
    const replay = findReplay<{ agentId: string }>(ctx, "CreateAgent", AGENT_SCOPE, input);
    if (replay) {
      const current = ctx.store.agents.get(AGENT_SCOPE, replay.ref.agentId);
      return { status: 202, body: { agent: current ?? replay.snapshot } };
    }
    const definition = definitionFrom(input);
    requireUniqueName(ctx, definition.agentName);
    if (ctx.store.agents.count(AGENT_SCOPE) >= QUOTAS.agentsPerAccount) {
      throw quotaExceeded(
        `This account already has ${QUOTAS.agentsPerAccount} agents, the "Agents per account" quota.`,
      );
    }
    const agentId = newUniqueId((id) => ctx.store.agents.get(AGENT_SCOPE, id) !== undefined);
    const now = isoNow(ctx);
    const agent: StoredAgent = {
      agentId,
      agentArn: agentArn(ctx, agentId),
      agentVersion: DRAFT,
      ...definition,
      ...presentMembers(input, ["clientToken"]),
      agentStatus: "CREATING",
      createdAt: now,
      updatedAt: now,
    };
    ctx.store.agents.insert(AGENT_SCOPE, agentId, agent.agentName, agent);
    ctx.store.aliases.insert(agentId, TEST_ALIAS_ID, TEST_ALIAS_NAME, testAlias(ctx, agentId, now));
    applyCreateTags(ctx, agent.agentArn, input);
    scheduleTransition(ctx, agentId, Transition.AgentCreated);
    rememberToken(ctx, "CreateAgent", AGENT_SCOPE, input, { ref: { agentId }, snapshot: agent });
    return { status: 202, body: { agent } };
  },
};

/** Every agent has TSTALIASID routing to DRAFT (§3.2). */
function testAlias(ctx: ControlPlaneContext, agentId: string, now: string): StoredAlias {
  return {
    agentId,
    agentAliasId: TEST_ALIAS_ID,
    agentAliasName: TEST_ALIAS_NAME,
    agentAliasArn: aliasArn(ctx, agentId, TEST_ALIAS_ID),
    routingConfiguration: [{ agentVersion: DRAFT }],
    createdAt: now,
    updatedAt: now,
    agentAliasHistoryEvents: [{ routingConfiguration: [{ agentVersion: DRAFT }], startDate: now }],
    agentAliasStatus: "PREPARED",
    aliasInvocationState: "ACCEPT_INVOCATIONS",
  };
}

export const UpdateAgent: Operation = {
  mode: "write",
  run(ctx, input) {
    const current = requireAgent(ctx, requiredString(input, "agentId"));
    requireSettled(current, "UpdateAgent");
    const definition = definitionFrom(input);
    requireUniqueName(ctx, definition.agentName, current.agentId);
    // Full replace: members the caller omits are cleared (§2.5), identity and history are kept.
    const agent: StoredAgent = {
      agentId: current.agentId,
      agentArn: current.agentArn,
      agentVersion: DRAFT,
      ...definition,
      ...(current.clientToken ? { clientToken: current.clientToken } : {}),
      agentStatus: "UPDATING",
      createdAt: current.createdAt,
      updatedAt: isoNow(ctx),
      ...(current.preparedAt ? { preparedAt: current.preparedAt } : {}),
    };
    saveAgent(ctx, agent);
    scheduleTransition(ctx, agent.agentId, Transition.AgentUpdated);
    return { status: 202, body: { agent } };
  },
};

export const GetAgent: Operation = {
  mode: "read",
  run(ctx, input) {
    return { status: 200, body: { agent: requireAgent(ctx, requiredString(input, "agentId")) } };
  },
};

const AGENT_SUMMARY = [
  "agentId",
  "agentName",
  "agentStatus",
  "description",
  "updatedAt",
  "guardrailConfiguration",
];

export const ListAgents: Operation = {
  mode: "read",
  run(ctx, input) {
    const page = paginate(ctx.store.agents, AGENT_SCOPE, input, "ListAgents");
    const agentSummaries = page.items.map((agent) => ({
      ...pick(agent, AGENT_SUMMARY),
      latestAgentVersion: ctx.store.versions.lastId(agent.agentId) ?? DRAFT,
    }));
    return {
      status: 200,
      body: { agentSummaries, ...(page.nextToken ? { nextToken: page.nextToken } : {}) },
    };
  },
};

export const DeleteAgent: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = requireAgent(ctx, requiredString(input, "agentId"));
    const body = { agentId: agent.agentId, agentStatus: "DELETING" };
    // DeleteAgent is idempotent in the model: a repeat while DELETING answers the same.
    if (agent.agentStatus === "DELETING") return { status: 202, body };
    if (optionalBoolean(input, "skipResourceInUseCheck") !== true) {
      // "In use" = routed to by an alias other than the built-in test alias.
      const aliases = ctx.store.aliases
        .all(agent.agentId)
        .filter((a) => a.agentAliasId !== TEST_ALIAS_ID && a.agentAliasStatus !== "DELETING");
      if (aliases.length > 0) {
        throw conflict(
          `Agent ${agent.agentId} is in use by ${aliases.length} alias(es) (${aliases.map((a) => a.agentAliasName).join(", ")}). Delete the aliases first, or set skipResourceInUseCheck to true.`,
        );
      }
    }
    // Deletion overrides whatever was in progress (§3.1: any status → DELETING).
    ctx.scheduler.cancelForAgent(agent.agentId);
    agent.agentStatus = "DELETING";
    agent.updatedAt = isoNow(ctx);
    saveAgent(ctx, agent);
    scheduleTransition(ctx, agent.agentId, Transition.AgentDeleted);
    return { status: 202, body };
  },
};
