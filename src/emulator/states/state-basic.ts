/** Pass, Wait, Choice, Succeed and Fail. None of them has Retry or Catch: an error fails the frame. */
import { parseTimestamp, ruleMatches } from "./choice.js";
import {
  jsonataOutcome,
  jsonataValue,
  jsonPathAssign,
  jsonPathInput,
  jsonPathPassThrough,
  jsonPathResult,
  type StateOutcome,
  statesVariable,
} from "./data-flow.js";
import { StatesError } from "./errors.js";
import { readPath } from "./jsonpath.js";
import { exitState, finishFrame } from "./lifecycle.js";
import { evaluateSelector } from "./payload-template.js";
import type { Step } from "./step-context.js";
import type { Frame, Json, JsonObject } from "./types.js";

const isJsonata = (step: Step, frame: Frame, state: JsonObject): boolean =>
  step.language(frame, state) === "JSONata";

export async function runPass(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  if (isJsonata(step, frame, state)) {
    await exitState(
      step,
      frame,
      state,
      await jsonataOutcome(step, frame, state, statesVariable(step, frame, frame.input), frame.input),
    );
    return;
  }
  const effective = jsonPathInput(step, frame, state, frame.input);
  // "Result" present means it is the result, whatever its value (0, false, "", null included).
  const result = Object.hasOwn(state, "Result") ? (state.Result as Json) : effective;
  await exitState(step, frame, state, jsonPathResult(step, frame, state, frame.input, result, false));
}

async function passThrough(step: Step, frame: Frame, state: JsonObject): Promise<StateOutcome> {
  return isJsonata(step, frame, state)
    ? jsonataOutcome(step, frame, state, statesVariable(step, frame, frame.input), frame.input)
    : jsonPathPassThrough(step, frame, state, frame.input);
}

export async function startWait(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  let seconds: Json | undefined;
  let timestamp: Json | undefined;
  if (isJsonata(step, frame, state)) {
    const states = statesVariable(step, frame, frame.input);
    if (state.Seconds !== undefined)
      seconds = await jsonataValue(step, frame, state.Seconds, states, "Seconds");
    if (state.Timestamp !== undefined)
      timestamp = await jsonataValue(step, frame, state.Timestamp, states, "Timestamp");
  } else {
    const scope = step.pathScope(frame, frame.input);
    seconds = typeof state.SecondsPath === "string" ? readPath(state.SecondsPath, scope) : state.Seconds;
    timestamp =
      typeof state.TimestampPath === "string" ? readPath(state.TimestampPath, scope) : state.Timestamp;
  }
  let wakeAt: number;
  if (seconds !== undefined) {
    if (typeof seconds !== "number" || seconds < 0)
      throw new StatesError(
        "States.Runtime",
        `The Wait state ${frame.state} needs a non-negative number of seconds, got ${JSON.stringify(seconds)}`,
      );
    wakeAt = step.now + Math.round(seconds * 1000);
  } else {
    const at = parseTimestamp(timestamp);
    if (at === undefined)
      throw new StatesError(
        "States.Runtime",
        `The Wait state ${frame.state} needs an ISO-8601 timestamp, got ${JSON.stringify(timestamp)}`,
      );
    wakeAt = at;
  }
  frame.phase = "wait";
  frame.wakeAt = wakeAt;
}

export async function finishWait(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  delete frame.wakeAt;
  await exitState(step, frame, state, await passThrough(step, frame, state));
}

export async function runSucceed(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  await exitState(step, frame, state, await passThrough(step, frame, state));
}

export async function runChoice(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  const choices = (Array.isArray(state.Choices) ? state.Choices : []) as JsonObject[];
  if (isJsonata(step, frame, state)) {
    const states = statesVariable(step, frame, frame.input);
    for (const [i, rule] of choices.entries()) {
      const verdict = await jsonataValue(
        step,
        frame,
        rule.Condition ?? null,
        states,
        `Choices[${i}].Condition`,
      );
      if (typeof verdict !== "boolean")
        throw new StatesError(
          "States.QueryEvaluationError",
          `The Condition of Choices[${i}] must be a boolean, got ${JSON.stringify(verdict)}`,
        );
      if (verdict) {
        const holder = {
          ...state,
          ...(rule.Output !== undefined ? { Output: rule.Output } : {}),
          Assign: { ...(state.Assign as JsonObject), ...(rule.Assign as JsonObject) },
        };
        if (state.Assign === undefined && rule.Assign === undefined) delete (holder as JsonObject).Assign;
        await exitState(
          step,
          frame,
          state,
          await jsonataOutcome(step, frame, holder, states, frame.input),
          String(rule.Next),
        );
        return;
      }
    }
    await choiceDefault(step, frame, state, await jsonataOutcome(step, frame, state, states, frame.input));
    return;
  }
  const outcome = jsonPathPassThrough(step, frame, state, frame.input);
  const filtered = jsonPathInput(step, frame, state, frame.input);
  const scope = step.pathScope(frame, filtered);
  for (const rule of choices) {
    if (ruleMatches(rule, scope)) {
      const ruleAssign = rule.Assign === undefined ? undefined : jsonPathAssign(step, frame, rule, filtered);
      await exitState(
        step,
        frame,
        state,
        { output: outcome.output, assigned: { ...outcome.assigned, ...ruleAssign } },
        String(rule.Next),
      );
      return;
    }
  }
  await choiceDefault(step, frame, state, outcome);
}

async function choiceDefault(
  step: Step,
  frame: Frame,
  state: JsonObject,
  outcome: StateOutcome,
): Promise<void> {
  if (typeof state.Default !== "string")
    throw new StatesError(
      "States.NoChoiceMatched",
      `No Choice Rules matched the input in Choice state '${frame.state}'.`,
    );
  await exitState(step, frame, state, outcome, state.Default);
}

export async function runFail(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  let error: Json | undefined = state.Error;
  let cause: Json | undefined = state.Cause;
  if (isJsonata(step, frame, state)) {
    const states = statesVariable(step, frame, frame.input);
    if (error !== undefined) error = await jsonataValue(step, frame, error, states, "Error");
    if (cause !== undefined) cause = await jsonataValue(step, frame, cause, states, "Cause");
  } else {
    const scope = step.pathScope(frame, frame.input);
    if (typeof state.ErrorPath === "string")
      error = evaluateSelector(state.ErrorPath, scope, "States.Runtime", "ErrorPath");
    if (typeof state.CausePath === "string")
      cause = evaluateSelector(state.CausePath, scope, "States.Runtime", "CausePath");
  }
  const text = (v: Json | undefined): string =>
    v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
  await finishFrame(step, frame, { ok: false, error: text(error), cause: text(cause) });
}
