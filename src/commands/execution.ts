import type { Context } from "../context.js";
import { fullHistory } from "../core/executions/follow.js";
import { resolveExecution } from "../core/executions/workflows.js";
import { UsageError } from "../errors.js";
import { renderExecutionResult, timelineFor } from "./render-execution.js";
import { withWorkflowSession } from "./workflow-session.js";

/** `agentctl execution ARN|NAME`: replay one execution's history as the run-workflow timeline. */
export default async function execution(ctx: Context, args: string[]): Promise<void> {
  const [ref] = args;
  if (!ref)
    throw new UsageError("Name the execution (its ARN or name).", "`agentctl executions` lists them.");
  await withWorkflowSession(ctx, async ({ api, stateMachineArns }) => {
    const { executionArn } = await resolveExecution(api, ref, await stateMachineArns());
    const timeline = timelineFor(ctx);
    for (const event of await fullHistory(api, executionArn)) timeline.push(event);
    renderExecutionResult(ctx, await api.describeExecution(executionArn));
  });
}
