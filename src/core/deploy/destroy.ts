/**
 * `destroy`: removes what the project owns — agents (with aliases and versions), their
 * auto roles and resource-policy statements, and the functions agentctl created for them
 * with their execution roles — supervisors before the collaborators they point at.
 */

import { deleteRole } from "./agent-delete.js";
import { applyPlan, type DeployResult } from "./apply.js";
import { mutate, newApplyContext, type ProgressSink } from "./apply-context.js";
import { readDeployedState } from "./deployed.js";
import { deletion } from "./diff.js";
import { type EngineOptions, loadDesired } from "./engine.js";
import { observeIam } from "./iam-apply.js";
import { functionRoleName } from "./iam-plan.js";
import { agentKey, type Plan, type PlanItem } from "./plan-types.js";
import type { DeployPorts } from "./ports.js";
import { PROJECT_TAG } from "./tags.js";
import { observeWorkflows, workflowRemovals } from "./workflow-plan.js";

export interface DestroyOptions {
  projectDir: string;
  vars: Readonly<Record<string, string | undefined>>;
  agents?: readonly string[];
  concurrency?: number;
  progress: ProgressSink;
  /** preflight()'s result (or true): see EngineOptions.validated. */
  validated?: EngineOptions["validated"];
}

export async function planDestroy(ports: DeployPorts, opts: Omit<DestroyOptions, "progress">) {
  const desired = await loadDesired(ports, opts);
  const concurrency = opts.concurrency ?? 4;
  const state = await readDeployedState(ports.agents, {
    project: desired.project,
    region: desired.region,
    account: desired.account,
    names: desired.agents.map((a) => a.name),
    concurrency,
  });
  const selected = [...state.agents.values()].filter(
    (a) => a.owned && (!opts.agents || opts.agents.length === 0 || opts.agents.includes(a.name)),
  );
  const roles = selected
    .map((a) => a.draft.agent.agentResourceRoleArn)
    .filter((arn) => arn.includes(":role/agentctl/"))
    .map((arn) => arn.split("/").pop() as string);
  const observed = await observeIam(ports, desired, roles, concurrency);
  const names = new Set(selected.map((a) => a.name));
  const items = selected.map((agent) => {
    // Reverse dependency order: a collaborator goes after every supervisor that points at it.
    const supervisors = selected
      .filter(
        (s) =>
          s.name !== agent.name &&
          s.draft.collaborators.some((c) => c.aliasRef.startsWith(`agent:${agent.name}/`)),
      )
      .map((s) => agentKey(s.name));
    const item = deletion(agent, observed, supervisors);
    // Functions agentctl created for this project, used by no agent that stays.
    const staying = desired.agents
      .filter((a) => !names.has(a.name))
      .flatMap((a) => a.executors.map((e) => e.functionName));
    const own = desired.agents.find((a) => a.name === agent.name)?.executors ?? [];
    for (const e of own) {
      const fn = observed.functions[e.functionName];
      if (
        fn?.exists &&
        fn.owned &&
        !staying.includes(e.functionName) &&
        !item.functions.some((f) => f.name === e.functionName)
      ) {
        item.functions.push({ name: e.functionName, kind: "delete" });
      }
    }
    item.changes += item.functions.length;
    return item;
  });
  const all: PlanItem[] = [...items];
  // The workflows go only with the whole project (destroy of named agents leaves them).
  if (!opts.agents || opts.agents.length === 0) {
    const observedWorkflows = await observeWorkflows(ports, desired, state, concurrency);
    all.push(...workflowRemovals(desired, observedWorkflows));
  }
  const plan: Plan = {
    project: desired.project,
    region: desired.region,
    account: desired.account,
    items: all,
    changes: all.reduce((n, i) => n + i.changes, 0),
  };
  return { desired, state, observed, plan };
}

export async function destroyProject(ports: DeployPorts, opts: DestroyOptions): Promise<DeployResult> {
  const { desired, state, plan } = await planDestroy(ports, opts);
  const ctx = newApplyContext(ports, desired, state, opts.progress);
  // One function may serve several agents: delete it once, after them all.
  const agentItems = plan.items.filter((i) => i.kind === "agent");
  const functions = [...new Set(agentItems.flatMap((i) => i.functions.map((f) => f.name)))];
  for (const item of agentItems) item.functions = [];
  const result = await applyPlan(ctx, plan, opts.concurrency ?? 4);
  for (const name of functions) {
    await mutate(ctx, "(project)", "DeleteFunction", name, () => ports.lambda.deleteFunction(name));
    const role = await ports.iam.getRole(functionRoleName(desired.project, name));
    if (role && role.tags[PROJECT_TAG] === desired.project)
      await deleteRole(ctx, "(project)", functionRoleName(desired.project, name));
  }
  return { ...result, operations: ctx.operations, changes: ctx.operations.length };
}
