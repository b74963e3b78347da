/**
 * The execution timeline: Step Functions history events in, terminal lines out.
 * Pure (no I/O, no clock): `run-workflow` feeds it events as it polls them and
 * `execution` replays a finished history through the same code, so what a user
 * sees live and afterwards is the same. Built only from GetExecutionHistory, so
 * it works the same on AWS and on the emulator.
 */
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import type { Style } from "../io/style.js";
import { type AgentTaskSummary, agentSummaryFromTaskOutput } from "./agent-summary.js";
import { findTaskToken, isTokenResource } from "./task-token.js";

export interface TimelineOptions {
  style: Style;
  /** Show each state's input and output. */
  verbose: boolean;
  /** How to name the CLI in the approve/reject hints (e.g. `npx agentctl`). */
  cli?: string;
}

export interface TimelineRenderer {
  push(event: HistoryEvent): string[];
}

interface OpenState {
  name: string;
  enteredAt: number;
  depth: number;
  failure?: { error?: string; cause?: string };
  attempts: number;
}

const MAX_DATA = 200;

export function createTimelineRenderer(opts: TimelineOptions): TimelineRenderer {
  const s = opts.style;
  const cli = opts.cli ?? "agentctl";
  const open = new Map<number, OpenState>();
  /** The innermost open state an event belongs to, found through previousEventId links. */
  const parentOf = new Map<number, number>();
  let depth = 0;

  const enteredIdOf = (event: HistoryEvent): number | undefined => {
    let id = event.previousEventId;
    for (let hops = 0; id !== undefined && hops < 10_000; hops++) {
      if (open.has(id)) return id;
      id = parentOf.get(id);
    }
    return undefined;
  };
  const stateOf = (event: HistoryEvent): OpenState | undefined => {
    const id = enteredIdOf(event);
    return id === undefined ? undefined : open.get(id);
  };
  const indent = (d: number) => "  ".repeat(d);
  const data = (label: string, json: string | undefined, d: number) =>
    opts.verbose && json !== undefined
      ? [`${indent(d + 1)}${s.dim(`${label}: ${clip(json, MAX_DATA)}`)}`]
      : [];

  return {
    push(event) {
      const id = event.id ?? 0;
      if (event.previousEventId !== undefined) parentOf.set(id, event.previousEventId);
      const at = toMillis(event.timestamp);
      const type = event.type ?? "Unknown";

      if (type.endsWith("StateEntered")) {
        const details = event.stateEnteredEventDetails;
        const kind = type.slice(0, -"StateEntered".length);
        // A Catch may hand over without a *StateExited of the failed state (the emulator does
        // not write one; whether AWS always does is unverified): the next state entered after
        // the failure closes it.
        const lines: string[] = [];
        const from = enteredIdOf(event);
        const caught = from === undefined ? undefined : open.get(from);
        if (from !== undefined && caught?.failure) {
          open.delete(from);
          depth = caught.depth;
          lines.push(
            `${indent(caught.depth)}${s.yellow("↷")} ${s.bold(caught.name)} caught ${s.yellow(caught.failure.error ?? "error")} ${s.dim(formatDuration(at - caught.enteredAt))}`,
          );
        }
        const state: OpenState = { name: details?.name ?? "?", enteredAt: at, depth, attempts: 0 };
        open.set(id, state);
        depth++;
        if (kind === "Task" || kind === "Map" || kind === "Parallel" || kind === "Wait")
          lines.push(`${indent(state.depth)}${s.cyan("→")} ${s.bold(state.name)} ${s.dim(kind)}`);
        return [...lines, ...data("input", details?.input, state.depth)];
      }
      if (type.endsWith("StateExited")) {
        const details = event.stateExitedEventDetails;
        // previousEventId links lead back to the state's own Entered event (through its
        // tasks, or a Map's iterations); the newest open state of that name is the fallback.
        const linked = enteredIdOf(event);
        const entry =
          linked !== undefined && open.get(linked)?.name === details?.name
            ? ([linked, open.get(linked)] as const)
            : [...open.entries()].reverse().find(([, st]) => st.name === details?.name);
        if (!entry?.[1]) return [];
        const [enteredId, state] = entry;
        open.delete(enteredId);
        depth = state.depth;
        const took = s.dim(formatDuration(at - state.enteredAt));
        const line = state.failure
          ? `${indent(state.depth)}${s.yellow("↷")} ${s.bold(state.name)} caught ${s.yellow(state.failure.error ?? "error")} ${took}`
          : `${indent(state.depth)}${s.green("✓")} ${s.bold(state.name)} ${took}`;
        return [line, ...data("output", details?.output, state.depth)];
      }

      const state = stateOf(event);
      const d = (state?.depth ?? depth - 1) + 1;
      switch (type) {
        case "ExecutionStarted":
          return [
            `${s.cyan("▶")} execution started`,
            ...data("input", event.executionStartedEventDetails?.input, -1),
          ];
        case "TaskScheduled": {
          const details = event.taskScheduledEventDetails;
          if (state) state.attempts++;
          const lines: string[] = [];
          if (state && state.attempts > 1)
            lines.push(`${indent(d)}${s.yellow(`retry ${state.attempts - 1}`)}`);
          if (isTokenResource(details?.resource)) {
            const token = findTaskToken(details?.parameters);
            lines.push(
              `${indent(d)}${s.yellow("⏸ waiting for a task token")} ${s.dim(`(${details?.resourceType}:${details?.resource})`)}`,
            );
            if (token) {
              lines.push(`${indent(d)}  approve: ${cli} approve ${token}`);
              lines.push(`${indent(d)}  reject:  ${cli} reject ${token} --cause "…"`);
            }
          }
          return lines;
        }
        case "TaskSucceeded":
        case "LambdaFunctionSucceeded": {
          if (state) state.failure = undefined;
          const output =
            event.taskSucceededEventDetails?.output ?? event.lambdaFunctionSucceededEventDetails?.output;
          const summary = agentSummaryFromTaskOutput(output);
          return summary ? renderAgentSummary(summary, d, s) : [];
        }
        case "TaskFailed":
        case "TaskTimedOut":
        case "TaskStartFailed":
        case "TaskSubmitFailed":
        case "LambdaFunctionFailed":
        case "LambdaFunctionTimedOut": {
          const details = failureDetails(event);
          if (state) state.failure = details;
          return [
            `${indent(d)}${s.red("✗")} ${s.red(details.error ?? type)}${details.cause ? `: ${clip(details.cause, MAX_DATA)}` : ""}`,
          ];
        }
        case "MapIterationFailed":
        case "ParallelStateFailed":
        case "MapStateFailed":
          return [`${indent(d)}${s.red("✗")} ${type}`];
        case "ExecutionSucceeded":
          return [
            `${s.green("■ SUCCEEDED")}`,
            ...(event.executionSucceededEventDetails?.output !== undefined
              ? [`output: ${clip(event.executionSucceededEventDetails.output, 2000)}`]
              : []),
          ];
        case "ExecutionFailed":
        case "ExecutionTimedOut":
        case "ExecutionAborted": {
          const details = failureDetails(event);
          const status = {
            ExecutionFailed: "FAILED",
            ExecutionTimedOut: "TIMED_OUT",
            ExecutionAborted: "ABORTED",
          }[type];
          return [
            `${s.red(`■ ${status}`)}${details.error ? ` ${s.bold(details.error)}` : ""}`,
            ...(details.cause ? [`cause: ${clip(details.cause, 2000)}`] : []),
          ];
        }
        default:
          return [];
      }
    },
  };
}

