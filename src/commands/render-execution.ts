/** How the workflow commands print an execution: its timeline as it happens, then its outcome. */
import type { DescribeExecutionOutput, HistoryEvent } from "@aws-sdk/client-sfn";
import type { Context } from "../context.js";
import { createTimelineRenderer } from "../timeline/render-timeline.js";

/** A sink for history events: NDJSON under --json, timeline lines otherwise (none for quiet events). */
export function timelineFor(ctx: Context): { push(event: HistoryEvent): void } {
  const renderer = createTimelineRenderer({ style: ctx.io.style, verbose: ctx.io.verbose, cli: "agentctl" });
  return {
    push(event) {
      if (ctx.io.json) {
        ctx.io.event(event, () => "");
        return;
      }
      const lines = renderer.push(event);
      if (lines.length > 0) ctx.io.event(event, () => lines.join("\n"));
    },
  };
}

export interface ExecutionResult {
  executionArn: string;
  name?: string;
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  startDate?: string;
  stopDate?: string;
}

export function executionResult(outcome: DescribeExecutionOutput): ExecutionResult {
  return {
    executionArn: outcome.executionArn ?? "",
    ...(outcome.name ? { name: outcome.name } : {}),
    status: outcome.status ?? "UNKNOWN",
    ...(outcome.output !== undefined ? { output: parseJson(outcome.output) } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(outcome.cause ? { cause: outcome.cause } : {}),
    ...(outcome.startDate ? { startDate: outcome.startDate.toISOString() } : {}),
    ...(outcome.stopDate ? { stopDate: outcome.stopDate.toISOString() } : {}),
  };
}

/**
 * Under --json the closing `{"result": …}` line of the NDJSON stream (one line, like the
 * events before it); the timeline already said it all otherwise.
 */
export function renderExecutionResult(ctx: Context, outcome: DescribeExecutionOutput): void {
  if (ctx.io.json) ctx.io.event({ result: executionResult(outcome) }, () => "");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An EXPRESS run (StartSyncExecution): its outcome only, as the result. */
export function renderSyncResult(ctx: Context, outcome: DescribeExecutionOutput): void {
  const result = executionResult(outcome);
  ctx.io.result({ result }, () => {
    const s = ctx.io.style;
    if (result.status === "SUCCEEDED") return `${s.green("■ SUCCEEDED")}\noutput: ${outcome.output ?? ""}`;
    return `${s.red(`■ ${result.status}`)}${result.error ? ` ${s.bold(result.error)}` : ""}${result.cause ? `\ncause: ${result.cause}` : ""}`;
  });
}
