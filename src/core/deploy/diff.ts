/**
 * The pure diff: desired state (the manifests) against deployed state (read once) →
 * a Plan. No I/O. Ownership is enforced here: an agent without this project's tag is
 * never planned for change unless --adopt.
 */
import { UsageError } from "../../errors.js";
import { aliasChanges } from "./alias-diff.js";
import { sameValue } from "./canonical.js";
import type { DeployedAgent, DeployedState } from "./deployed.js";
import type { DesiredAgent, DesiredProject } from "./desired.js";
import { collaboratorRef } from "./desired.js";
import { type ObservedIam, planExecutors, planRemoval, planRole } from "./iam-plan.js";
import type { ActionGroupChange, AgentPlan, AssociationChange, FieldChange, Plan } from "./plan-types.js";
import { agentKey } from "./plan-types.js";
import type { AgentFields } from "./ports.js";
import { schemaOperations } from "./schema-diff.js";
import { HASH_TAG, PROJECT_TAG } from "./tags.js";
import { lineDiff } from "./text-diff.js";

export interface DiffOptions {
  adopt: boolean;
  /** Agent names from the command line; undefined = the whole project (owned agents no longer declared are deleted). */
  only?: readonly string[];
}

export class OwnershipError extends UsageError {}

export function diffProject(
  desired: DesiredProject,
  deployed: DeployedState,
  observed: ObservedIam,
  opts: DiffOptions,
): Plan<AgentPlan> {
  const selected = desired.agents.filter((a) => !opts.only || opts.only.includes(a.name));
  const unowned = selected.filter((a) => {
    const d = deployed.agents.get(a.name);
    return d && !d.owned && !opts.adopt;
  });
  if (unowned.length > 0) {
    const names = unowned.map((a) => a.name).join(", ");
    throw new OwnershipError(
      `An agent named ${names} already exists and does not belong to project ${desired.project} (no ${PROJECT_TAG}=${desired.project} tag); agentctl will not change it.`,
      "If it is yours to manage, run deploy again with --adopt to tag it as this project's; otherwise rename the agent in its manifest.",
    );
  }
  const items: AgentPlan[] = selected.map((agent) => diffAgent(desired, agent, deployed, observed));
  if (!opts.only) {
    const declared = new Set(desired.agents.map((a) => a.name));
    for (const d of deployed.agents.values()) {
      if (d.owned && !declared.has(d.name)) items.push(deletion(d, observed, dependentsOf(d.name, deployed)));
    }
  }
  return {
    project: desired.project,
    region: desired.region,
    account: desired.account,
    items,
    changes: items.reduce((n, i) => n + i.changes, 0),
  };
}

/** Owned agents whose collaborators point at `name`: they must drop it before it goes. */
function dependentsOf(name: string, deployed: DeployedState): string[] {
  const prefix = `agent:${name}/`;
  return [...deployed.agents.values()]
    .filter((a) => a.name !== name && a.draft.collaborators.some((c) => c.aliasRef.startsWith(prefix)))
    .map((a) => agentKey(a.name));
}

export function deletion(d: DeployedAgent, observed: ObservedIam, dependsOn: string[] = []): AgentPlan {
  const roleArn = d.draft.agent.agentResourceRoleArn;
  const roleName = roleArn.includes(":role/agentctl/") ? roleArn.split("/").pop() : undefined;
  const removal = planRemoval(d.name, d, observed, roleName);
  const plan = emptyPlan(d.name, d.draftHash, dependsOn);
  plan.agentId = d.agentId;
  plan.action = "delete";
  plan.aliases = d.aliases
    .filter((a) => a.owned)
    .map((a) => ({ name: a.name, kind: "delete" as const, id: a.id }));
  plan.roles = removal.roles;
  plan.permissions = removal.permissions;
  plan.changes = 1 + plan.aliases.length + plan.roles.length + plan.permissions.length;
  return plan;
}

function emptyPlan(name: string, hash: string, dependsOn: string[]): AgentPlan {
  return {
    kind: "agent",
    key: agentKey(name),
    name,
    action: "unchanged",
    adopt: false,
    fields: [],
    actionGroups: [],
    knowledgeBases: [],
    collaborators: [],
    tags: { set: {}, remove: [] },
    prepare: false,
    recordHash: false,
    aliases: [],
    roles: [],
    permissions: [],
    functions: [],
    dependsOn,
    hash,
    changes: 0,
  };
}

