/**
 * Removing an agent the project owns: its aliases, the agent (with its versions), the
 * resource-policy statements it was given, its auto role and the functions created for it.
 */
import { type ApplyContext, mutate } from "./apply-context.js";
import { awsErrorName, step } from "./errors.js";
import type { AgentPlan } from "./plan-types.js";
import { pollUntil } from "./wait.js";

export async function applyDeletion(ctx: ApplyContext, plan: AgentPlan): Promise<void> {
  const api = ctx.ports.agents;
  const agentId = plan.agentId as string;
  const name = plan.name;
  ctx.progress({ agent: name, message: "deleting", state: "running" });
  for (const alias of plan.aliases) {
    if (alias.kind !== "delete" || !alias.id) continue;
    const id = alias.id;
    await mutate(ctx, name, "DeleteAgentAlias", alias.name, () => api.deleteAlias(agentId, id));
  }
  await mutate(ctx, name, "DeleteAgent", undefined, () => api.deleteAgent(agentId));
  await step(name, "GetAgent", () =>
    pollUntil(
      async () => {
        try {
          await api.getAgent(agentId);
          return false;
        } catch (err) {
          if (awsErrorName(err) === "ResourceNotFoundException") return true;
          throw err;
        }
      },
      (gone) => gone,
      `agent ${name} to be deleted`,
      ctx.wait,
    ),
  );
  for (const p of plan.permissions) {
    if (p.kind !== "remove" || !p.statementId) continue;
    const sid = p.statementId;
    await mutate(ctx, name, "RemovePermission", p.functionName, () =>
      ctx.ports.lambda.removePermission(p.functionName, sid),
    );
  }
  for (const fn of plan.functions) {
    if (fn.kind === "delete")
      await mutate(ctx, name, "DeleteFunction", fn.name, () => ctx.ports.lambda.deleteFunction(fn.name));
  }
  for (const role of plan.roles) {
    if (role.kind !== "delete") continue;
    await deleteRole(ctx, name, role.name);
  }
}

/** IAM refuses to delete a role that still has inline policies: remove those first. */
export async function deleteRole(ctx: ApplyContext, agent: string, roleName: string): Promise<void> {
  const iam = ctx.ports.iam;
  const policies = await step(agent, "ListRolePolicies", () => iam.listRolePolicies(roleName));
  for (const policy of policies) {
    await mutate(ctx, agent, "DeleteRolePolicy", roleName, () => iam.deleteRolePolicy(roleName, policy));
  }
  await mutate(ctx, agent, "DeleteRole", roleName, () => iam.deleteRole(roleName));
}
