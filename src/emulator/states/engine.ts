/**
 * The interpreter's public face. Each call performs ONE transition on a plain
 * `ExecutionState` (mutated in place) and returns the history events and the
 * integration calls it produced, which the driver commits together. The
 * interpreter has no timers and no I/O: time is passed in, and a state that
 * must wait (Wait, retry back-off, task timeouts) just records when.
 */
import { errorOf } from "./errors.js";
import { findTokenFrame, nextRunnable } from "./frames.js";
import { enterState, errorDetails, failFrame, rootFrame } from "./lifecycle.js";
import { handleError } from "./recovery.js";
import { finishWait, runChoice, runFail, runPass, runSucceed, startWait } from "./state-basic.js";
import { startGroup } from "./state-group.js";
import { scheduleTask, taskAnswered, taskTimedOut } from "./state-task.js";
import { checkSize, Step, type StepHost, stringify } from "./step-context.js";
import type { ExecutionState, Frame, Json, JsonObject, TaskOutcome } from "./types.js";

export { findTokenFrame, nextWakeAt, pendingDispatches, taskContextOf } from "./frames.js";

export interface NewExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  roleArn: string;
  input: Json;
  definition: JsonObject;
  now: number;
}

const RECOVERABLE = new Set(["Task", "Map", "Parallel"]);
/** A STANDARD execution's history is capped at 25,000 events (§6.5 Limits); AWS then fails it. */
export const MAX_HISTORY_EVENTS = 25_000;

export class Interpreter {
  readonly definition: JsonObject;
  readonly host: StepHost;

  constructor(definition: JsonObject, host: StepHost) {
    this.definition = definition;
    this.host = host;
  }

  start(args: NewExecution): { exec: ExecutionState; step: Step } {
    const language = args.definition.QueryLanguage === "JSONata" ? "JSONata" : "JSONPath";
    const exec: ExecutionState = {
      executionArn: args.executionArn,
      stateMachineArn: args.stateMachineArn,
      name: args.name,
      roleArn: args.roleArn,
      startTime: new Date(args.now).toISOString(),
      input: args.input,
      redriveCount: 0,
      status: "RUNNING",
      frames: {},
      nextEventId: 1,
      counter: 0,
      timedOutTokens: [],
      version: 0,
    };
    if (typeof args.definition.TimeoutSeconds === "number")
      exec.timeoutAt = args.now + args.definition.TimeoutSeconds * 1000;
    const step = new Step(exec, this.definition, args.now, this.host);
    step.emit(undefined, "ExecutionStarted", "executionStartedEventDetails", {
      input: stringify(args.input),
      inputDetails: { truncated: false },
      roleArn: args.roleArn,
    });
    exec.frames["0"] = {
      id: "0",
      path: [],
      language,
      state: String(args.definition.StartAt),
      phase: "enter",
      input: args.input,
      enteredAt: args.now,
      // As in the history of aws-behaviour.md §6.4: the first state's StateEntered links to 0, not to ExecutionStarted.
      prev: 0,
      retries: [],
      vars: {},
    };
    return { exec, step };
  }

  /** Performs the next due transition, or returns undefined when the execution must wait. */
  async step(exec: ExecutionState, now: number): Promise<Step | undefined> {
    if (exec.status !== "RUNNING") return undefined;
    if (exec.timeoutAt !== undefined && exec.timeoutAt <= now)
      return this.end(exec, now, "TIMED_OUT", "States.Timeout", "The execution timed out.");
    const frame = nextRunnable(exec, now);
    if (!frame) return undefined;
    if (exec.nextEventId > MAX_HISTORY_EVENTS)
      return this.end(
        exec,
        now,
        "FAILED",
        "States.Runtime",
        `The execution reached the limit of ${MAX_HISTORY_EVENTS} history events.`,
      );
    const step = new Step(exec, this.definition, now, this.host);
    await runFrame(step, frame);
    return step;
  }

  /** The integration's answer for task `taskId`; undefined when that attempt is no longer pending. */
  async deliver(
    exec: ExecutionState,
    taskId: string,
    outcome: TaskOutcome,
    now: number,
  ): Promise<Step | undefined> {
    const frame = Object.values(exec.frames).find(
      (f) => f.task?.id === taskId && f.task.awaiting === "dispatch",
    );
    if (!frame || exec.status !== "RUNNING") return undefined;
    const step = new Step(exec, this.definition, now, this.host);
    await taskAnswered(step, frame, outcome, false);
    return step;
  }

  /** SendTaskSuccess / SendTaskFailure. */
  async answerToken(
    exec: ExecutionState,
    token: string,
    outcome: TaskOutcome,
    now: number,
  ): Promise<Step | undefined> {
    const frame = findTokenFrame(exec, token);
    if (!frame) return undefined;
    const step = new Step(exec, this.definition, now, this.host);
    await taskAnswered(step, frame, outcome, true);
    return step;
  }

