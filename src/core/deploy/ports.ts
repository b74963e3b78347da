/**
 * The narrow interfaces the deploy engine calls: only the operations it uses, with
 * hand-written shapes (the wire members it reads and writes). sdk-ports.ts builds them
 * from the client factory's SDK clients; nothing else in the engine touches the SDK.
 */

export type AgentStatus =
  | "CREATING"
  | "PREPARING"
  | "PREPARED"
  | "NOT_PREPARED"
  | "DELETING"
  | "FAILED"
  | "VERSIONING"
  | "UPDATING";

export interface GuardrailConfiguration {
  guardrailIdentifier?: string;
  guardrailVersion?: string;
}

export interface MemoryConfiguration {
  enabledMemoryTypes: string[];
  storageDays?: number;
}

/** The agent fields agentctl manages; UpdateAgent sends all of them (it replaces the resource). */
export interface AgentFields {
  agentName: string;
  description?: string;
  instruction: string;
  foundationModel: string;
  idleSessionTTLInSeconds: number;
  agentResourceRoleArn: string;
  orchestrationType: "DEFAULT";
  agentCollaboration: "SUPERVISOR" | "SUPERVISOR_ROUTER" | "DISABLED";
  guardrailConfiguration?: GuardrailConfiguration;
  memoryConfiguration?: MemoryConfiguration;
}

export interface Agent extends Partial<Omit<AgentFields, "orchestrationType" | "agentCollaboration">> {
  agentId: string;
  agentName: string;
  agentArn: string;
  agentStatus: AgentStatus;
  orchestrationType?: string;
  agentCollaboration?: string;
  preparedAt?: string;
  updatedAt?: string;
  failureReasons?: string[];
  recommendedActions?: string[];
}

export interface AgentVersion extends Omit<Agent, "agentStatus"> {
  version: string;
  agentStatus: AgentStatus;
}

export interface AgentSummary {
  agentId: string;
  agentName: string;
  agentStatus: AgentStatus;
  latestAgentVersion?: string;
}

export interface FunctionParameter {
  type: string;
  description?: string;
  required?: boolean;
}

export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, FunctionParameter>;
  requireConfirmation?: "ENABLED" | "DISABLED";
}

export interface ActionGroupFields {
  actionGroupName: string;
  description?: string;
  actionGroupState: "ENABLED" | "DISABLED";
  parentActionGroupSignature?: string;
  actionGroupExecutor?: { lambda: string } | { customControl: "RETURN_CONTROL" };
  apiSchema?: { payload: string };
  functionSchema?: { functions: FunctionDefinition[] };
}

/** As returned: the signature comes back as `parentActionSignature` (aws-behaviour.md §0 fact 6). */
export interface ActionGroup
  extends Omit<
    ActionGroupFields,
    "parentActionGroupSignature" | "actionGroupState" | "actionGroupExecutor" | "apiSchema"
  > {
  actionGroupId: string;
  actionGroupState?: string;
  parentActionSignature?: string;
  apiSchema?: { payload?: string; s3?: unknown };
  actionGroupExecutor?: { lambda?: string; customControl?: string };
}

export interface KnowledgeBaseFields {
  knowledgeBaseId: string;
  description: string;
  knowledgeBaseState: "ENABLED" | "DISABLED";
}

export interface CollaboratorFields {
  collaboratorName: string;
  collaborationInstruction: string;
  relayConversationHistory: "TO_COLLABORATOR" | "DISABLED";
  agentDescriptor: { aliasArn: string };
}

export interface Collaborator extends Omit<CollaboratorFields, "relayConversationHistory"> {
  collaboratorId: string;
  relayConversationHistory?: string;
}

export interface RoutingItem {
  agentVersion?: string;
}

export interface AliasHistoryEvent {
  routingConfiguration?: RoutingItem[];
  startDate?: string;
  endDate?: string;
}

export interface Alias {
  agentAliasId: string;
  agentAliasName: string;
  agentAliasArn?: string;
  description?: string;
  routingConfiguration?: RoutingItem[];
  agentAliasStatus: string;
  agentAliasHistoryEvents?: AliasHistoryEvent[];
  failureReasons?: string[];
}

export type Tags = Record<string, string>;

/** bedrock-agent, the operations deploy/status/promote/rollback/destroy use. */
export interface AgentsApi {
  listAgents(): Promise<AgentSummary[]>;
  getAgent(agentId: string): Promise<Agent>;
  createAgent(fields: AgentFields & { tags: Tags; clientToken?: string }): Promise<Agent>;
  updateAgent(agentId: string, fields: AgentFields): Promise<Agent>;
  deleteAgent(agentId: string): Promise<void>;
  prepareAgent(agentId: string): Promise<void>;
  getAgentVersion(agentId: string, version: string): Promise<AgentVersion>;
  listAgentVersions(agentId: string): Promise<{ agentVersion: string }[]>;
  deleteAgentVersion(agentId: string, version: string): Promise<void>;

  listActionGroups(agentId: string, version: string): Promise<{ actionGroupId: string }[]>;
  getActionGroup(agentId: string, version: string, actionGroupId: string): Promise<ActionGroup>;
  createActionGroup(agentId: string, fields: ActionGroupFields): Promise<ActionGroup>;
  updateActionGroup(agentId: string, actionGroupId: string, fields: ActionGroupFields): Promise<ActionGroup>;
  deleteActionGroup(agentId: string, actionGroupId: string): Promise<void>;

  listKnowledgeBases(agentId: string, version: string): Promise<KnowledgeBaseFields[]>;
  associateKnowledgeBase(agentId: string, fields: KnowledgeBaseFields): Promise<void>;
  disassociateKnowledgeBase(agentId: string, knowledgeBaseId: string): Promise<void>;

