import { conflict, validationError } from "../../aws-error.js";
import { type StoredAgent, type StoredAlias, type StoredVersion, versionScope } from "../../store/index.js";
import type { ControlPlaneContext, Operation } from "../context.js";
import { optionalBoolean, pick, requiredString } from "../input.js";
import { scheduleTransition, Transition } from "../lifecycle.js";
import { decodeToken, encodeToken, pageSize } from "../pagination.js";
import { DRAFT, draftScope, getVersion, isoNow, requireAgent, requireSettled } from "../resources.js";

const AGENT_VERSION_SHAPE = [
  "agentId",
  "agentName",
  "agentArn",
  "version",
  "instruction",
  "agentStatus",
  "foundationModel",
  "description",
  "idleSessionTTLInSeconds",
  "agentResourceRoleArn",
  "customerEncryptionKeyArn",
  "createdAt",
  "updatedAt",
  "failureReasons",
  "recommendedActions",
  "promptOverrideConfiguration",
  "guardrailConfiguration",
  "memoryConfiguration",
  "agentCollaboration",
];

/** Everything a version freezes; orchestration members are kept (the runtime needs them) but not returned. */
const SNAPSHOT_MEMBERS = [
  "agentName",
  "instruction",
  "foundationModel",
  "description",
  "orchestrationType",
  "customOrchestration",
  "idleSessionTTLInSeconds",
  "agentResourceRoleArn",
  "customerEncryptionKeyArn",
  "promptOverrideConfiguration",
  "guardrailConfiguration",
  "memoryConfiguration",
  "agentCollaboration",
];

/**
 * Freezes DRAFT into the next numbered version (§3.2): the agent's definition
 * and its action groups, knowledge bases and collaborators, readable through
 * Get/List with the version number. Numbers are never reused.
 */
export function snapshotDraft(ctx: ControlPlaneContext, agent: StoredAgent): string {
  const version = String(ctx.store.counters.next(`agent-version:${agent.agentId}`));
  const now = isoNow(ctx);
  const snapshot = {
    agentId: agent.agentId,
    agentArn: agent.agentArn,
    version,
    ...pick(agent, SNAPSHOT_MEMBERS),
    agentStatus: "PREPARED",
    createdAt: now,
    updatedAt: now,
  } as StoredVersion;
  ctx.store.versions.insert(agent.agentId, version, agent.agentName, snapshot);
  const from = draftScope(agent.agentId);
  const to = versionScope(agent.agentId, version);
  for (const group of ctx.store.actionGroups.all(from)) {
    ctx.store.actionGroups.insert(to, group.actionGroupId, group.actionGroupName, {
      ...group,
      agentVersion: version,
    });
  }
  for (const kb of ctx.store.knowledgeBases.all(from)) {
    ctx.store.knowledgeBases.insert(to, kb.knowledgeBaseId, kb.knowledgeBaseId, {
      ...kb,
      agentVersion: version,
    });
  }
  for (const c of ctx.store.collaborators.all(from)) {
    ctx.store.collaborators.insert(to, c.collaboratorId, c.collaboratorName, { ...c, agentVersion: version });
  }
  return version;
}

export const GetAgentVersion: Operation = {
  mode: "read",
  run(ctx, input) {
    const agentId = requiredString(input, "agentId");
    requireAgent(ctx, agentId);
    const version = getVersion(ctx, agentId, requiredString(input, "agentVersion"));
    return { status: 200, body: { agentVersion: pick(version, AGENT_VERSION_SHAPE) } };
  },
};

const VERSION_SUMMARY = [
  "agentName",
  "agentStatus",
  "createdAt",
  "updatedAt",
  "description",
  "guardrailConfiguration",
];

/**
 * Lists DRAFT first, then numbered versions oldest first. §8: whether the live
 * service lists DRAFT is unverified; real captures show it, and callers that
 * filter it out work either way.
 */
export const ListAgentVersions: Operation = {
  mode: "read",
  run(ctx, input) {
    const agent = requireAgent(ctx, requiredString(input, "agentId"));
    const listKey = `ListAgentVersions:${agent.agentId}`;
    // DRAFT is seq 0 of the listing; stored versions have seq ≥ 1.
    const after = input.nextToken === undefined ? -1 : decodeToken(input, listKey);
    const limit = pageSize(input);
    const summaries: Record<string, unknown>[] = [];
    let lastSeq = after;
    if (after < 0) {
      summaries.push({ ...pick(agent, VERSION_SUMMARY), agentVersion: DRAFT });
      lastSeq = 0;
    }
    const rows = ctx.store.versions.page(agent.agentId, Math.max(after, 0), limit - summaries.length);
    for (const row of rows.items) {
      summaries.push({ ...pick(row.doc, VERSION_SUMMARY), agentVersion: row.doc.version });
      lastSeq = row.seq;
    }
    return {
      status: 200,
      body: {
        agentVersionSummaries: summaries,
        ...(rows.more ? { nextToken: encodeToken(listKey, lastSeq) } : {}),
      },
    };
  },
};

/**
 * Leaves an alias routing nowhere: an empty routingConfiguration (never the
 * deleted version, which a caller would then try to read or invoke), and the
 * open history period closed. A later UpdateAgentAlias opens a new one.
 */
function dissociate(ctx: ControlPlaneContext, alias: StoredAlias): void {
  const now = isoNow(ctx);
  const current = alias.agentAliasHistoryEvents?.[0];
  if (current && !current.endDate) current.endDate = now;
  alias.routingConfiguration = [];
  alias.agentAliasStatus = "DISSOCIATED";
  alias.updatedAt = now;
  ctx.store.aliases.update(alias.agentId, alias.agentAliasId, alias.agentAliasName, alias);
}

export const DeleteAgentVersion: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = requireAgent(ctx, requiredString(input, "agentId"));
    const versionId = requiredString(input, "agentVersion");
    if (versionId === DRAFT) {
      throw validationError("The DRAFT version cannot be deleted; delete the agent instead.", [
        { name: "agentVersion", message: "Member must be a numbered version" },
      ]);
    }
    const version = getVersion(ctx, agent.agentId, versionId);
    const body = { agentId: agent.agentId, agentVersion: versionId, agentStatus: "DELETING" };
    if (version.agentStatus === "DELETING") return { status: 202, body };
    requireSettled(agent, "DeleteAgentVersion");
    // "In use" = an alias routes to it. With skipResourceInUseCheck those aliases
    // are left with no version (§3.2: DISSOCIATED "alias has no version associated").
    const routing = ctx.store.aliases
      .all(agent.agentId)
      .filter(
        (a) =>
          a.agentAliasStatus !== "DELETING" &&
          a.routingConfiguration.some((r) => r.agentVersion === versionId),
      );
    if (routing.length > 0) {
      if (optionalBoolean(input, "skipResourceInUseCheck") !== true) {
        throw conflict(
          `Version ${versionId} of agent ${agent.agentId} is in use by alias(es) ${routing.map((a) => a.agentAliasName).join(", ")}. Point them at another version first, or set skipResourceInUseCheck to true.`,
        );
      }
      for (const alias of routing) dissociate(ctx, alias);
    }
    version.agentStatus = "DELETING";
    version.updatedAt = isoNow(ctx);
    ctx.store.versions.update(agent.agentId, versionId, version.agentName, version);
    scheduleTransition(ctx, agent.agentId, Transition.VersionDeleted, { version: versionId });
    return { status: 202, body };
  },
};
