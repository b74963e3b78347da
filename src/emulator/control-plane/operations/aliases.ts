import { conflict, notFound, quotaExceeded, validationError } from "../../aws-error.js";
import type { StoredAlias } from "../../store/index.js";
import { QUOTAS } from "../action-group-rules.js";
import type { ControlPlaneContext, Operation } from "../context.js";
import { findReplay, rememberToken } from "../idempotency.js";
import { optionalString, pick, presentMembers, requiredString } from "../input.js";
import { scheduleTransition, Transition } from "../lifecycle.js";
import { paginate } from "../pagination.js";
import { aliasArn, isoNow, newUniqueId, requireAgent, requireSettled, TEST_ALIAS_ID } from "../resources.js";
import { recordRerouting, resolveRouting } from "./alias-routing.js";
import { applyCreateTags } from "./tags.js";

function requireAlias(ctx: ControlPlaneContext, agentId: string, aliasId: string): StoredAlias {
  const alias = ctx.store.aliases.get(agentId, aliasId);
  if (!alias) throw notFound(`Alias ${aliasId} of agent ${agentId} doesn't exist.`);
  return alias;
}

/** §8 leaves TSTALIASID's mutability open; the safer choice is that it is fixed: always DRAFT, never deleted. */
function refuseTestAlias(aliasId: string, operation: string): void {
  if (aliasId === TEST_ALIAS_ID) {
    throw validationError(
      `${operation}: ${TEST_ALIAS_ID} is the built-in test alias; it always routes to DRAFT and cannot be changed or deleted.`,
      [{ name: "agentAliasId", message: `Cannot be ${TEST_ALIAS_ID}` }],
    );
  }
}

/** §8: alias-name uniqueness is unverified; ConflictException is the safer answer. */
function requireUniqueName(ctx: ControlPlaneContext, agentId: string, name: string, exceptId?: string): void {
  const other = ctx.store.aliases.findByName(agentId, name);
  if (other && other.agentAliasId !== exceptId) {
    throw conflict(`Agent ${agentId} already has an alias named ${name} (${other.agentAliasId}).`);
  }
}

export const CreateAgentAlias: Operation = {
  mode: "write",
  run(ctx, input) {
    const agentId = requiredString(input, "agentId");
    const replay = findReplay<{ agentAliasId: string }>(ctx, "CreateAgentAlias", agentId, input);
    if (replay) {
      const current = ctx.store.aliases.get(agentId, replay.ref.agentAliasId);
      return { status: 202, body: { agentAlias: current ?? replay.snapshot } };
    }
    const agent = requireAgent(ctx, agentId);
    requireSettled(agent, "CreateAgentAlias");
    const name = requiredString(input, "agentAliasName");
    requireUniqueName(ctx, agentId, name);
    // TSTALIASID is built in and not counted against "Associated aliases per Agent".
    const userAliases = ctx.store.aliases.count(agentId) - 1;
    if (userAliases >= QUOTAS.aliasesPerAgent) {
      throw quotaExceeded(
        `Agent ${agentId} already has ${userAliases} aliases; the quota "Associated aliases per Agent" is ${QUOTAS.aliasesPerAgent}.`,
      );
    }
    const { routing, versioning } = resolveRouting(ctx, agent, input, "CreateAgentAlias");
    const aliasId = newUniqueId((id) => ctx.store.aliases.get(agentId, id) !== undefined);
    const now = isoNow(ctx);
    const alias: StoredAlias = {
      agentId,
      agentAliasId: aliasId,
      agentAliasName: name,
      agentAliasArn: aliasArn(ctx, agentId, aliasId),
      ...presentMembers(input, ["clientToken", "description"]),
      routingConfiguration: routing,
      createdAt: now,
      updatedAt: now,
      agentAliasHistoryEvents: [{ routingConfiguration: routing, startDate: now }],
      agentAliasStatus: "CREATING",
      aliasInvocationState: "ACCEPT_INVOCATIONS",
    };
    ctx.store.aliases.insert(agentId, aliasId, name, alias);
    applyCreateTags(ctx, alias.agentAliasArn, input);
    scheduleTransition(
      ctx,
      agentId,
      Transition.AliasReady,
      { aliasId, versioning },
      versioning ? "versioning" : "alias",
    );
    rememberToken(ctx, "CreateAgentAlias", agentId, input, {
      ref: { agentAliasId: aliasId },
      snapshot: alias,
    });
    return { status: 202, body: { agentAlias: alias } };
  },
};

