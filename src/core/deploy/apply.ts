/**
 * Applies exactly a plan: items run in parallel up to `concurrency`, each item's
 * operations in order, an item only after the items it depends on succeeded
 * (collaborators deployed and aliased before their supervisor). A failed item fails
 * its dependents; independent items still finish, and the error lists every failure.
 */
import { AgentctlError, ExitCode } from "../../errors.js";
import { applyAliases } from "./agent-aliases.js";
import { applyDeletion } from "./agent-delete.js";
import { applySubResources, ensureAgent, prepare, settleAgent } from "./agent-draft.js";
import type { AppliedOperation, ApplyContext } from "./apply-context.js";
import { mutate } from "./apply-context.js";
import { DeployFailedError, step } from "./errors.js";
import { applyFunctions, applyPermissions, applyRoleBefore, narrowTrustAfterCreate } from "./iam-apply.js";
import type { AgentPlan, Plan, PlanItem } from "./plan-types.js";
import { HASH_TAG } from "./tags.js";
import { applyAdapter, applyWorkflow, type WorkflowOutcome } from "./workflow-apply.js";

export interface AgentOutcome {
  name: string;
  agentId?: string;
  status: string;
  aliases: Record<string, string>;
  deleted?: boolean;
}

export interface DeployResult {
  project: string;
  operations: AppliedOperation[];
  agents: AgentOutcome[];
  /** The project's workflows (absent when none were planned). */
  workflows?: WorkflowOutcome[];
  changes: number;
}

export async function applyPlan(ctx: ApplyContext, plan: Plan, concurrency: number): Promise<DeployResult> {
  const done = new Map<string, Promise<void>>();
  const outcomes: AgentOutcome[] = [];
  const workflows: WorkflowOutcome[] = [];
  const failures: AgentctlError[] = [];
  let running = 0;
  const queue: (() => void)[] = [];
  const slot = async () => {
    if (running >= concurrency) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    queue.shift()?.();
  };
  const keys = new Set(plan.items.map((i) => i.key));
  const start = (item: PlanItem): Promise<void> => {
    const existing = done.get(item.key);
    if (existing) return existing;
    const promise = (async () => {
      const deps = item.dependsOn.filter((k) => keys.has(k) && k !== item.key);
      const results = await Promise.allSettled(
        deps.map((k) => start(plan.items.find((i) => i.key === k) as PlanItem)),
      );
      if (results.some((r) => r.status === "rejected")) {
        const error = new AgentctlError(`${item.name}: skipped, because an agent it depends on failed.`, {
          exitCode: ExitCode.Failed,
          source: "toolkit",
        });
        ctx.progress({ agent: item.name, message: "skipped", state: "failed" });
        failures.push(error);
        throw error;
      }
      await slot();
      try {
        if (item.kind === "agent") outcomes.push(await applyItem(ctx, item));
        else if (item.kind === "adapter") await applyAdapter(ctx, item);
        else workflows.push(await applyWorkflow(ctx, item));
        ctx.progress({ agent: item.name, message: item.changes === 0 ? "unchanged" : "done", state: "done" });
      } catch (err) {
        ctx.progress({ agent: item.name, message: "failed", state: "failed" });
        failures.push(
          err instanceof AgentctlError
            ? err
            : new AgentctlError(String((err as Error)?.message ?? err), {
                exitCode: ExitCode.Failed,
                source: "toolkit",
                cause: err,
              }),
        );
        throw err;
      } finally {
        release();
      }
    })();
    // Failures are collected above; unobserved rejections must not crash the process.
    promise.catch(() => {});
    done.set(item.key, promise);
    return promise;
  };
  await Promise.allSettled(plan.items.map(start));
  if (failures.length > 0) throw new DeployFailedError(failures);
  const order = new Map(plan.items.map((i, n) => [i.name, n]));
  outcomes.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return {
    project: plan.project,
    operations: ctx.operations,
    agents: outcomes,
    ...(plan.items.some((i) => i.kind === "workflow") ? { workflows: sortedLike(plan, workflows) } : {}),
    changes: ctx.operations.length,
  };
}

function sortedLike(plan: Plan, workflows: WorkflowOutcome[]): WorkflowOutcome[] {
  const order = plan.items.filter((i) => i.kind === "workflow").map((i) => i.name);
  return [...workflows].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

async function applyItem(ctx: ApplyContext, plan: AgentPlan): Promise<AgentOutcome> {
  if (plan.action === "delete") {
    await applyDeletion(ctx, plan);
    return {
      name: plan.name,
      ...(plan.agentId ? { agentId: plan.agentId } : {}),
      status: "DELETED",
      aliases: {},
      deleted: true,
    };
  }
  const agent = ctx.desired.agents.find((a) => a.name === plan.name);
  if (!agent) throw new Error(`internal: plan item ${plan.name} has no desired agent`);
  const deployed = ctx.deployed.agents.get(plan.name);
  if (plan.changes === 0 && deployed && ctx.pruneVersions === undefined) {
    return {
      name: plan.name,
      agentId: deployed.agentId,
      status: deployed.status,
      aliases: Object.fromEntries(deployed.aliases.map((a) => [a.name, a.version ?? ""])),
    };
  }
  const roleChanged = await applyRoleBefore(ctx, plan, agent);
  await applyFunctions(ctx, plan, agent);
  const handle = await ensureAgent(ctx, plan, agent, roleChanged);
  ctx.agentIds.set(agent.name, handle);
  await narrowTrustAfterCreate(ctx, plan, agent, handle);
  await applyPermissions(ctx, plan, agent, handle);
  await applySubResources(ctx, plan, agent, handle);
  if (plan.prepare) await prepare(ctx, agent.name, handle.agentId);
  if (plan.recordHash && plan.action !== "create") {
    await mutate(ctx, agent.name, "TagResource", "agent", () =>
      ctx.ports.agents.tag(handle.agentArn, { [HASH_TAG]: agent.hash }),
    );
  }
  await applyAliases(ctx, plan, agent, handle);
  const final = await settleAgent(ctx, agent.name, handle.agentId);
  const aliases = await step(agent.name, "ListAgentAliases", () =>
    ctx.ports.agents.listAliases(handle.agentId),
  );
  return {
    name: agent.name,
    agentId: handle.agentId,
    status: final.agentStatus,
    aliases: Object.fromEntries(
      aliases
        .filter((a) => a.agentAliasId !== "TSTALIASID")
        .map((a) => [a.agentAliasName, a.routingConfiguration?.[0]?.agentVersion ?? ""]),
    ),
  };
}
