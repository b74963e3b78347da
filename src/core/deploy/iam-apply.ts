/**
 * Observing and applying the IAM/Lambda side of an agent: its auto role (created with its
 * inline policy before anything references it), functions created from local handlers
 * (with a logs-only execution role), and each executor's resource-policy statement.
 */
import type { AgentHandle } from "./agent-draft.js";
import { type ApplyContext, mutate } from "./apply-context.js";
import { sameValue } from "./canonical.js";
import { mapLimit } from "./concurrency.js";
import type { DesiredAgent, DesiredProject } from "./desired.js";
import { step } from "./errors.js";
import { packageHandler } from "./function-package.js";
import {
  AGENT_POLICY_NAME,
  agentTrustPolicy,
  BEDROCK_PRINCIPAL,
  FUNCTION_POLICY_NAME,
  functionLogsPolicy,
  functionTrustPolicy,
  lambdaPermissionStatement,
  permissionStatementId,
} from "./iam-documents.js";
import { desiredPermissions, functionRoleName, type ObservedIam } from "./iam-plan.js";
import type { AgentPlan } from "./plan-types.js";
import type { DeployPorts } from "./ports.js";
import { AGENT_TAG, PROJECT_TAG } from "./tags.js";
import { isLambdaRolePropagation, pollUntil, retryPropagation } from "./wait.js";

export const FUNCTION_RUNTIME = "nodejs22.x";

/** Reads the roles and functions the desired agents use (only those agentctl might change). */
export async function observeIam(
  ports: DeployPorts,
  desired: DesiredProject,
  extraRoles: readonly string[],
  concurrency: number,
): Promise<ObservedIam> {
  const observed: ObservedIam = { roles: {}, functions: {} };
  const roleNames = new Set(extraRoles);
  for (const a of desired.agents) if (a.role.mode === "auto") roleNames.add(a.role.name);
  await mapLimit([...roleNames], concurrency, async (name) => {
    const role = await step(name, "GetRole", () => ports.iam.getRole(name));
    observed.roles[name] = role
      ? {
          exists: true,
          owned: role.tags[PROJECT_TAG] === desired.project,
          trust: role.trustPolicy,
          policy: await step(name, "GetRolePolicy", () => ports.iam.getRolePolicy(name, AGENT_POLICY_NAME)),
        }
      : { exists: false, owned: false };
  });
  const functionNames = new Set(desired.agents.flatMap((a) => a.executors.map((e) => e.functionName)));
  await mapLimit([...functionNames], concurrency, async (name) => {
    const fn = await step(name, "GetFunction", () => ports.lambda.getFunction(name));
    observed.functions[name] = fn
      ? {
          exists: true,
          arn: fn.arn,
          owned: fn.tags[PROJECT_TAG] === desired.project,
          statements: await step(name, "GetPolicy", () => ports.lambda.getPolicyStatements(name)),
        }
      : { exists: false, owned: false, statements: [] };
  });
  return observed;
}

/** Before the agent is created or updated: create the role and write its policy. Returns whether IAM changed. */
export async function applyRoleBefore(
  ctx: ApplyContext,
  plan: AgentPlan,
  agent: DesiredAgent,
): Promise<boolean> {
  if (agent.role.mode !== "auto" || plan.roles.length === 0) return false;
  const { name, path } = agent.role;
  const { region, account, project } = ctx.desired;
  const iam = ctx.ports.iam;
  const policy = desiredPermissions(ctx.desired, agent, collaboratorArns(ctx, agent));
  ctx.progress({ agent: agent.name, message: "service role", state: "running" });
  for (const change of plan.roles) {
    if (change.kind === "create") {
      await mutate(ctx, agent.name, "CreateRole", name, () =>
        iam.createRole({
          name,
          path,
          trustPolicy: agentTrustPolicy(region, account, plan.agentId),
          description: `Service role of Bedrock agent ${agent.name} (agentctl project ${project})`,
          tags: { [PROJECT_TAG]: project, [AGENT_TAG]: agent.name },
        }),
      );
      await mutate(ctx, agent.name, "PutRolePolicy", name, () =>
        iam.putRolePolicy(name, AGENT_POLICY_NAME, policy),
      );
    } else if (change.kind === "update-policy") {
      const current = await step(agent.name, "GetRolePolicy", () =>
        iam.getRolePolicy(name, AGENT_POLICY_NAME),
      );
      if (!sameValue(current, policy)) {
        await mutate(ctx, agent.name, "PutRolePolicy", name, () =>
          iam.putRolePolicy(name, AGENT_POLICY_NAME, policy),
        );
      }
    } else if (change.kind === "update-trust" && plan.agentId) {
      const trust = agentTrustPolicy(region, account, plan.agentId);
      await mutate(ctx, agent.name, "UpdateAssumeRolePolicy", name, () => iam.updateTrustPolicy(name, trust));
    }
  }
  return true;
}

