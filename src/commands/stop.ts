import type { Context } from "../context.js";
import { resolveExecution } from "../core/executions/workflows.js";
import { UsageError } from "../errors.js";
import { withWorkflowSession } from "./workflow-session.js";

/** `agentctl stop ARN|NAME [--error E] [--cause C]`: abort a running execution. */
export default async function stop(
  ctx: Context,
  args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const [ref] = args;
  if (!ref) throw new UsageError("Name the execution to stop (its ARN or name).");
  await withWorkflowSession(ctx, async ({ api, stateMachineArns }) => {
    const { executionArn } = await resolveExecution(api, ref, await stateMachineArns());
    const { stopDate } = await api.stopExecution({
      executionArn,
      ...(typeof options.error === "string" ? { error: options.error } : {}),
      ...(typeof options.cause === "string" ? { cause: options.cause } : {}),
    });
    ctx.io.result(
      { executionArn, status: "ABORTED", ...(stopDate ? { stopDate: stopDate.toISOString() } : {}) },
      () => `stopped ${executionArn}`,
    );
  });
}
