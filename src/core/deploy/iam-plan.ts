/**
 * The IAM and Lambda part of an agent's plan (pure): the auto role's trust and
 * permissions, the executors' resource-policy statements, and functions to create
 * from local handlers. Compared against what was observed (iam-observe.ts).
 */
import { sameValue } from "./canonical.js";
import type { DeployedAgent } from "./deployed.js";
import type { DesiredAgent, DesiredProject } from "./desired.js";
import {
  agentPermissionsPolicy,
  agentTrustPolicy,
  lambdaPermissionStatement,
  permissionStatementId,
} from "./iam-documents.js";
import type { FunctionChange, PermissionChange, RoleChange } from "./plan-types.js";
import type { PolicyStatement } from "./ports.js";

export interface ObservedRole {
  exists: boolean;
  owned: boolean;
  trust?: unknown;
  policy?: unknown;
}

export interface ObservedFunction {
  exists: boolean;
  arn?: string;
  owned: boolean;
  statements: PolicyStatement[];
}

export interface ObservedIam {
  roles: Record<string, ObservedRole>;
  functions: Record<string, ObservedFunction>;
}

export const EMPTY_IAM: ObservedIam = { roles: {}, functions: {} };

export function functionRoleName(project: string, functionName: string): string {
  const name = `agentctl-${project}-fn-${functionName}`;
  return name.length <= 64 ? name : name.slice(0, 64);
}

/** The permissions document for an agent, given the collaborator alias ARNs known now. */
export function desiredPermissions(
  project: DesiredProject,
  agent: DesiredAgent,
  aliasArns: readonly string[],
): unknown {
  return agentPermissionsPolicy({
    region: project.region,
    account: project.account,
    model: agent.definition.agent.foundationModel,
    knowledgeBaseIds: agent.knowledgeBaseIds,
    ...(agent.definition.agent.guardrailConfiguration?.guardrailIdentifier
      ? { guardrail: agent.definition.agent.guardrailConfiguration.guardrailIdentifier }
      : {}),
    collaboratorAliasArns: aliasArns,
  });
}

export function planRole(
  project: DesiredProject,
  agent: DesiredAgent,
  deployed: DeployedAgent | undefined,
  observed: ObservedIam,
  collaboratorAliasArns: readonly string[] | undefined,
): RoleChange[] {
  if (agent.role.mode !== "auto") return [];
  const role = observed.roles[agent.role.name];
  const policy = desiredPermissions(project, agent, collaboratorAliasArns ?? []);
  if (!role?.exists) return [{ name: agent.role.name, kind: "create", document: policy }];
  const changes: RoleChange[] = [];
  // A new agent gets its trust narrowed to its id right after CreateAgent (apply does it).
  if (
    deployed &&
    !sameValue(role.trust, agentTrustPolicy(project.region, project.account, deployed.agentId))
  ) {
    changes.push({
      name: agent.role.name,
      kind: "update-trust",
      document: agentTrustPolicy(project.region, project.account, deployed.agentId),
    });
  }
  // Collaborator aliases not deployed yet: the policy is rewritten once their ARNs exist.
  if (collaboratorAliasArns === undefined || !sameValue(role.policy, policy)) {
    changes.push({ name: agent.role.name, kind: "update-policy", document: policy });
  }
  return changes;
}

export function planExecutors(
  project: DesiredProject,
  agent: DesiredAgent,
  deployed: DeployedAgent | undefined,
  observed: ObservedIam,
): { permissions: PermissionChange[]; functions: FunctionChange[] } {
  const permissions: PermissionChange[] = [];
  const functions: FunctionChange[] = [];
  const seen = new Set<string>();
  for (const executor of agent.executors) {
    if (seen.has(executor.functionName)) continue;
    seen.add(executor.functionName);
    const fn = observed.functions[executor.functionName];
    if (!fn?.exists && executor.handlerFile) {
      functions.push({ name: executor.functionName, kind: "create", handlerFile: executor.handlerFile });
    }
    const sid = deployed ? permissionStatementId(deployed.agentId) : undefined;
    const present =
      deployed &&
      fn?.exists &&
      fn.statements.some(
        (s) =>
          s.Sid === sid &&
          sameValue(
            stripSid(s),
            lambdaPermissionStatement(fn.arn ?? executor.functionArn, project.account, deployed.agentArn),
          ),
      );
    if (!present)
      permissions.push({
        functionName: executor.functionName,
        kind: "add",
        ...(sid ? { statementId: sid } : {}),
      });
  }
  return { permissions, functions };
}

function stripSid(statement: PolicyStatement): unknown {
  const { Sid: _sid, ...rest } = statement;
  return rest;
}

/** What deleting an agent removes from IAM and Lambda: its auto role, its statements. */
export function planRemoval(
  agentName: string,
  deployed: DeployedAgent,
  observed: ObservedIam,
  roleName: string | undefined,
): { roles: RoleChange[]; permissions: PermissionChange[] } {
  const roles: RoleChange[] = [];
  if (roleName && observed.roles[roleName]?.exists && observed.roles[roleName]?.owned) {
    roles.push({ name: roleName, kind: "delete" });
  }
  const sid = permissionStatementId(deployed.agentId);
  const permissions: PermissionChange[] = [];
  for (const [functionName, fn] of Object.entries(observed.functions)) {
    if (fn.statements.some((s) => s.Sid === sid))
      permissions.push({ functionName, kind: "remove", statementId: sid });
  }
  void agentName;
  return { roles, permissions };
}