  stop(exec: ExecutionState, now: number, error?: string, cause?: string): Step {
    return this.end(exec, now, "ABORTED", error, cause);
  }

  /** Restarts a FAILED, TIMED_OUT or ABORTED execution at the top-level state that did not finish. */
  redrive(exec: ExecutionState, now: number): Step {
    const step = new Step(exec, this.definition, now, this.host);
    const root = rootFrame(step);
    exec.status = "RUNNING";
    exec.redriveCount++;
    exec.redriveTime = now;
    delete exec.error;
    delete exec.cause;
    delete exec.stopTime;
    if (typeof this.definition.TimeoutSeconds === "number")
      exec.timeoutAt = now + this.definition.TimeoutSeconds * 1000;
    delete root.done;
    step.emit(root, "ExecutionRedriven", "executionRedrivenEventDetails", {
      redriveCount: exec.redriveCount,
    });
    const prior = root.lastGroup;
    enterState(step, root, root.state, root.input);
    // A top-level Map or Parallel reruns only its unsuccessful children, as AWS's redrive does.
    if (prior) root.redriveFrom = prior;
    return step;
  }

  private end(
    exec: ExecutionState,
    now: number,
    status: "ABORTED" | "TIMED_OUT" | "FAILED",
    error?: string,
    cause?: string,
  ): Step {
    const step = new Step(exec, this.definition, now, this.host);
    const root = rootFrame(step);
    if (status === "ABORTED") recordAborts(step);
    if (root.group) root.lastGroup = { results: root.group.results, succeeded: root.group.succeeded };
    for (const id of Object.keys(exec.frames)) if (id !== "0") delete exec.frames[id];
    delete root.task;
    delete root.group;
    delete root.wakeAt;
    root.done = { ok: false, error: error ?? "", cause: cause ?? "" };
    exec.status = status;
    exec.stopTime = now;
    if (error) exec.error = error;
    if (cause) exec.cause = cause;
    const type = { ABORTED: "ExecutionAborted", TIMED_OUT: "ExecutionTimedOut", FAILED: "ExecutionFailed" }[
      status
    ];
    const key = `e${type.slice(1)}EventDetails`;
    step.emit(root, type, key, errorDetails(error, cause));
    return step;
  }
}

const ABORTABLE = new Set(["Task", "Wait", "Map", "Parallel"]);

/** StopExecution: what was running records `<Type>StateAborted` (and `MapIterationAborted`), innermost first. */
function recordAborts(step: Step): void {
  for (const frame of Object.values(step.exec.frames).reverse()) {
    if (frame.done) continue;
    let type: unknown;
    try {
      type = step.stateDef(frame).Type;
    } catch {
      continue;
    }
    const running = frame.phase !== "enter";
    if (running && ABORTABLE.has(String(type))) step.emit(frame, `${String(type)}StateAborted`);
    const parent = frame.parentId ? step.exec.frames[frame.parentId] : undefined;
    if (parent?.group?.kind === "map")
      step.emit(frame, "MapIterationAborted", "mapIterationAbortedEventDetails", {
        name: parent.state,
        index: frame.index ?? 0,
      });
  }
}

async function runFrame(step: Step, frame: Frame): Promise<void> {
  let state: JsonObject;
  try {
    state = step.stateDef(frame);
  } catch (err) {
    const { error, cause } = errorOf(err);
    await failFrame(step, frame, error, cause);
    return;
  }
  try {
    switch (frame.phase) {
      case "enter":
        step.emit(frame, `${state.Type}StateEntered`, "stateEnteredEventDetails", {
          name: frame.state,
          input: stringify(frame.input),
          inputDetails: { truncated: false },
        });
        checkSize(frame.input, "state input");
        await enter(step, frame, state);
        return;
      case "wait":
        await finishWait(step, frame, state);
        return;
      case "retry":
        if (state.Type === "Task") await scheduleTask(step, frame, state);
        else await startGroup(step, frame, state);
        return;
      case "task":
        await taskTimedOut(step, frame);
        return;
      case "children":
        return;
    }
  } catch (err) {
    const { error, cause } = errorOf(err);
    if (RECOVERABLE.has(String(state.Type))) await handleError(step, frame, state, error, cause);
    else await failFrame(step, frame, error, cause);
  }
}

async function enter(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  switch (state.Type) {
    case "Pass":
      return runPass(step, frame, state);
    case "Task":
      return scheduleTask(step, frame, state);
    case "Choice":
      return runChoice(step, frame, state);
    case "Wait":
      return startWait(step, frame, state);
    case "Succeed":
      return runSucceed(step, frame, state);
    case "Fail":
      return runFail(step, frame, state);
    case "Map":
    case "Parallel":
      return startGroup(step, frame, state);
    default:
      await failFrame(
        step,
        frame,
        "States.Runtime",
        `The state ${frame.state} has an unknown Type ${JSON.stringify(state.Type)}`,
      );
  }
}
