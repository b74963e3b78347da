/**
 * How data flows through a state in each query language. JSONPath:
 * InputPath → Parameters → (task) → ResultSelector → ResultPath → OutputPath,
 * with Assign reading the result after ResultSelector. JSONata: Arguments
 * → (task) → Output, with Assign and Output both evaluated against the
 * variables as they were before the state (AWS evaluates them together).
 */
import { StatesError } from "./errors.js";
import { evaluateTemplate } from "./jsonata-eval.js";
import { PathNotFound, readPath, writePath } from "./jsonpath.js";
import { applyTemplate } from "./payload-template.js";
import { checkSize, type Step } from "./step-context.js";
import type { Frame, Json, JsonObject } from "./types.js";

export interface StateOutcome {
  output: Json;
  assigned?: JsonObject;
}

function filterPath(step: Step, frame: Frame, value: Json, path: Json | undefined, field: string): Json {
  if (path === undefined) return value;
  if (path === null) return {};
  try {
    return readPath(String(path), step.pathScope(frame, value));
  } catch (err) {
    if (err instanceof PathNotFound)
      throw new StatesError(
        "States.Runtime",
        `An error occurred while executing the state '${frame.state}'. Invalid path '${path}' : No results for path: ${field} '${path}'`,
      );
    throw err;
  }
}

/** JSONPath: InputPath then Parameters (or ItemSelector's `extra` context for Map items). */
export function jsonPathInput(step: Step, frame: Frame, state: JsonObject, raw: Json): Json {
  const filtered = filterPath(step, frame, raw, state.InputPath, "InputPath");
  const parameters = state.Parameters;
  if (parameters === undefined || state.Type === "Map") return filtered;
  const value = applyTemplate(parameters, step.pathScope(frame, filtered, taskContext(frame)));
  checkSize(value, "state input");
  return value;
}

/** `$$.Task.Token` exists only while a callback task's parameters are evaluated. */
function taskContext(frame: Frame): JsonObject {
  return frame.task?.token ? { Task: { Token: frame.task.token } } : {};
}

/**
 * JSONPath Assign: `$` is the value the state produced (a Task's, Map's or Parallel's result
 * after ResultSelector; for Pass, Wait, Choice and Succeed their effective input or Result),
 * as AWS's variables page describes it from memory here — not re-verified against the service.
 */
export function jsonPathAssign(
  step: Step,
  frame: Frame,
  state: JsonObject,
  value: Json,
): JsonObject | undefined {
  if (state.Assign === undefined) return undefined;
  return applyTemplate(state.Assign, step.pathScope(frame, value), "States.Runtime") as JsonObject;
}

/** JSONPath: the state's result placed into its raw input and filtered. */
export function jsonPathResult(
  step: Step,
  frame: Frame,
  state: JsonObject,
  raw: Json,
  result: Json,
  selector = true,
): StateOutcome {
  let selected = result;
  if (selector && state.ResultSelector !== undefined)
    selected = applyTemplate(state.ResultSelector, step.pathScope(frame, result), "States.Runtime");
  const assigned = jsonPathAssign(step, frame, state, selected);
  const resultPath = state.ResultPath;
  const placed =
    resultPath === undefined
      ? selected
      : resultPath === null
        ? raw
        : writePath(raw, String(resultPath), selected);
  const output = filterPath(step, frame, placed, state.OutputPath, "OutputPath");
  checkSize(output, "state output");
  return { output, assigned };
}

/** JSONPath states without a result (Wait, Succeed, Choice): InputPath then OutputPath. */
export function jsonPathPassThrough(step: Step, frame: Frame, state: JsonObject, raw: Json): StateOutcome {
  const filtered = filterPath(step, frame, raw, state.InputPath, "InputPath");
  const assigned = jsonPathAssign(step, frame, state, filtered);
  return { output: filterPath(step, frame, filtered, state.OutputPath, "OutputPath"), assigned };
}

export function statesVariable(
  step: Step,
  frame: Frame,
  input: Json,
  extra: { result?: Json; errorOutput?: Json; context?: JsonObject } = {},
): JsonObject {
  const states: JsonObject = {
    input,
    context: step.context(frame, { ...taskContext(frame), ...extra.context }),
  };
  if (extra.result !== undefined) states.result = extra.result;
  if (extra.errorOutput !== undefined) states.errorOutput = extra.errorOutput;
  return states;
}

export async function jsonataValue(
  step: Step,
  frame: Frame,
  template: Json,
  states: JsonObject,
  field: string,
): Promise<Json> {
  return evaluateTemplate(template, step.jsonataScope(frame, states), field);
}

/** JSONata: Output (default `fallback`) and Assign, both over the same $states. */
export async function jsonataOutcome(
  step: Step,
  frame: Frame,
  holder: JsonObject,
  states: JsonObject,
  fallback: Json,
): Promise<StateOutcome> {
  const assigned =
    holder.Assign === undefined
      ? undefined
      : ((await jsonataValue(step, frame, holder.Assign, states, "Assign")) as JsonObject);
  const output =
    holder.Output === undefined ? fallback : await jsonataValue(step, frame, holder.Output, states, "Output");
  checkSize(output, "state output");
  return { output, assigned };
}

export function applyAssigned(frame: Frame, assigned: JsonObject | undefined): void {
  if (!assigned) return;
  for (const [name, value] of Object.entries(assigned)) {
    checkSize(value, `variable ${name}`);
    frame.vars[name] = value;
  }
}

/**
 * A field that may be given literally, as a `<field>Path` (JSONPath) or as a `{% %}`
 * expression (JSONata): TimeoutSeconds, HeartbeatSeconds, MaxConcurrency, the Map
 * tolerances. `statesInput` is what `$states.input` is in the expression.
 */
export async function literalOrPath(
  step: Step,
  frame: Frame,
  state: JsonObject,
  field: string,
  input: Json,
  statesInput: Json = input,
): Promise<Json | undefined> {
  const value: Json | undefined = state[field];
  if (step.language(frame, state) === "JSONata")
    return value === undefined
      ? undefined
      : jsonataValue(step, frame, value, statesVariable(step, frame, statesInput), field);
  if (value === undefined && typeof state[`${field}Path`] === "string")
    return readPath(state[`${field}Path`] as string, step.pathScope(frame, input));
  return value;
}

/**
 * What a Task or Parallel state works on: `Arguments` in JSONata (the raw input when
 * absent), InputPath then Parameters in JSONPath.
 */
export async function stateArguments(step: Step, frame: Frame, state: JsonObject): Promise<Json> {
  if (step.language(frame, state) !== "JSONata") return jsonPathInput(step, frame, state, frame.input);
  if (state.Arguments === undefined) return frame.input;
  return jsonataValue(step, frame, state.Arguments, statesVariable(step, frame, frame.input), "Arguments");
}