export const UpdateAgentAlias: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = requireAgent(ctx, requiredString(input, "agentId"));
    const aliasId = requiredString(input, "agentAliasId");
    refuseTestAlias(aliasId, "UpdateAgentAlias");
    const current = requireAlias(ctx, agent.agentId, aliasId);
    if (
      current.agentAliasStatus !== "PREPARED" &&
      current.agentAliasStatus !== "FAILED" &&
      current.agentAliasStatus !== "DISSOCIATED"
    ) {
      throw conflict(
        `Alias ${aliasId} is ${current.agentAliasStatus}. Wait until it is PREPARED and try again.`,
      );
    }
    requireSettled(agent, "UpdateAgentAlias");
    const name = requiredString(input, "agentAliasName");
    requireUniqueName(ctx, agent.agentId, name, aliasId);
    const { routing, versioning } = resolveRouting(ctx, agent, input, "UpdateAgentAlias");
    const now = isoNow(ctx);
    const alias: StoredAlias = {
      ...pick(current, [
        "agentId",
        "agentAliasId",
        "agentAliasArn",
        "clientToken",
        "createdAt",
        "agentAliasHistoryEvents",
      ]),
      agentAliasName: name,
      ...presentMembers(input, ["description"]),
      routingConfiguration: routing,
      updatedAt: now,
      agentAliasStatus: "UPDATING",
      // Kept when omitted: an update that only renames must not silently resume a paused alias.
      aliasInvocationState:
        (optionalString(input, "aliasInvocationState") as StoredAlias["aliasInvocationState"]) ??
        current.aliasInvocationState ??
        "ACCEPT_INVOCATIONS",
    } as StoredAlias;
    recordRerouting(alias, routing, now);
    ctx.store.aliases.update(agent.agentId, aliasId, name, alias);
    scheduleTransition(
      ctx,
      agent.agentId,
      Transition.AliasReady,
      { aliasId, versioning },
      versioning ? "versioning" : "alias",
    );
    return { status: 202, body: { agentAlias: alias } };
  },
};

export const GetAgentAlias: Operation = {
  mode: "read",
  run(ctx, input) {
    const agent = requireAgent(ctx, requiredString(input, "agentId"));
    return {
      status: 200,
      body: { agentAlias: requireAlias(ctx, agent.agentId, requiredString(input, "agentAliasId")) },
    };
  },
};

const SUMMARY = [
  "agentAliasId",
  "agentAliasName",
  "description",
  "routingConfiguration",
  "agentAliasStatus",
  "createdAt",
  "updatedAt",
  "aliasInvocationState",
];

export const ListAgentAliases: Operation = {
  mode: "read",
  run(ctx, input) {
    const agent = requireAgent(ctx, requiredString(input, "agentId"));
    const page = paginate(ctx.store.aliases, agent.agentId, input, `ListAgentAliases:${agent.agentId}`);
    return {
      status: 200,
      body: {
        agentAliasSummaries: page.items.map((alias) => pick(alias, SUMMARY)),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      },
    };
  },
};

export const DeleteAgentAlias: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = requireAgent(ctx, requiredString(input, "agentId"));
    const aliasId = requiredString(input, "agentAliasId");
    refuseTestAlias(aliasId, "DeleteAgentAlias");
    const alias = requireAlias(ctx, agent.agentId, aliasId);
    const body = { agentId: agent.agentId, agentAliasId: aliasId, agentAliasStatus: "DELETING" };
    if (alias.agentAliasStatus === "DELETING") return { status: 202, body };
    // The model has no ConflictException here: deleting works in any alias status.
    alias.agentAliasStatus = "DELETING";
    alias.updatedAt = isoNow(ctx);
    ctx.store.aliases.update(agent.agentId, aliasId, alias.agentAliasName, alias);
    scheduleTransition(ctx, agent.agentId, Transition.AliasDeleted, { aliasId });
    return { status: 202, body };
  },
};