function renderAgentSummary(summary: AgentTaskSummary, d: number, s: Style): string[] {
  const pad = "  ".repeat(d);
  const parts: string[] = [];
  if (summary.steps !== undefined) parts.push(`${summary.steps} step${summary.steps === 1 ? "" : "s"}`);
  const tools = summary.toolCalls ?? [];
  if (tools.length > 0)
    parts.push(
      `${tools.length} tool call${tools.length === 1 ? "" : "s"} (${tools.map((t) => t.name).join(", ")})`,
    );
  if (summary.inputTokens !== undefined || summary.outputTokens !== undefined)
    parts.push(`${summary.inputTokens ?? 0}→${summary.outputTokens ?? 0} tokens`);
  const who = summary.agentName ? `agent ${summary.agentName}` : "agent";
  const lines = [`${pad}${s.cyan("◆")} ${who}${parts.length ? `: ${parts.join(", ")}` : ""}`];
  for (const error of summary.errors ?? []) lines.push(`${pad}  ${s.red(clip(error, MAX_DATA))}`);
  if (summary.completion)
    lines.push(`${pad}  ${s.dim("“")}${clip(summary.completion.trim(), MAX_DATA)}${s.dim("”")}`);
  return lines;
}

function failureDetails(event: HistoryEvent): { error?: string; cause?: string } {
  const d =
    event.taskFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.taskStartFailedEventDetails ??
    event.taskSubmitFailedEventDetails ??
    event.lambdaFunctionFailedEventDetails ??
    event.lambdaFunctionTimedOutEventDetails ??
    event.executionFailedEventDetails ??
    event.executionTimedOutEventDetails ??
    event.executionAbortedEventDetails;
  return { ...(d?.error ? { error: d.error } : {}), ...(d?.cause ? { cause: d.cause } : {}) };
}

function toMillis(timestamp: Date | number | undefined): number {
  if (timestamp === undefined) return 0;
  return timestamp instanceof Date ? timestamp.getTime() : timestamp * 1000;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms % 60_000) / 1000)}s`;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
