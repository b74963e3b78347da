/**
 * One canonical form for an agent's definition, built the same way from the manifests
 * (desired) and from what AWS returns (deployed DRAFT or a numbered version), so the two
 * compare field by field and hash identically. Optional members AWS fills with defaults
 * are written only when they differ from the default, and lists are sorted by name.
 */
import { createHash } from "node:crypto";
import type {
  ActionGroup,
  ActionGroupFields,
  Agent,
  AgentFields,
  FunctionDefinition,
  KnowledgeBaseFields,
} from "./ports.js";

/** A collaborator by what it points at: `agent:<name>/<alias>` for project agents, else the alias ARN. */
export interface CollaboratorDefinition {
  collaboratorName: string;
  collaborationInstruction: string;
  relayConversationHistory: "TO_COLLABORATOR" | "DISABLED";
  aliasRef: string;
}

export interface DraftDefinition {
  agent: AgentFields;
  actionGroups: ActionGroupFields[];
  knowledgeBases: KnowledgeBaseFields[];
  collaborators: CollaboratorDefinition[];
}

/** JSON with sorted keys and no undefined members: equal values give equal text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** The content hash recorded in tags: 20 hex digits of SHA-256 over the canonical definition. */
export function definitionHash(definition: DraftDefinition): string {
  return createHash("sha256").update(stableJson(definition)).digest("hex").slice(0, 20);
}

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export function sortDefinition(def: DraftDefinition): DraftDefinition {
  return {
    agent: def.agent,
    actionGroups: [...def.actionGroups].sort(byKey((g) => g.actionGroupName)),
    knowledgeBases: [...def.knowledgeBases].sort(byKey((k) => k.knowledgeBaseId)),
    collaborators: [...def.collaborators].sort(byKey((c) => c.collaboratorName)),
  };
}

const nonEmpty = (s: string | undefined) => (s === undefined || s === "" ? undefined : s);

export function canonicalAgentFields(agent: Partial<AgentFields> | Agent): AgentFields {
  const guardrail = agent.guardrailConfiguration;
  const memory = agent.memoryConfiguration;
  const fields: AgentFields = {
    agentName: agent.agentName ?? "",
    instruction: agent.instruction ?? "",
    foundationModel: agent.foundationModel ?? "",
    idleSessionTTLInSeconds: agent.idleSessionTTLInSeconds ?? 600,
    agentResourceRoleArn: agent.agentResourceRoleArn ?? "",
    orchestrationType: "DEFAULT",
    agentCollaboration: (agent.agentCollaboration ?? "DISABLED") as AgentFields["agentCollaboration"],
  };
  const description = nonEmpty(agent.description);
  if (description) fields.description = description;
  if (guardrail?.guardrailIdentifier) {
    fields.guardrailConfiguration = {
      guardrailIdentifier: guardrail.guardrailIdentifier,
      ...(guardrail.guardrailVersion ? { guardrailVersion: guardrail.guardrailVersion } : {}),
    };
  }
  if (memory && memory.enabledMemoryTypes.length > 0) {
    fields.memoryConfiguration = {
      enabledMemoryTypes: [...memory.enabledMemoryTypes].sort(),
      ...(memory.storageDays !== undefined ? { storageDays: memory.storageDays } : {}),
    };
  }
  return fields;
}

function canonicalFunction(fn: FunctionDefinition): FunctionDefinition {
  const out: FunctionDefinition = { name: fn.name };
  const description = nonEmpty(fn.description);
  if (description) out.description = description;
  const names = Object.keys(fn.parameters ?? {}).sort();
  if (names.length > 0) {
    out.parameters = {};
    for (const name of names) {
      const p = fn.parameters?.[name];
      if (!p) continue;
      out.parameters[name] = {
        type: p.type,
        ...(nonEmpty(p.description) ? { description: p.description } : {}),
        ...(p.required ? { required: true } : {}),
      };
    }
  }
  if (fn.requireConfirmation === "ENABLED") out.requireConfirmation = "ENABLED";
  return out;
}

export function canonicalActionGroup(group: ActionGroup | ActionGroupFields): ActionGroupFields {
  const signature =
    "parentActionSignature" in group
      ? group.parentActionSignature
      : (group as ActionGroupFields).parentActionGroupSignature;
  const out: ActionGroupFields = {
    actionGroupName: group.actionGroupName,
    actionGroupState: group.actionGroupState === "DISABLED" ? "DISABLED" : "ENABLED",
  };
  if (signature) {
    out.parentActionGroupSignature = signature;
    return out;
  }
  const description = nonEmpty(group.description);
  if (description) out.description = description;
  const executor = group.actionGroupExecutor as { lambda?: string; customControl?: string } | undefined;
  if (executor?.lambda) out.actionGroupExecutor = { lambda: executor.lambda };
  else if (executor?.customControl) out.actionGroupExecutor = { customControl: "RETURN_CONTROL" };
  const payload = (group.apiSchema as { payload?: string } | undefined)?.payload;
  if (payload !== undefined) out.apiSchema = { payload };
  const functions = group.functionSchema?.functions;
  if (functions) out.functionSchema = { functions: functions.map(canonicalFunction) };
  return out;
}

export function canonicalKnowledgeBase(kb: {
  knowledgeBaseId: string;
  description?: string;
  knowledgeBaseState?: string;
}): KnowledgeBaseFields {
  return {
    knowledgeBaseId: kb.knowledgeBaseId,
    description: kb.description ?? "",
    knowledgeBaseState: kb.knowledgeBaseState === "DISABLED" ? "DISABLED" : "ENABLED",
  };
}