  listCollaborators(agentId: string, version: string): Promise<{ collaboratorId: string }[]>;
  getCollaborator(agentId: string, version: string, collaboratorId: string): Promise<Collaborator>;
  associateCollaborator(agentId: string, fields: CollaboratorFields): Promise<Collaborator>;
  updateCollaborator(
    agentId: string,
    collaboratorId: string,
    fields: CollaboratorFields,
  ): Promise<Collaborator>;
  disassociateCollaborator(agentId: string, collaboratorId: string): Promise<void>;

  listAliases(agentId: string): Promise<Alias[]>;
  getAlias(agentId: string, aliasId: string): Promise<Alias>;
  /** `version` undefined = cut a new version from the prepared DRAFT. */
  createAlias(
    agentId: string,
    input: { name: string; description?: string; version?: string; tags: Tags },
  ): Promise<Alias>;
  updateAlias(
    agentId: string,
    aliasId: string,
    input: { name: string; description?: string; version?: string },
  ): Promise<Alias>;
  deleteAlias(agentId: string, aliasId: string): Promise<void>;

  listTags(arn: string): Promise<Tags>;
  tag(arn: string, tags: Tags): Promise<void>;
  untag(arn: string, keys: string[]): Promise<void>;
}

export interface Role {
  arn: string;
  /** Parsed (AWS returns it URL-encoded). */
  trustPolicy?: unknown;
  tags: Tags;
}

/** IAM, for `role: auto` and the execution roles of functions agentctl creates. */
export interface IamApi {
  /** Undefined when the role does not exist. */
  getRole(name: string): Promise<Role | undefined>;
  createRole(input: {
    name: string;
    path: string;
    trustPolicy: unknown;
    description: string;
    tags: Tags;
  }): Promise<Role>;
  updateTrustPolicy(name: string, trustPolicy: unknown): Promise<void>;
  /** Undefined when the role has no inline policy of that name. */
  getRolePolicy(roleName: string, policyName: string): Promise<unknown | undefined>;
  putRolePolicy(roleName: string, policyName: string, document: unknown): Promise<void>;
  deleteRolePolicy(roleName: string, policyName: string): Promise<void>;
  listRolePolicies(roleName: string): Promise<string[]>;
  deleteRole(name: string): Promise<void>;
}

export interface FunctionInfo {
  arn: string;
  state?: string;
  tags: Tags;
  /** The configuration deploy compares for functions it keeps up to date (the adapter). */
  codeSha256?: string;
  lastUpdateStatus?: string;
  role?: string;
  handler?: string;
  runtime?: string;
  timeout?: number;
  memorySize?: number;
}

/** The adapter's settings deploy keeps as declared (UpdateFunctionConfiguration sends them all). */
export interface FunctionSettings {
  roleArn: string;
  handler: string;
  runtime: string;
  timeout: number;
  memorySize: number;
}

/** Lambda, for executors' resource policies and functions created from local handlers. */
export interface LambdaApi {
  /** Undefined when the function does not exist. */
  getFunction(name: string): Promise<FunctionInfo | undefined>;
  createFunction(input: {
    name: string;
    roleArn: string;
    handler: string;
    runtime: string;
    zip: Uint8Array;
    description: string;
    tags: Tags;
    timeout?: number;
    memorySize?: number;
  }): Promise<FunctionInfo>;
  updateFunctionCode(name: string, zip: Uint8Array): Promise<void>;
  updateFunctionConfiguration(name: string, settings: FunctionSettings): Promise<void>;
  deleteFunction(name: string): Promise<void>;
  /** The statements of the function's resource policy (none when it has no policy). */
  getPolicyStatements(name: string): Promise<PolicyStatement[]>;
  addPermission(input: {
    functionName: string;
    statementId: string;
    principal: string;
    sourceAccount: string;
    sourceArn: string;
  }): Promise<void>;
  removePermission(functionName: string, statementId: string): Promise<void>;
}

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, string>>;
}

export interface StsApi {
  callerAccount(): Promise<string>;
}

export interface StateMachineSummary {
  arn: string;
  name: string;
  type: string;
}

export interface StateMachineInfo {
  definition: string;
  roleArn: string;
  type: string;
}

/** Step Functions, for the project's workflows. */
export interface StateMachinesApi {
  list(): Promise<StateMachineSummary[]>;
  /** Undefined when it does not exist (or is being deleted). */
  describe(arn: string): Promise<StateMachineInfo | undefined>;
  listTags(arn: string): Promise<Tags>;
  create(input: {
    name: string;
    definition: string;
    roleArn: string;
    type: "STANDARD" | "EXPRESS";
    tags: Tags;
  }): Promise<string>;
  update(arn: string, input: { definition: string; roleArn: string }): Promise<void>;
  tag(arn: string, tags: Tags): Promise<void>;
  delete(arn: string): Promise<void>;
}

/** SNS, for the topics workflow templates publish to. */
export interface TopicsApi {
  /** The topic's tags; undefined when the topic does not exist. */
  tags(arn: string): Promise<Tags | undefined>;
  /** CreateTopic (idempotent by name on AWS): the topic's ARN. */
  create(name: string, tags: Tags): Promise<string>;
  delete(arn: string): Promise<void>;
}

export interface DeployPorts {
  agents: AgentsApi;
  iam: IamApi;
  lambda: LambdaApi;
  sts: StsApi;
  sfn: StateMachinesApi;
  sns: TopicsApi;
  /** Region of every client, for the ARNs agentctl builds (roles' policies, functions). */
  region: string;
}
