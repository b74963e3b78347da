/** Task states: scheduling the integration call, its answer, timeouts and heartbeats. */

import {
  jsonataOutcome,
  jsonPathResult,
  literalOrPath,
  stateArguments,
  statesVariable,
} from "./data-flow.js";
import { errorOf, StatesError } from "./errors.js";
import { errorDetails, exitState } from "./lifecycle.js";
import { handleError } from "./recovery.js";
import { checkSize, type Step, stringify } from "./step-context.js";
import { parseResource } from "./task-dispatcher.js";
import type { Frame, Json, JsonObject, TaskOutcome } from "./types.js";

async function seconds(
  step: Step,
  frame: Frame,
  state: JsonObject,
  field: string,
  input: Json,
): Promise<number | undefined> {
  const value = await literalOrPath(step, frame, state, field, input);
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0)
    throw new StatesError(
      "States.Runtime",
      `${field} must be a positive integer, got ${JSON.stringify(value)}`,
    );
  return value;
}

/** Computes the parameters, records TaskScheduled/TaskStarted and asks the driver to call the integration. */
export async function scheduleTask(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  const resource = String(state.Resource);
  const parsed = parseResource(resource);
  const taskId = step.nextId();
  frame.task = { id: taskId, resource, parameters: null, awaiting: "dispatch" };
  if (parsed.pattern === "waitForTaskToken") frame.task.token = step.newToken(taskId);
  try {
    const parameters = await stateArguments(step, frame, state);
    if (step.language(frame, state) === "JSONata") checkSize(parameters, "task parameters");
    const timeout = await seconds(step, frame, state, "TimeoutSeconds", frame.input);
    const heartbeat = await seconds(step, frame, state, "HeartbeatSeconds", frame.input);
    const task = frame.task;
    task.parameters = parameters;
    if (timeout !== undefined) task.timeoutAt = step.now + timeout * 1000;
    if (heartbeat !== undefined) task.heartbeatSeconds = heartbeat;
    if (parsed.lambdaFunction) {
      step.emit(frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", {
        resource,
        input: stringify(parameters),
        inputDetails: { truncated: false },
        ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
      });
      step.emit(frame, "LambdaFunctionStarted");
    } else {
      const names = { resourceType: parsed.resourceType, resource: parsed.resource };
      step.emit(frame, "TaskScheduled", "taskScheduledEventDetails", {
        ...names,
        region: step.host.region,
        parameters: stringify(parameters),
        ...(timeout !== undefined ? { timeoutInSeconds: timeout } : {}),
        ...(heartbeat !== undefined ? { heartbeatInSeconds: heartbeat } : {}),
      });
      step.emit(frame, "TaskStarted", "taskStartedEventDetails", names);
    }
    frame.phase = "task";
    step.dispatches.push(taskId);
  } catch (err) {
    delete frame.task;
    const { error, cause } = errorOf(err);
    await handleError(step, frame, state, error, cause);
  }
}

function eventNames(frame: Frame): { resourceType: string; resource: string; lambda: boolean } {
  const parsed = parseResource(frame.task?.resource ?? "");
  return { resourceType: parsed.resourceType, resource: parsed.resource, lambda: parsed.lambdaFunction };
}

/** Result processing shared by Task, Map and Parallel: the raw result becomes the state output. */
export async function completeWithResult(
  step: Step,
  frame: Frame,
  state: JsonObject,
  result: Json,
): Promise<void> {
  let outcome: Awaited<ReturnType<typeof jsonataOutcome>>;
  try {
    outcome =
      step.language(frame, state) === "JSONata"
        ? await jsonataOutcome(
            step,
            frame,
            state,
            statesVariable(step, frame, frame.input, { result }),
            result,
          )
        : jsonPathResult(step, frame, state, frame.input, result);
  } catch (err) {
    const { error, cause } = errorOf(err);
    await handleError(step, frame, state, error, cause);
    return;
  }
  await exitState(step, frame, state, outcome);
}

/** The integration answered (or SendTaskSuccess/Failure arrived for a callback task). */
export async function taskAnswered(
  step: Step,
  frame: Frame,
  outcome: TaskOutcome,
  viaToken: boolean,
): Promise<void> {
  const task = frame.task;
  if (!task) return;
  const state = step.stateDef(frame);
  const { resourceType, resource, lambda } = eventNames(frame);
  if (outcome.ok && task.token && !viaToken) {
    step.emit(frame, "TaskSubmitted", "taskSubmittedEventDetails", {
      resourceType,
      resource,
      output: stringify(outcome.output),
      outputDetails: { truncated: false },
    });
    task.awaiting = "token";
    if (task.heartbeatSeconds !== undefined) task.heartbeatAt = step.now + task.heartbeatSeconds * 1000;
    return;
  }
  delete frame.task;
  if (outcome.ok) {
    try {
      checkSize(outcome.output, "task result");
    } catch (err) {
      const { error, cause } = errorOf(err);
      step.emit(frame, "TaskFailed", "taskFailedEventDetails", { resourceType, resource, error, cause });
      await handleError(step, frame, state, error, cause);
      return;
    }
    if (lambda)
      step.emit(frame, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", {
        output: stringify(outcome.output),
        outputDetails: { truncated: false },
      });
    else
      step.emit(frame, "TaskSucceeded", "taskSucceededEventDetails", {
        resourceType,
        resource,
        output: stringify(outcome.output),
        outputDetails: { truncated: false },
      });
    await completeWithResult(step, frame, state, outcome.output);
    return;
  }
  const cause = outcome.cause ?? "";
  if (lambda)
    step.emit(
      frame,
      "LambdaFunctionFailed",
      "lambdaFunctionFailedEventDetails",
      errorDetails(outcome.error, cause),
    );
  else
    step.emit(frame, "TaskFailed", "taskFailedEventDetails", {
      resourceType,
      resource,
      ...errorDetails(outcome.error, cause),
    });
  await handleError(step, frame, state, outcome.error, cause);
}

/** TimeoutSeconds or HeartbeatSeconds ran out. */
export async function taskTimedOut(step: Step, frame: Frame): Promise<void> {
  const task = frame.task;
  if (!task) return;
  const heartbeat =
    task.heartbeatAt !== undefined &&
    task.heartbeatAt <= step.now &&
    !(task.timeoutAt !== undefined && task.timeoutAt <= task.heartbeatAt);
  const error = heartbeat ? "States.HeartbeatTimeout" : "States.Timeout";
  const cause = heartbeat ? "The task did not send a heartbeat in time." : "The task did not finish in time.";
  const { resourceType, resource, lambda } = eventNames(frame);
  if (task.token) step.exec.timedOutTokens.push(task.token);
  delete frame.task;
  if (lambda)
    step.emit(frame, "LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails", { error, cause });
  else step.emit(frame, "TaskTimedOut", "taskTimedOutEventDetails", { resourceType, resource, error, cause });
  await handleError(step, frame, step.stateDef(frame), error, cause);
}
