/**
 * Reads the deployed state once: ListAgents, then for each agent of this project (by
 * name or by ownership tag) its DRAFT definition, aliases and tags. The record of what
 * each alias serves is its tags; when they are stale (a deploy killed between cutting a
 * version and recording it) the version itself is read back and hashed, so a fresh
 * checkout anywhere computes the same plan.
 */
import {
  type CollaboratorDefinition,
  canonicalActionGroup,
  canonicalAgentFields,
  canonicalKnowledgeBase,
  type DraftDefinition,
  definitionHash,
  sortDefinition,
} from "./canonical.js";
import { mapLimit } from "./concurrency.js";
import { collaboratorRef } from "./desired.js";
import { step } from "./errors.js";
import type { Agent, AgentStatus, AgentsApi, AgentVersion, Tags } from "./ports.js";
import { HASH_TAG, PROJECT_TAG, VERSION_TAG } from "./tags.js";

export const TEST_ALIAS_ID = "TSTALIASID";

export interface DeployedAlias {
  id: string;
  name: string;
  arn: string;
  description?: string;
  status: string;
  /** The numbered version it routes to (undefined when dissociated). */
  version?: string;
  tags: Tags;
  owned: boolean;
  /** Hash of the DRAFT its version was cut from, from the tags or read back. */
  servedHash?: string;
  /** True when the tags do not describe the routed version (the record needs repair). */
  recordStale: boolean;
}

export interface DeployedAgent {
  agentId: string;
  agentArn: string;
  name: string;
  status: AgentStatus;
  preparedAt?: string;
  updatedAt?: string;
  failureReasons: string[];
  tags: Tags;
  owned: boolean;
  draft: DraftDefinition;
  draftHash: string;
  actionGroupIds: Record<string, string>;
  collaboratorIds: Record<string, string>;
  aliases: DeployedAlias[];
}

export interface DeployedState {
  /** By agent name: agents of this project (owned) and same-name agents (maybe unowned). */
  agents: Map<string, DeployedAgent>;
}

interface RawCollaborator extends Omit<CollaboratorDefinition, "aliasRef"> {
  aliasArn: string;
}

export interface ReadOptions {
  project: string;
  region: string;
  account: string;
  /** Agent names the manifests declare (read even when not tagged, to detect unowned ones). */
  names: readonly string[];
  concurrency: number;
}

export async function readDeployedState(api: AgentsApi, opts: ReadOptions): Promise<DeployedState> {
  // An agent being deleted (an earlier destroy) is as good as gone: a new one may take its name.
  const summaries = (await step("(project)", "ListAgents", () => api.listAgents())).filter(
    (s) => s.agentStatus !== "DELETING",
  );
  const arnOf = (agentId: string) => `arn:aws:bedrock:${opts.region}:${opts.account}:agent/${agentId}`;
  const tagged = await mapLimit(summaries, opts.concurrency, async (s) => ({
    summary: s,
    tags: await step(s.agentName, "ListTagsForResource", () => api.listTags(arnOf(s.agentId))),
  }));
  const relevant = tagged.filter(
    ({ summary, tags }) => tags[PROJECT_TAG] === opts.project || opts.names.includes(summary.agentName),
  );
  const raw = await mapLimit(relevant, opts.concurrency, ({ summary, tags }) =>
    readAgent(api, summary.agentId, tags, opts.project),
  );
  // Collaborators point at alias ARNs; project aliases become the same symbolic refs as in the manifests.
  const refs = new Map<string, string>();
  for (const r of raw)
    for (const alias of r.agent.aliases) refs.set(alias.arn, collaboratorRef(r.agent.name, alias.name));
  const agents = new Map<string, DeployedAgent>();
  for (const r of raw) {
    r.agent.draft = resolveRefs(r.agent.draft, r.collaborators, refs);
    r.agent.draftHash = definitionHash(r.agent.draft);
    agents.set(r.agent.name, r.agent);
  }
  const state: DeployedState = { agents };
  // Stale alias records: hash the version they route to from the version itself.
  const stale = [...agents.values()].flatMap((a) =>
    a.aliases.filter((x) => x.recordStale && x.version).map((x) => ({ a, x })),
  );
  await mapLimit(stale, opts.concurrency, async ({ a, x }) => {
    x.servedHash = await versionHash(api, state, a, x.version as string);
  });
  return state;
}

/** The content hash of a numbered version, read back from the version itself. */
export async function versionHash(
  api: AgentsApi,
  state: DeployedState,
  agent: DeployedAgent,
  version: string,
): Promise<string> {
  const refs = new Map<string, string>();
  for (const a of state.agents.values())
    for (const alias of a.aliases) refs.set(alias.arn, collaboratorRef(a.name, alias.name));
  const snapshot = await step(agent.name, "GetAgentVersion", () =>
    api.getAgentVersion(agent.agentId, version),
  );
  const read = await readDefinition(api, agent.agentId, version, agent.name, snapshot);
  return definitionHash(resolveRefs(read.definition, read.collaborators, refs));
}

