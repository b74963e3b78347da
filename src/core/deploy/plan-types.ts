/**
 * A plan: what deploy will do, per agent, field by field. Pure data, produced by diff.ts
 * and executed as-is by apply.ts. Each item has a kind and a key so later resource kinds
 * (a state machine, an adapter Lambda) become more items with their own dependencies.
 */

export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
  /** For long text (the instruction): unified-style lines, "-old" / "+new" / " same". */
  textDiff?: string[];
}

export interface SchemaOperations {
  added: string[];
  removed: string[];
  changed: string[];
}

export type SubChangeKind = "create" | "update" | "delete";

export interface ActionGroupChange {
  name: string;
  kind: SubChangeKind;
  id?: string;
  fields: FieldChange[];
  schema?: SchemaOperations;
}

export interface AssociationChange {
  /** Knowledge-base id, or collaborator name. */
  name: string;
  kind: SubChangeKind;
  id?: string;
  fields: FieldChange[];
}

export type AliasChangeKind =
  /** Create the alias on a new version cut from the prepared DRAFT. */
  | "create"
  /** Create the alias routed to an existing version with the same content. */
  | "create-on-existing"
  /** Cut a new version for the alias (DRAFT changed since the version it serves). */
  | "new-version"
  /** Route it to an existing version that has the desired content. */
  | "route"
  /** Only the description changes. */
  | "describe"
  /** The tags describing what it serves are stale: record them again (no new version). */
  | "record"
  | "delete";

export interface AliasChange {
  name: string;
  kind: AliasChangeKind;
  id?: string;
  fromVersion?: string;
  /** For create-on-existing / route: the version that already has the content. */
  toVersion?: string;
  description?: string;
}

export interface RoleChange {
  name: string;
  kind: "create" | "update-trust" | "update-policy" | "delete";
  /** The exact documents, when known at plan time. */
  document?: unknown;
}

export interface PermissionChange {
  functionName: string;
  kind: "add" | "remove";
  statementId?: string;
}

export interface FunctionChange {
  name: string;
  kind: "create" | "delete";
  handlerFile?: string;
}

export interface AgentPlan {
  kind: "agent";
  key: string;
  name: string;
  agentId?: string;
  action: "create" | "update" | "delete" | "unchanged";
  /** An unowned same-name agent taken over with --adopt. */
  adopt: boolean;
  fields: FieldChange[];
  actionGroups: ActionGroupChange[];
  knowledgeBases: AssociationChange[];
  collaborators: AssociationChange[];
  tags: { set: Record<string, string>; remove: string[] };
  prepare: boolean;
  /** Record the DRAFT hash on the agent after preparing. */
  recordHash: boolean;
  aliases: AliasChange[];
  roles: RoleChange[];
  permissions: PermissionChange[];
  functions: FunctionChange[];
  /** Keys of items that must be applied first. */
  dependsOn: string[];
  hash: string;
  /** Number of planned mutating steps (0 = nothing to do). */
  changes: number;
}

/** The adapter Lambda of the project's workflows (one per project) and its role. */
export interface AdapterPlan {
  kind: "adapter";
  key: typeof ADAPTER_KEY;
  /** The function's name. */
  name: string;
  roleName: string;
  action: "create" | "update" | "delete" | "unchanged";
  /** The deployed code differs from this agentctl's adapter (CodeSha256). */
  code: boolean;
  configuration: FieldChange[];
  roles: RoleChange[];
  dependsOn: string[];
  changes: number;
}

export interface TopicChange {
  arn: string;
  kind: "create" | "delete";
}

/** One workflow: its state machine `<project>-<workflow>`, its role and the topics it publishes to. */
export interface WorkflowPlan {
  kind: "workflow";
  key: string;
  name: string;
  stateMachineName: string;
  stateMachineArn?: string;
  roleName: string;
  action: "create" | "update" | "delete" | "unchanged";
  type: "STANDARD" | "EXPRESS";
  /** The compiled definition against the deployed one (unified-style lines). */
  definitionDiff: string[];
  /** Agents or aliases it calls are not deployed yet: the definition is compiled again after them. */
  pending: boolean;
  roles: RoleChange[];
  topics: TopicChange[];
  dependsOn: string[];
  hash: string;
  changes: number;
}

export type PlanItem = AgentPlan | AdapterPlan | WorkflowPlan;

export interface Plan<I extends PlanItem = PlanItem> {
  project: string;
  region: string;
  account: string;
  items: I[];
  /** Total planned steps across items. */
  changes: number;
}

export function agentKey(name: string): string {
  return `agent:${name}`;
}

export const ADAPTER_KEY = "adapter" as const;

export function workflowKey(name: string): string {
  return `workflow:${name}`;
}