/** After CreateAgent: narrow the new role's trust from agent/* to exactly this agent. */
export async function narrowTrustAfterCreate(
  ctx: ApplyContext,
  plan: AgentPlan,
  agent: DesiredAgent,
  handle: AgentHandle,
) {
  if (agent.role.mode !== "auto" || plan.action !== "create") return;
  const { name } = agent.role;
  const trust = agentTrustPolicy(ctx.desired.region, ctx.desired.account, handle.agentId);
  await mutate(ctx, agent.name, "UpdateAssumeRolePolicy", name, () =>
    ctx.ports.iam.updateTrustPolicy(name, trust),
  );
}

function collaboratorArns(ctx: ApplyContext, agent: DesiredAgent): string[] {
  return agent.definition.collaborators.map((c) => {
    if (!c.aliasRef.startsWith("agent:")) return c.aliasRef;
    const arn = ctx.aliasArns.get(c.aliasRef);
    if (!arn) throw new Error(`${agent.name}: collaborator alias ${c.aliasRef} is not deployed yet.`);
    return arn;
  });
}

/** Functions the plan creates from local handlers (with a logs-only execution role). */
export async function applyFunctions(ctx: ApplyContext, plan: AgentPlan, agent: DesiredAgent): Promise<void> {
  const { region, account, project } = ctx.desired;
  for (const change of plan.functions) {
    if (change.kind !== "create" || !change.handlerFile) continue;
    // Two agents can share a function: the second finds it already created in this run.
    if (await step(agent.name, "GetFunction", () => ctx.ports.lambda.getFunction(change.name))) continue;
    ctx.progress({ agent: agent.name, message: `function ${change.name}`, state: "running" });
    const roleName = functionRoleName(project, change.name);
    const tags = { [PROJECT_TAG]: project, [AGENT_TAG]: agent.name };
    let role = await step(agent.name, "GetRole", () => ctx.ports.iam.getRole(roleName));
    if (!role) {
      role = await mutate(ctx, agent.name, "CreateRole", roleName, () =>
        ctx.ports.iam.createRole({
          name: roleName,
          path: "/agentctl/",
          trustPolicy: functionTrustPolicy(account),
          description: `Execution role of Lambda function ${change.name} (agentctl project ${project})`,
          tags,
        }),
      );
      await mutate(ctx, agent.name, "PutRolePolicy", roleName, () =>
        ctx.ports.iam.putRolePolicy(
          roleName,
          FUNCTION_POLICY_NAME,
          functionLogsPolicy(region, account, change.name),
        ),
      );
    }
    const pkg = await packageHandler(change.handlerFile);
    const roleArn = role.arn;
    await mutate(ctx, agent.name, "CreateFunction", change.name, () =>
      retryPropagation(
        () =>
          ctx.ports.lambda.createFunction({
            name: change.name,
            roleArn,
            handler: pkg.handler,
            runtime: FUNCTION_RUNTIME,
            zip: pkg.zip,
            description: `Action-group handler of ${agent.name} (agentctl project ${project})`,
            tags,
          }),
        isLambdaRolePropagation,
      ),
    );
    await step(agent.name, "GetFunction", () =>
      pollUntil(
        () => ctx.ports.lambda.getFunction(change.name),
        (f) => f?.state === undefined || f.state === "Active" || f.state === "Failed",
        `function ${change.name} to become Active`,
        ctx.wait,
      ),
    );
  }
}

/** One statement per agent on each executor's resource policy, added once (GetPolicy first). */
export async function applyPermissions(
  ctx: ApplyContext,
  plan: AgentPlan,
  agent: DesiredAgent,
  handle: AgentHandle,
) {
  const lambda = ctx.ports.lambda;
  const sid = permissionStatementId(handle.agentId);
  for (const change of plan.permissions) {
    if (change.kind !== "add") continue;
    const executor = agent.executors.find((e) => e.functionName === change.functionName);
    if (!executor) continue;
    const expected = lambdaPermissionStatement(executor.functionArn, ctx.desired.account, handle.agentArn);
    const statements = await step(agent.name, "GetPolicy", () =>
      lambda.getPolicyStatements(change.functionName),
    );
    const existing = statements.find((s) => s.Sid === sid);
    if (existing) {
      const { Sid: _sid, ...rest } = existing;
      if (sameValue(rest, expected)) continue;
      await mutate(ctx, agent.name, "RemovePermission", change.functionName, () =>
        lambda.removePermission(change.functionName, sid),
      );
    }
    await mutate(ctx, agent.name, "AddPermission", change.functionName, () =>
      lambda.addPermission({
        functionName: change.functionName,
        statementId: sid,
        principal: BEDROCK_PRINCIPAL,
        sourceAccount: ctx.desired.account,
        sourceArn: handle.agentArn,
      }),
    );
  }
}
