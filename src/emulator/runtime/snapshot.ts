/**
 * Alias → version → the frozen definition InvokeAgent runs (aws-behaviour.md §3.2): TSTALIASID
 * runs DRAFT, which must be prepared; any other alias runs the numbered version it routes to.
 * Errors here happen before the stream starts, so they are ordinary restJson1 HTTP errors.
 */
import { AwsError, conflict, notFound, validationError } from "../aws-error.js";
import { DRAFT, TEST_ALIAS_ID } from "../control-plane/resources.js";
import {
  AGENT_SCOPE,
  type AgentDefinition,
  type Store,
  type StoredActionGroup,
  type StoredCollaborator,
  type StoredKnowledgeBase,
  versionScope,
} from "../store/index.js";

export interface AgentSnapshot {
  agentId: string;
  agentArn: string;
  agentAliasId: string;
  agentAliasArn: string;
  /** DRAFT or the number. */
  agentVersion: string;
  definition: AgentDefinition;
  /** ENABLED groups only: disabled ones are never offered to the model (§4.1). */
  actionGroups: StoredActionGroup[];
  collaborators: StoredCollaborator[];
  knowledgeBases: StoredKnowledgeBase[];
  /** The agent's tags, where the emulator learns its local model (SPEC.md §9). */
  tags: Record<string, string>;
}

const WAITABLE = new Set(["CREATING", "PREPARING", "UPDATING", "DELETING"]);

export function resolveSnapshot(store: Store, agentId: string, agentAliasId: string): AgentSnapshot {
  const agent = store.agents.get(AGENT_SCOPE, agentId);
  if (!agent || agent.agentStatus === "DELETING") {
    throw notFound(
      `Failed to retrieve resource because it doesn't exist: agent ${agentId}. Check the agent ID and try again.`,
    );
  }
  const alias = store.aliases.get(agentId, agentAliasId);
  if (!alias || alias.agentAliasStatus === "DELETING") {
    throw notFound(
      `Failed to retrieve resource because it doesn't exist: alias ${agentAliasId} of agent ${agentId}. Check the alias ID (TSTALIASID runs the draft).`,
    );
  }
  if (alias.aliasInvocationState === "REJECT_INVOCATIONS") {
    // Unverified what AWS sends for a paused alias; a non-retryable 400 that says how to resume is the safer guess.
    throw validationError(
      `Alias ${agentAliasId} of agent ${agentId} is paused (aliasInvocationState REJECT_INVOCATIONS). Resume it with UpdateAgentAlias aliasInvocationState=ACCEPT_INVOCATIONS.`,
    );
  }
  let version: string;
  let definition: AgentDefinition;
  if (agentAliasId === TEST_ALIAS_ID) {
    version = DRAFT;
    if (agent.agentStatus !== "PREPARED" && agent.agentStatus !== "VERSIONING") {
      // aws-behaviour.md does not record AWS's answer for an unprepared draft. Safer: a 409 while a
      // transition is running (waiting helps), else a 400 that tells the caller to PrepareAgent.
      const message = `Agent ${agentId} is ${agent.agentStatus}: the DRAFT version behind ${TEST_ALIAS_ID} must be PREPARED before it can be invoked. Call PrepareAgent and wait for PREPARED.`;
      throw WAITABLE.has(agent.agentStatus) ? conflict(message) : validationError(message);
    }
    definition = agent;
  } else {
    const routed = alias.routingConfiguration[0]?.agentVersion;
    if (routed === undefined) {
      throw notFound(
        `Alias ${agentAliasId} of agent ${agentId} is not associated with any version (${alias.agentAliasStatus}). Route it to a version with UpdateAgentAlias.`,
      );
    }
    const stored = store.versions.get(agentId, routed);
    if (!stored || stored.agentStatus === "DELETING") {
      throw notFound(
        `Version ${routed} of agent ${agentId}, which alias ${agentAliasId} routes to, doesn't exist.`,
      );
    }
    version = routed;
    definition = stored;
  }
  if (definition.orchestrationType === "CUSTOM_ORCHESTRATION") {
    throw new AwsError(
      "ValidationException",
      400,
      `Agent ${agentId} uses CUSTOM_ORCHESTRATION, which the local agent runtime does not run (its orchestration Lambda is yours to test directly).`,
    );
  }
  const scope = versionScope(agentId, version);
  return {
    agentId,
    agentArn: agent.agentArn,
    agentAliasId,
    agentAliasArn: alias.agentAliasArn,
    agentVersion: version,
    definition,
    actionGroups: store.actionGroups.all(scope).filter((g) => g.actionGroupState === "ENABLED"),
    collaborators: store.collaborators.all(scope),
    knowledgeBases: store.knowledgeBases.all(scope).filter((kb) => kb.knowledgeBaseState === "ENABLED"),
    tags: store.tags.get(agent.agentArn),
  };
}
