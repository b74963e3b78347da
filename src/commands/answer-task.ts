/**
 * `agentctl approve TOKEN|EXECUTION [--output JSON]` and `agentctl reject TOKEN|EXECUTION
 * [--error E --cause C]`: answer a `.waitForTaskToken` step. An execution ARN or name
 * finds the one token that execution waits on, from its history.
 */
import type { Context } from "../context.js";
import { parseExecutionInput } from "../core/executions/input.js";
import { pendingTokenOf, resolveExecution } from "../core/executions/workflows.js";
import { UsageError } from "../errors.js";
import { looksLikeTaskToken } from "../timeline/task-token.js";
import { withWorkflowSession } from "./workflow-session.js";

export async function answerTask(
  ctx: Context,
  args: string[],
  options: Record<string, unknown>,
  verdict: "approve" | "reject",
): Promise<void> {
  const [ref] = args;
  if (!ref)
    throw new UsageError(
      `Give the task token or the execution to ${verdict}.`,
      `agentctl ${verdict} TOKEN|EXECUTION`,
    );
  const output =
    verdict === "approve"
      ? parseExecutionInput(
          typeof options.output === "string" ? options.output : '{"approved":true}',
          "--output",
        )
      : undefined;
  await withWorkflowSession(ctx, async ({ api, stateMachineArns }) => {
    let taskToken = ref;
    let state: string | undefined;
    let executionArn: string | undefined;
    if (!looksLikeTaskToken(ref)) {
      executionArn = (await resolveExecution(api, ref, await stateMachineArns())).executionArn;
      const pending = await pendingTokenOf(api, executionArn);
      taskToken = pending.token;
      state = pending.state;
    }
    if (verdict === "approve") await api.sendTaskSuccess({ taskToken, output: output ?? "{}" });
    else
      await api.sendTaskFailure({
        taskToken,
        error: typeof options.error === "string" ? options.error : "Rejected",
        // Always a cause: templates read it (the sample's Fail state takes its Cause from it).
        cause: typeof options.cause === "string" ? options.cause : "Rejected with agentctl reject.",
      });
    const done = verdict === "approve" ? "approved" : "rejected";
    ctx.io.result(
      { [done]: true, ...(executionArn ? { executionArn } : {}), ...(state ? { state } : {}) },
      () => `${done}${state ? ` ${state}` : ""}${executionArn ? ` of ${executionArn}` : ""}`,
    );
  });
}
