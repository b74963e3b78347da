/**
 * Facts read off an execution's history alone (pure), so they hold on AWS and
 * on the emulator: which task tokens are still awaited, and whether the
 * execution has ended.
 */
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import { findTaskToken, isTokenResource } from "../../timeline/task-token.js";

export const TERMINAL_EVENTS: ReadonlySet<string> = new Set([
  "ExecutionSucceeded",
  "ExecutionFailed",
  "ExecutionTimedOut",
  "ExecutionAborted",
]);

const TASK_ENDED = new Set(["TaskSucceeded", "TaskFailed", "TaskTimedOut"]);

export interface PendingToken {
  /** The waiting state's name. */
  state: string;
  token: string;
  /** `sns:publish.waitForTaskToken`, … */
  resource: string;
  scheduledEventId: number;
}

/** Tokens handed out by `.waitForTaskToken` tasks that no success, failure or timeout has closed. */
export function pendingTaskTokens(events: readonly HistoryEvent[]): PendingToken[] {
  const byId = new Map<number, HistoryEvent>();
  for (const e of events) if (e.id !== undefined) byId.set(e.id, e);
  const stateName = (e: HistoryEvent): string => {
    let cur: HistoryEvent | undefined = e;
    for (let hops = 0; cur && hops < 10_000; hops++) {
      if (cur.type?.endsWith("StateEntered")) return cur.stateEnteredEventDetails?.name ?? "?";
      cur = cur.previousEventId === undefined ? undefined : byId.get(cur.previousEventId);
    }
    return "?";
  };
  const scheduled = new Map<number, PendingToken>();
  for (const e of events) {
    const d = e.taskScheduledEventDetails;
    if (e.type === "TaskScheduled" && e.id !== undefined && isTokenResource(d?.resource)) {
      const token = findTaskToken(d?.parameters);
      if (token)
        scheduled.set(e.id, {
          state: stateName(e),
          token,
          resource: `${d?.resourceType}:${d?.resource}`,
          scheduledEventId: e.id,
        });
    }
  }
  for (const e of events) {
    if (!TASK_ENDED.has(e.type ?? "")) continue;
    let id = e.previousEventId;
    for (let hops = 0; id !== undefined && hops < 10_000; hops++) {
      if (scheduled.delete(id)) break;
      id = byId.get(id)?.previousEventId;
    }
  }
  return [...scheduled.values()];
}

export function hasEnded(events: readonly HistoryEvent[]): boolean {
  return events.some((e) => TERMINAL_EVENTS.has(e.type ?? ""));
}
