/** Moving a frame between states, finishing frames, and ending the execution. */

import { applyAssigned, type StateOutcome } from "./data-flow.js";
import { StatesError } from "./errors.js";
import { childFinished } from "./state-group.js";
import { checkSize, type Step, stringify } from "./step-context.js";
import type { Frame, FrameOutcome, Json, JsonObject } from "./types.js";

export function enterState(step: Step, frame: Frame, name: string, input: Json): void {
  frame.state = name;
  frame.phase = "enter";
  frame.input = input;
  frame.retries = [];
  frame.enteredAt = step.now;
  delete frame.effective;
  delete frame.task;
  delete frame.group;
  delete frame.wakeAt;
  delete frame.lastError;
  delete frame.lastGroup;
  delete frame.redriveFrom;
}

function assignedDetails(assigned: JsonObject | undefined): Record<string, unknown> {
  if (!assigned || Object.keys(assigned).length === 0) return {};
  const assignedVariables: Record<string, string> = {};
  for (const [name, value] of Object.entries(assigned)) assignedVariables[name] = stringify(value);
  return { assignedVariables, assignedVariablesDetails: { truncated: false } };
}

/** Emits `<Type>StateExited`, then moves to Next (or `next`), or ends the frame. */
export async function exitState(
  step: Step,
  frame: Frame,
  state: JsonObject,
  outcome: StateOutcome,
  next?: string,
): Promise<void> {
  applyAssigned(frame, outcome.assigned);
  step.emit(frame, `${state.Type}StateExited`, "stateExitedEventDetails", {
    name: frame.state,
    output: stringify(outcome.output),
    outputDetails: { truncated: false },
    ...assignedDetails(outcome.assigned),
  });
  const target = next ?? (typeof state.Next === "string" ? state.Next : undefined);
  if (state.Type === "Succeed" || state.End === true || target === undefined) {
    await finishFrame(step, frame, { ok: true, output: outcome.output });
    return;
  }
  enterState(step, frame, target, outcome.output);
}

export async function failFrame(step: Step, frame: Frame, error: string, cause: string): Promise<void> {
  await finishFrame(step, frame, { ok: false, error, cause });
}

export async function finishFrame(step: Step, frame: Frame, outcome: FrameOutcome): Promise<void> {
  const parent = frame.parentId ? step.exec.frames[frame.parentId] : undefined;
  if (!parent) {
    finishExecution(step, frame, outcome);
    return;
  }
  delete step.exec.frames[frame.id];
  await childFinished(step, parent, frame, outcome);
}

/** Drops every frame below `ancestorId` (aborted iterations and branches). */
export function dropDescendants(step: Step, ancestorId: string): string[] {
  const frames = step.exec.frames;
  const isBelow = (frame: Frame): boolean => {
    for (let f = frame; f.parentId; f = frames[f.parentId] as Frame) {
      if (f.parentId === ancestorId) return true;
      if (!frames[f.parentId]) return false;
    }
    return false;
  };
  const dropped = Object.values(frames).filter(isBelow);
  for (const f of dropped) delete frames[f.id];
  return dropped.map((f) => f.id);
}

/** The root frame stays (without its children) as the point a redrive restarts from. */
function finishExecution(step: Step, root: Frame, outcome: FrameOutcome): void {
  const exec = step.exec;
  let result = outcome;
  if (result.ok) {
    try {
      checkSize(result.output, "execution output");
    } catch (err) {
      result = { ok: false, error: (err as StatesError).error, cause: (err as StatesError).causeText };
    }
  }
  dropDescendants(step, root.id);
  root.done = result;
  exec.stopTime = step.now;
  if (result.ok) {
    exec.status = "SUCCEEDED";
    exec.output = result.output;
    step.emit(root, "ExecutionSucceeded", "executionSucceededEventDetails", {
      output: stringify(result.output),
      outputDetails: { truncated: false },
    });
    return;
  }
  exec.status = "FAILED";
  exec.error = result.error;
  exec.cause = result.cause;
  step.emit(root, "ExecutionFailed", "executionFailedEventDetails", errorDetails(result.error, result.cause));
}

/** AWS omits an empty error or cause (a Fail state without Error/Cause). */
export function errorDetails(error: string | undefined, cause: string | undefined): Record<string, string> {
  return { ...(error ? { error } : {}), ...(cause ? { cause } : {}) };
}

export function rootFrame(step: Step): Frame {
  const root = step.exec.frames["0"];
  if (!root) throw new StatesError("States.Runtime", "The execution has no top-level frame");
  return root;
}
