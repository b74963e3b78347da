import { randomInt } from "node:crypto";
import { conflict, notFound, validationError } from "../aws-error.js";
import { AGENT_SCOPE, type StoredAgent, type StoredVersion, versionScope } from "../store/index.js";
import type { ControlPlaneContext, OperationInput } from "./context.js";
import { requiredString } from "./input.js";

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Ten upper-case alphanumerics like real ids (M7HN9DWEYK); the tagging ARN pattern accepts only these. */
export function newId(): string {
  let id = "";
  for (let i = 0; i < 10; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** Ids are random; a clash is astronomically rare but cheap to rule out. */
export function newUniqueId(taken: (id: string) => boolean): string {
  for (;;) {
    const id = newId();
    if (!taken(id)) return id;
  }
}

export const TEST_ALIAS_ID = "TSTALIASID";
export const TEST_ALIAS_NAME = "AgentTestAlias";
export const DRAFT = "DRAFT";

export function agentArn(ctx: ControlPlaneContext, agentId: string): string {
  return `arn:aws:bedrock:${ctx.region}:${ctx.accountId}:agent/${agentId}`;
}

export function aliasArn(ctx: ControlPlaneContext, agentId: string, aliasId: string): string {
  return `arn:aws:bedrock:${ctx.region}:${ctx.accountId}:agent-alias/${agentId}/${aliasId}`;
}

/** ISO-8601 with milliseconds, what the JS SDK requires (§0 fact 2). */
export function isoNow(ctx: ControlPlaneContext): string {
  return new Date(ctx.now()).toISOString();
}

export function requireAgent(ctx: ControlPlaneContext, agentId: string): StoredAgent {
  const agent = ctx.store.agents.get(AGENT_SCOPE, agentId);
  if (!agent) throw notFound(`Agent ${agentId} doesn't exist. Check the agent ID and try again.`);
  return agent;
}

/** Statuses in which Bedrock refuses writes with ConflictException (§3.1). */
const TRANSITIONAL = new Set(["CREATING", "PREPARING", "UPDATING", "VERSIONING", "DELETING"]);

export function isTransitional(agent: StoredAgent): boolean {
  return TRANSITIONAL.has(agent.agentStatus);
}

export function requireSettled(agent: StoredAgent, operation: string): void {
  if (isTransitional(agent)) {
    throw conflict(
      `${operation} can't be performed on agent ${agent.agentId} while it is in ${agent.agentStatus} state. Wait until the agent leaves ${agent.agentStatus} and try again.`,
    );
  }
}

/** Sub-resource writes address exactly DRAFT (§2.5); numbered versions are immutable. */
export function requireDraftPath(agentVersion: string, operation: string): void {
  if (agentVersion !== DRAFT) {
    throw validationError(
      `${operation} can only modify the working draft: agentVersion must be DRAFT, not ${agentVersion}. Numbered versions are immutable.`,
      [{ name: "agentVersion", message: "Member must be DRAFT" }],
    );
  }
}

/** Get/List of sub-resources accept DRAFT or an existing numbered version. */
export function requireVersionExists(ctx: ControlPlaneContext, agentId: string, agentVersion: string): void {
  requireAgent(ctx, agentId);
  if (agentVersion !== DRAFT && !ctx.store.versions.get(agentId, agentVersion)) {
    throw notFound(`Version ${agentVersion} of agent ${agentId} doesn't exist.`);
  }
}

export function getVersion(ctx: ControlPlaneContext, agentId: string, version: string): StoredVersion {
  const stored = ctx.store.versions.get(agentId, version);
  if (!stored) throw notFound(`Version ${version} of agent ${agentId} doesn't exist.`);
  return stored;
}

export function saveAgent(ctx: ControlPlaneContext, agent: StoredAgent): void {
  ctx.store.agents.update(AGENT_SCOPE, agent.agentId, agent.agentName, agent);
}

/**
 * A change to the draft's action groups, knowledge bases or collaborators
 * invalidates the last prepare. §8 leaves open whether the live service shows
 * NOT_PREPARED here; we choose NOT_PREPARED because it is the safer signal: a
 * caller that re-prepares after every edit works either way.
 */
export function markDraftEdited(ctx: ControlPlaneContext, agent: StoredAgent): void {
  agent.updatedAt = isoNow(ctx);
  if (agent.agentStatus === "PREPARED") agent.agentStatus = "NOT_PREPARED";
  saveAgent(ctx, agent);
}

export const draftScope = (agentId: string): string => versionScope(agentId, DRAFT);

/** Common start of every DRAFT write: the agent exists, the path says DRAFT, no transition is running. */
export function openDraft(ctx: ControlPlaneContext, input: OperationInput, operation: string): StoredAgent {
  const agent = requireAgent(ctx, requiredString(input, "agentId"));
  requireDraftPath(requiredString(input, "agentVersion"), operation);
  requireSettled(agent, operation);
  return agent;
}
