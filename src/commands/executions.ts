import type { ExecutionListItem, ExecutionStatus } from "@aws-sdk/client-sfn";
import type { Context } from "../context.js";
import { chooseWorkflow, stateMachineArnOf, stateMachineName } from "../core/executions/workflows.js";
import { UsageError } from "../errors.js";
import { withWorkflowSession } from "./workflow-session.js";

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];

/** `agentctl executions [--workflow NAME] [--status S]`: the project's executions, newest first. */
export default async function executions(
  ctx: Context,
  _args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const status = typeof options.status === "string" ? options.status.toUpperCase() : undefined;
  if (status !== undefined && !STATUSES.includes(status))
    throw new UsageError(`--status must be one of ${STATUSES.join(", ")}, not "${options.status}".`);
  await withWorkflowSession(ctx, async ({ project, api, stateMachineArns }) => {
    const arns =
      typeof options.workflow === "string"
        ? [await stateMachineArnOf(api, stateMachineName(project, chooseWorkflow(project, options.workflow)))]
        : await stateMachineArns();
    const listed: ExecutionListItem[] = [];
    for (const stateMachineArn of arns)
      listed.push(
        ...(await api.listExecutions({
          stateMachineArn,
          ...(status ? { statusFilter: status as ExecutionStatus } : {}),
        })),
      );
    listed.sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0));
    const rows = listed.map((e) => ({
      name: e.name ?? "",
      status: e.status ?? "",
      workflow: e.stateMachineArn?.split(":").at(-1) ?? "",
      startDate: e.startDate?.toISOString() ?? "",
      ...(e.stopDate ? { stopDate: e.stopDate.toISOString() } : {}),
      executionArn: e.executionArn ?? "",
    }));
    ctx.io.result({ executions: rows }, () => {
      if (rows.length === 0) return ctx.io.style.dim("no executions");
      const s = ctx.io.style;
      const colour = (st: string) =>
        st === "SUCCEEDED" ? s.green(st) : st === "RUNNING" ? s.cyan(st) : s.red(st);
      const width = Math.max(...rows.map((r) => r.name.length), 4);
      return rows
        .map(
          (r) =>
            `${r.name.padEnd(width)}  ${colour(r.status.padEnd(9))}  ${r.startDate}  ${s.dim(r.workflow)}`,
        )
        .join("\n");
    });
  });
}