function diffAgent(
  project: DesiredProject,
  agent: DesiredAgent,
  deployedState: DeployedState,
  observed: ObservedIam,
): AgentPlan {
  const deployed = deployedState.agents.get(agent.name);
  const plan = emptyPlan(agent.name, agent.hash, agent.dependsOn.map(agentKey));
  const collaboratorArns = collaboratorAliasArns(agent, deployedState);
  plan.roles = planRole(project, agent, deployed, observed, collaboratorArns);
  const executors = planExecutors(project, agent, deployed, observed);
  plan.permissions = executors.permissions;
  plan.functions = executors.functions;

  if (!deployed) {
    plan.action = "create";
    plan.fields = fieldChanges(undefined, agent.definition.agent);
    plan.actionGroups = agent.definition.actionGroups.map((g) => ({
      name: g.actionGroupName,
      kind: "create" as const,
      fields: [],
      schema: schemaOperations(undefined, g),
    }));
    plan.knowledgeBases = agent.definition.knowledgeBases.map((k) => ({
      name: k.knowledgeBaseId,
      kind: "create" as const,
      fields: [],
    }));
    plan.collaborators = agent.definition.collaborators.map((c) => ({
      name: c.collaboratorName,
      kind: "create" as const,
      fields: [],
    }));
    plan.prepare = true;
    plan.aliases = agent.aliases.map((a, i) => ({
      name: a.name,
      kind: i === 0 ? ("create" as const) : ("create-on-existing" as const),
      ...(a.description ? { description: a.description } : {}),
    }));
  } else {
    plan.agentId = deployed.agentId;
    plan.adopt = !deployed.owned;
    plan.fields = fieldChanges(deployed.draft.agent, agent.definition.agent);
    plan.actionGroups = actionGroupChanges(agent, deployed);
    plan.knowledgeBases = keyedChanges(
      deployed.draft.knowledgeBases,
      agent.definition.knowledgeBases,
      (k) => k.knowledgeBaseId,
      () => undefined,
    );
    plan.collaborators = keyedChanges(
      deployed.draft.collaborators,
      agent.definition.collaborators,
      (c) => c.collaboratorName,
      (c) => deployed.collaboratorIds[c.collaboratorName],
    );
    plan.tags = tagChanges(deployed.tags, agent.tags);
    const draftChanges =
      plan.fields.length + plan.actionGroups.length + plan.knowledgeBases.length + plan.collaborators.length;
    plan.action = draftChanges > 0 || plan.adopt ? "update" : "unchanged";
    plan.prepare = draftChanges > 0 || deployed.status !== "PREPARED";
    plan.recordHash = plan.prepare || deployed.tags[HASH_TAG] !== agent.hash;
    plan.aliases = aliasChanges(agent, deployed);
  }
  plan.changes =
    (plan.action === "create" ? 1 : 0) +
    (plan.fields.length > 0 && plan.action === "update" ? 1 : 0) +
    plan.actionGroups.length +
    plan.knowledgeBases.length +
    plan.collaborators.length +
    Object.keys(plan.tags.set).length +
    plan.tags.remove.length +
    (plan.prepare ? 1 : 0) +
    (plan.recordHash && plan.action !== "create" ? 1 : 0) +
    plan.aliases.length +
    plan.roles.length +
    plan.permissions.length +
    plan.functions.length;
  return plan;
}

/** The alias ARNs a supervisor's collaborators point at; undefined while any is not deployed yet. */
export function collaboratorAliasArns(agent: DesiredAgent, deployed: DeployedState): string[] | undefined {
  const arns: string[] = [];
  for (const c of agent.definition.collaborators) {
    if (!c.aliasRef.startsWith("agent:")) {
      arns.push(c.aliasRef);
      continue;
    }
    const [name, alias] = c.aliasRef.slice("agent:".length).split("/");
    const found = deployed.agents.get(name ?? "")?.aliases.find((a) => a.name === alias);
    if (!found || collaboratorRef(name ?? "", alias ?? "") !== c.aliasRef) return undefined;
    arns.push(found.arn);
  }
  return arns;
}

