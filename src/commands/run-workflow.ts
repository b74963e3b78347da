import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Context } from "../context.js";
import { followExecution } from "../core/executions/follow.js";
import { parseExecutionInput } from "../core/executions/input.js";
import { chooseWorkflow, stateMachineArnOf, stateMachineName } from "../core/executions/workflows.js";
import { ExitCode, ReportedFailure, UsageError } from "../errors.js";
import { inputOf } from "../io/input.js";
import { fromSystemError } from "../system-errors.js";
import { renderExecutionResult, renderSyncResult, timelineFor } from "./render-execution.js";
import { withWorkflowSession } from "./workflow-session.js";

/**
 * `agentctl run-workflow INPUT.json|-`: start the workflow's state machine and follow
 * it live from its history; exit 0 when it succeeds, 1 when it fails, times out or is
 * stopped. `--detach` returns once it has started.
 */
export default async function runWorkflow(
  ctx: Context,
  args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const [inputArg] = args;
  if (inputArg === undefined)
    throw new UsageError(
      "Give the execution input: a JSON file, or - for stdin.",
      "agentctl run-workflow order.json",
    );
  const input = await readInput(ctx, inputArg);
  await withWorkflowSession(ctx, async ({ project, api }) => {
    const workflow = chooseWorkflow(
      project,
      typeof options.workflow === "string" ? options.workflow : undefined,
    );
    const stateMachineArn = await stateMachineArnOf(api, stateMachineName(project, workflow));
    if (workflow.type === "EXPRESS") {
      // EXPRESS executions keep no history to follow: run synchronously and show the outcome.
      const outcome = await api.startSyncExecution({
        stateMachineArn,
        input,
        ...(typeof options.name === "string" ? { name: options.name } : {}),
      });
      renderSyncResult(ctx, outcome);
      if (outcome.status !== "SUCCEEDED")
        throw new ReportedFailure(`execution ${outcome.status}`, ExitCode.Failed);
      return;
    }
    const started = await api.startExecution({
      stateMachineArn,
      input,
      ...(typeof options.name === "string" ? { name: options.name } : {}),
    });
    if (options.detach === true) {
      ctx.io.result({ executionArn: started.executionArn, status: "RUNNING" }, () => started.executionArn);
      return;
    }
    if (!ctx.io.json) ctx.io.info(ctx.io.style.dim(`execution ${started.executionArn}`));
    const timeline = timelineFor(ctx);
    const outcome = await followExecution(api, started.executionArn, {
      onEvent: (event) => timeline.push(event),
    });
    // Under --json the events are the stream and this closing object the result.
    renderExecutionResult(ctx, outcome);
    if (outcome.status !== "SUCCEEDED")
      throw new ReportedFailure(`execution ${outcome.status}`, ExitCode.Failed);
  });
}

async function readInput(ctx: Context, arg: string): Promise<string> {
  if (arg === "-")
    return parseExecutionInput(new TextDecoder().decode(await inputOf(ctx).readAll()), "<stdin>");
  const file = path.resolve(ctx.env.cwd, arg);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw fromSystemError(err) ?? err;
  }
  return parseExecutionInput(text, path.relative(ctx.env.cwd, file) || file);
}
