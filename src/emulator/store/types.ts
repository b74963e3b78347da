/**
 * Stored documents. Each is the resource exactly as the control plane returns
 * it (aws-behaviour.md §2.3), so reads are a JSON parse and a projection.
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

export type AliasStatus = "CREATING" | "PREPARED" | "FAILED" | "UPDATING" | "DELETING" | "DISSOCIATED";

export type JsonObject = Record<string, unknown>;

export interface RoutingItem {
  agentVersion?: string;
  provisionedThroughput?: string;
}

/** The agent's definition fields, shared by DRAFT and numbered versions. */
export interface AgentDefinition {
  agentName: string;
  instruction?: string;
  foundationModel?: string;
  description?: string;
  orchestrationType?: string;
  customOrchestration?: JsonObject;
  idleSessionTTLInSeconds: number;
  agentResourceRoleArn?: string;
  customerEncryptionKeyArn?: string;
  promptOverrideConfiguration?: JsonObject;
  guardrailConfiguration?: JsonObject;
  memoryConfiguration?: JsonObject;
  agentCollaboration?: string;
}

export interface StoredAgent extends AgentDefinition {
  agentId: string;
  agentArn: string;
  agentVersion: "DRAFT";
  clientToken?: string;
  agentStatus: AgentStatus;
  createdAt: string;
  updatedAt: string;
  preparedAt?: string;
  failureReasons?: string[];
  recommendedActions?: string[];
}

export interface StoredVersion extends AgentDefinition {
  agentId: string;
  agentArn: string;
  version: string;
  agentStatus: AgentStatus;
  createdAt: string;
  updatedAt: string;
  failureReasons?: string[];
  recommendedActions?: string[];
}

export interface StoredActionGroup {
  agentId: string;
  agentVersion: string;
  actionGroupId: string;
  actionGroupName: string;
  clientToken?: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
  parentActionSignature?: string;
  parentActionGroupSignatureParams?: Record<string, string>;
  actionGroupExecutor?: JsonObject;
  apiSchema?: JsonObject;
  functionSchema?: JsonObject;
  actionGroupState: "ENABLED" | "DISABLED";
}

export interface AliasHistoryEvent {
  routingConfiguration?: RoutingItem[];
  startDate?: string;
  endDate?: string;
}

export interface StoredAlias {
  agentId: string;
  agentAliasId: string;
  agentAliasName: string;
  agentAliasArn: string;
  clientToken?: string;
  description?: string;
  routingConfiguration: RoutingItem[];
  createdAt: string;
  updatedAt: string;
  agentAliasHistoryEvents?: AliasHistoryEvent[];
  agentAliasStatus: AliasStatus;
  failureReasons?: string[];
  aliasInvocationState?: "ACCEPT_INVOCATIONS" | "REJECT_INVOCATIONS";
}

export interface StoredCollaborator {
  agentId: string;
  agentVersion: string;
  agentDescriptor: { aliasArn?: string };
  collaboratorId: string;
  collaborationInstruction: string;
  collaboratorName: string;
  createdAt: string;
  lastUpdatedAt: string;
  relayConversationHistory?: string;
  clientToken?: string;
}

export interface StoredKnowledgeBase {
  agentId: string;
  agentVersion: string;
  knowledgeBaseId: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  knowledgeBaseState: "ENABLED" | "DISABLED";
}