const AGENT_FIELDS: (keyof AgentFields)[] = [
  "agentName",
  "description",
  "instruction",
  "foundationModel",
  "idleSessionTTLInSeconds",
  "agentResourceRoleArn",
  "agentCollaboration",
  "orchestrationType",
  "guardrailConfiguration",
  "memoryConfiguration",
];

export function fieldChanges(before: AgentFields | undefined, after: AgentFields): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of AGENT_FIELDS) {
    const from = before?.[field];
    const to = after[field];
    if (before && sameValue(from, to)) continue;
    if (!before && to === undefined) continue;
    const change: FieldChange = {
      field,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    };
    if (field === "instruction" && before) change.textDiff = lineDiff(String(from ?? ""), String(to ?? ""));
    changes.push(change);
  }
  return changes;
}

function actionGroupChanges(agent: DesiredAgent, deployed: DeployedAgent): ActionGroupChange[] {
  const current = new Map(deployed.draft.actionGroups.map((g) => [g.actionGroupName, g]));
  const changes: ActionGroupChange[] = [];
  for (const group of agent.definition.actionGroups) {
    const existing = current.get(group.actionGroupName);
    if (!existing) {
      changes.push({
        name: group.actionGroupName,
        kind: "create",
        fields: [],
        schema: schemaOperations(undefined, group),
      });
      continue;
    }
    if (sameValue(existing, group)) continue;
    const fields: FieldChange[] = [];
    for (const key of new Set([...Object.keys(existing), ...Object.keys(group)]) as Set<keyof typeof group>) {
      if (key === "apiSchema" || key === "functionSchema") continue;
      if (!sameValue(existing[key], group[key]))
        fields.push({ field: key, from: existing[key], to: group[key] });
    }
    const schema = schemaOperations(existing, group);
    const id = deployed.actionGroupIds[group.actionGroupName];
    changes.push({ name: group.actionGroupName, kind: "update", ...(id ? { id } : {}), fields, schema });
  }
  const declared = new Set(agent.definition.actionGroups.map((g) => g.actionGroupName));
  for (const existing of deployed.draft.actionGroups) {
    if (declared.has(existing.actionGroupName)) continue;
    const id = deployed.actionGroupIds[existing.actionGroupName];
    changes.push({
      name: existing.actionGroupName,
      kind: "delete",
      ...(id ? { id } : {}),
      fields: [],
      schema: schemaOperations(existing, undefined),
    });
  }
  return changes;
}

function keyedChanges<T extends object>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  id: (item: T) => string | undefined,
): AssociationChange[] {
  const current = new Map(before.map((b) => [key(b), b]));
  const changes: AssociationChange[] = [];
  for (const item of after) {
    const existing = current.get(key(item));
    if (!existing) changes.push({ name: key(item), kind: "create", fields: [] });
    else if (!sameValue(existing, item)) {
      const fields = Object.keys(item)
        .filter(
          (k) => !sameValue((existing as Record<string, unknown>)[k], (item as Record<string, unknown>)[k]),
        )
        .map((k) => ({
          field: k,
          from: (existing as Record<string, unknown>)[k],
          to: (item as Record<string, unknown>)[k],
        }));
      const found = id(existing);
      changes.push({ name: key(item), kind: "update", ...(found ? { id: found } : {}), fields });
    }
  }
  const declared = new Set(after.map(key));
  for (const b of before) {
    if (declared.has(key(b))) continue;
    const found = id(b);
    changes.push({ name: key(b), kind: "delete", ...(found ? { id: found } : {}), fields: [] });
  }
  return changes;
}

/** User tags and the ownership tag; agentctl's record tags are managed separately. */
function tagChanges(current: Record<string, string>, desired: Record<string, string>) {
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(desired)) if (current[k] !== v) set[k] = v;
  const remove = Object.keys(current).filter(
    (k) => !(k in desired) && !k.startsWith("agentctl:") && !k.startsWith("aws:"),
  );
  return { set, remove };
}