function resolveRefs(
  def: DraftDefinition,
  raw: RawCollaborator[],
  refs: Map<string, string>,
): DraftDefinition {
  return sortDefinition({
    ...def,
    collaborators: raw.map(({ aliasArn, ...c }) => ({ ...c, aliasRef: refs.get(aliasArn) ?? aliasArn })),
  });
}

async function readAgent(
  api: AgentsApi,
  agentId: string,
  tags: Tags,
  project: string,
): Promise<{ agent: DeployedAgent; collaborators: RawCollaborator[] }> {
  const agent = await step(agentId, "GetAgent", () => api.getAgent(agentId));
  const name = agent.agentName;
  const read = await readDefinition(api, agentId, "DRAFT", name, agent);
  const aliasList = await step(name, "ListAgentAliases", () => api.listAliases(agentId));
  const aliases: DeployedAlias[] = [];
  for (const a of aliasList) {
    if (a.agentAliasId === TEST_ALIAS_ID) continue;
    const arn = a.agentAliasArn ?? `${agent.agentArn.replace(":agent/", ":agent-alias/")}/${a.agentAliasId}`;
    const aliasTags = await step(name, "ListTagsForResource", () => api.listTags(arn));
    const version = a.routingConfiguration?.[0]?.agentVersion;
    const recorded = aliasTags[VERSION_TAG] === version && version !== undefined;
    aliases.push({
      id: a.agentAliasId,
      name: a.agentAliasName,
      arn,
      ...(a.description ? { description: a.description } : {}),
      status: a.agentAliasStatus,
      ...(version ? { version } : {}),
      tags: aliasTags,
      owned: aliasTags[PROJECT_TAG] === project,
      ...(recorded && aliasTags[HASH_TAG] ? { servedHash: aliasTags[HASH_TAG] } : {}),
      recordStale: !recorded && version !== undefined,
    });
  }
  return {
    agent: {
      agentId,
      agentArn: agent.agentArn,
      name,
      status: agent.agentStatus,
      ...(agent.preparedAt ? { preparedAt: String(agent.preparedAt) } : {}),
      ...(agent.updatedAt ? { updatedAt: String(agent.updatedAt) } : {}),
      failureReasons: agent.failureReasons ?? [],
      tags,
      owned: tags[PROJECT_TAG] === project,
      draft: read.definition,
      draftHash: "",
      actionGroupIds: read.actionGroupIds,
      collaboratorIds: read.collaboratorIds,
      aliases,
    },
    collaborators: read.collaborators,
  };
}

/** One version's definition (DRAFT or a number), collaborators still as ARNs. */
async function readDefinition(
  api: AgentsApi,
  agentId: string,
  version: string,
  name: string,
  agent: Agent | AgentVersion,
) {
  const summaries = await step(name, "ListAgentActionGroups", () => api.listActionGroups(agentId, version));
  const groups = await Promise.all(
    summaries.map((s) =>
      step(name, "GetAgentActionGroup", () => api.getActionGroup(agentId, version, s.actionGroupId)),
    ),
  );
  const kbs = await step(name, "ListAgentKnowledgeBases", () => api.listKnowledgeBases(agentId, version));
  const collaboratorSummaries =
    agent.agentCollaboration && agent.agentCollaboration !== "DISABLED"
      ? await step(name, "ListAgentCollaborators", () => api.listCollaborators(agentId, version))
      : [];
  const collaborators = await Promise.all(
    collaboratorSummaries.map((s) =>
      step(name, "GetAgentCollaborator", () => api.getCollaborator(agentId, version, s.collaboratorId)),
    ),
  );
  return {
    definition: {
      agent: canonicalAgentFields(agent),
      actionGroups: groups.map(canonicalActionGroup),
      knowledgeBases: kbs.map(canonicalKnowledgeBase),
      collaborators: [],
    } as DraftDefinition,
    actionGroupIds: Object.fromEntries(groups.map((g) => [g.actionGroupName, g.actionGroupId])),
    collaboratorIds: Object.fromEntries(collaborators.map((c) => [c.collaboratorName, c.collaboratorId])),
    collaborators: collaborators.map((c) => ({
      collaboratorName: c.collaboratorName,
      collaborationInstruction: c.collaborationInstruction,
      relayConversationHistory: (c.relayConversationHistory === "TO_COLLABORATOR"
        ? "TO_COLLABORATOR"
        : "DISABLED") as "TO_COLLABORATOR" | "DISABLED",
      aliasArn: c.agentDescriptor?.aliasArn ?? "",
    })),
  };
}
