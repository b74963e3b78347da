/** Questions asked of an execution's state: what can run now, when it next needs a timer, where a token waits. */
import type { ExecutionState, Frame, PendingTask } from "./types.js";

export function nextRunnable(exec: ExecutionState, now: number): Frame | undefined {
  for (const frame of Object.values(exec.frames)) {
    if (frame.done) continue;
    if (frame.phase === "enter") return frame;
    if ((frame.phase === "wait" || frame.phase === "retry") && (frame.wakeAt ?? 0) <= now) return frame;
    if (frame.phase === "task" && frame.task && dueAt(frame.task) <= now) return frame;
  }
  return undefined;
}

function dueAt(task: PendingTask): number {
  return Math.min(task.timeoutAt ?? Number.POSITIVE_INFINITY, task.heartbeatAt ?? Number.POSITIVE_INFINITY);
}

/** When the execution next needs attention from a timer (epoch ms), or undefined. */
export function nextWakeAt(exec: ExecutionState): number | undefined {
  if (exec.status !== "RUNNING") return undefined;
  let next = exec.timeoutAt ?? Number.POSITIVE_INFINITY;
  for (const frame of Object.values(exec.frames)) {
    if (frame.done) continue;
    if (frame.phase === "enter") return 0;
    if ((frame.phase === "wait" || frame.phase === "retry") && frame.wakeAt !== undefined)
      next = Math.min(next, frame.wakeAt);
    if (frame.phase === "task" && frame.task) next = Math.min(next, dueAt(frame.task));
  }
  return Number.isFinite(next) ? next : undefined;
}

export function findTokenFrame(exec: ExecutionState, token: string): Frame | undefined {
  if (exec.status !== "RUNNING") return undefined;
  return Object.values(exec.frames).find((f) => f.task?.token === token);
}

/** Integration calls that were under way (re-dispatched when their process died). */
export function pendingDispatches(exec: ExecutionState): PendingTask[] {
  if (exec.status !== "RUNNING") return [];
  return Object.values(exec.frames)
    .map((f) => f.task)
    .filter((t): t is PendingTask => t !== undefined && t.awaiting === "dispatch");
}

export function taskContextOf(
  exec: ExecutionState,
  taskId: string,
): { frame: Frame; task: PendingTask } | undefined {
  for (const frame of Object.values(exec.frames))
    if (frame.task?.id === taskId) return { frame, task: frame.task };
  return undefined;
}
