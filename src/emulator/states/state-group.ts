/** Map (inline) and Parallel: child frames, their results, failure tolerance and aborts. */

import { jsonataValue, jsonPathInput, literalOrPath, stateArguments, statesVariable } from "./data-flow.js";
import { errorOf, StatesError } from "./errors.js";
import { readPath } from "./jsonpath.js";
import { dropDescendants } from "./lifecycle.js";
import { applyTemplate } from "./payload-template.js";
import { handleError } from "./recovery.js";
import { completeWithResult } from "./state-task.js";
import type { Step } from "./step-context.js";
import type { ChildGroup, Frame, FrameOutcome, Json, JsonObject } from "./types.js";

function processorKey(state: JsonObject): "ItemProcessor" | "Iterator" {
  return state.ItemProcessor !== undefined ? "ItemProcessor" : "Iterator";
}

function newChild(step: Step, parent: Frame, path: (string | number)[], input: Json, index: number): Frame {
  const machine = step.machine({ ...parent, path } as Frame);
  const language =
    machine.QueryLanguage === "JSONata" || machine.QueryLanguage === "JSONPath"
      ? machine.QueryLanguage
      : step.language(parent, step.stateDef(parent));
  const child: Frame = {
    id: step.nextId(),
    parentId: parent.id,
    index,
    path,
    language,
    state: String(machine.StartAt),
    phase: "enter",
    input,
    enteredAt: step.now,
    prev: parent.prev,
    retries: [],
    vars: {},
  };
  step.exec.frames[child.id] = child;
  return child;
}

/** MaxConcurrency and the tolerances: a number, a `*Path` (JSONPath) or a `{% %}` expression (JSONata). */
async function integer(
  step: Step,
  frame: Frame,
  state: JsonObject,
  field: string,
  input: Json,
): Promise<number | undefined> {
  const value = await literalOrPath(step, frame, state, field, input, frame.input);
  return typeof value === "number" ? value : undefined;
}

/** Entering (or retrying) a Map or Parallel: compute the input and start the children. */
export async function startGroup(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  delete frame.lastGroup;
  try {
    if (state.Type === "Map") await startMap(step, frame, state);
    else await startParallel(step, frame, state);
  } catch (err) {
    delete frame.group;
    const { error, cause } = errorOf(err);
    await handleError(step, frame, state, error, cause);
  }
}

async function startMap(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  const processor = (state[processorKey(state)] ?? {}) as JsonObject;
  if (
    (processor.ProcessorConfig as JsonObject | undefined)?.Mode === "DISTRIBUTED" ||
    state.ItemReader !== undefined
  )
    throw new StatesError(
      "States.Runtime",
      `The local emulator does not emulate distributed Map (state ${frame.state}); use an inline Map.`,
    );
  const jsonata = step.language(frame, state) === "JSONata";
  let items: Json;
  if (jsonata) {
    frame.effective = frame.input;
    items =
      state.Items === undefined
        ? frame.input
        : await jsonataValue(step, frame, state.Items, statesVariable(step, frame, frame.input), "Items");
  } else {
    frame.effective = jsonPathInput(step, frame, state, frame.input);
    items =
      typeof state.ItemsPath === "string"
        ? readPath(state.ItemsPath, step.pathScope(frame, frame.effective))
        : frame.effective;
  }
  if (!Array.isArray(items))
    throw new StatesError(
      jsonata ? "States.QueryEvaluationError" : "States.Runtime",
      `The Map state ${frame.state} needs an array of items, got ${JSON.stringify(items)?.slice(0, 200)}`,
    );
  const keep = kept(frame, items.length);
  const group: ChildGroup = {
    kind: "map",
    pendingItems: items.filter((_, i) => !keep.has(i)),
    pendingIndexes: items.map((_, i) => i).filter((i) => !keep.has(i)),
    succeeded: [...keep],
    total: items.length,
    maxConcurrency: (await integer(step, frame, state, "MaxConcurrency", frame.effective)) ?? 0,
    running: [],
    results: items.map((_, i) => (keep.has(i) ? (frame.redriveFrom?.results[i] ?? null) : null)),
    failedCount: 0,
  };
  delete frame.redriveFrom;
  const toleratedCount = await integer(step, frame, state, "ToleratedFailureCount", frame.effective);
  const toleratedPercentage = await integer(
    step,
    frame,
    state,
    "ToleratedFailurePercentage",
    frame.effective,
  );
  if (toleratedCount !== undefined) group.toleratedCount = toleratedCount;
  if (toleratedPercentage !== undefined) group.toleratedPercentage = toleratedPercentage;
  frame.group = group;
  frame.phase = "children";
  step.emit(frame, "MapStateStarted", "mapStateStartedEventDetails", { length: items.length });
  await startIterations(step, frame, state);
  if (group.running.length === 0 && group.pendingItems.length === 0) await finishGroup(step, frame, state);
}

/** The children a redrive keeps: those that succeeded before, if the shape is unchanged. */
function kept(frame: Frame, count: number): Set<number> {
  const prior = frame.redriveFrom;
  return prior && prior.results.length === count ? new Set(prior.succeeded) : new Set();
}

async function startIterations(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  const group = frame.group as ChildGroup;
  const key = processorKey(state);
  const selector = state.ItemSelector ?? state.Parameters;
  while (
    group.pendingItems.length > 0 &&
    (group.maxConcurrency <= 0 || group.running.length < group.maxConcurrency)
  ) {
    const index = group.pendingIndexes.shift() as number;
    const value = group.pendingItems.shift() as Json;
    const item = { Map: { Item: { Index: index, Value: value } } };
    let input = value;
    if (selector !== undefined) {
      input =
        step.language(frame, state) === "JSONata"
          ? await jsonataValue(
              step,
              frame,
              selector,
              statesVariable(step, frame, frame.input, { context: item }),
              "ItemSelector",
            )
          : applyTemplate(selector, step.pathScope(frame, frame.effective ?? frame.input, item));
    }
    step.emit(frame, "MapIterationStarted", "mapIterationStartedEventDetails", { name: frame.state, index });
    const child = newChild(step, frame, [...frame.path, "States", frame.state, key], input, index);
    group.running.push(child.id);
  }
}

async function startParallel(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  const input = await stateArguments(step, frame, state);
  const branches = Array.isArray(state.Branches) ? state.Branches : [];
  const keep = kept(frame, branches.length);
  const group: ChildGroup = {
    kind: "parallel",
    pendingItems: [],
    pendingIndexes: [],
    succeeded: [...keep],
    total: branches.length,
    maxConcurrency: 0,
    running: [],
    results: branches.map((_, i) => (keep.has(i) ? (frame.redriveFrom?.results[i] ?? null) : null)),
    failedCount: 0,
  };
  delete frame.redriveFrom;
  frame.group = group;
  frame.phase = "children";
  step.emit(frame, "ParallelStateStarted");
  branches.forEach((_, i) => {
    if (keep.has(i)) return;
    const child = newChild(step, frame, [...frame.path, "States", frame.state, "Branches", i], input, i);
    group.running.push(child.id);
  });
  if (group.running.length === 0) await finishGroup(step, frame, state);
}

function overTolerance(group: ChildGroup): boolean {
  if (group.toleratedCount === undefined && group.toleratedPercentage === undefined) return true;
  if (group.toleratedCount !== undefined && group.failedCount > group.toleratedCount) return true;
  return (
    group.toleratedPercentage !== undefined &&
    (group.failedCount * 100) / group.total > group.toleratedPercentage
  );
}

/** A child frame ended: record it, start the next iterations, finish the group when done. */
export async function childFinished(
  step: Step,
  parent: Frame,
  child: Frame,
  outcome: FrameOutcome,
): Promise<void> {
  const group = parent.group;
  if (!group) return;
  const state = step.stateDef(parent);
  const index = child.index ?? 0;
  group.running = group.running.filter((id) => id !== child.id);
  if (outcome.ok) {
    group.results[index] = outcome.output;
    group.succeeded.push(index);
  }
  if (group.kind === "map") {
    const type = outcome.ok ? "MapIterationSucceeded" : "MapIterationFailed";
    const key = outcome.ok ? "mapIterationSucceededEventDetails" : "mapIterationFailedEventDetails";
    parent.prev = step.emit(child, type, key, { name: parent.state, index });
    if (!outcome.ok) {
      group.failedCount++;
      group.results[index] = { Error: outcome.error, Cause: outcome.cause };
      if (overTolerance(group))
        group.failure =
          group.toleratedCount === undefined && group.toleratedPercentage === undefined
            ? { error: outcome.error, cause: outcome.cause }
            : {
                error: "States.ExceedToleratedFailureThreshold",
                cause: `The number of failed items exceeded the tolerated failure threshold (${group.failedCount} of ${group.total}).`,
              };
    }
    if (!group.failure) {
      try {
        await startIterations(step, parent, state);
      } catch (err) {
        group.failure = errorOf(err);
      }
    }
  } else {
    parent.prev = child.prev;
    if (!outcome.ok) group.failure = { error: outcome.error, cause: outcome.cause };
  }
  if (group.failure || (group.running.length === 0 && group.pendingItems.length === 0))
    await finishGroup(step, parent, state);
}

async function finishGroup(step: Step, frame: Frame, state: JsonObject): Promise<void> {
  const group = frame.group as ChildGroup;
  const prefix = group.kind === "map" ? "Map" : "Parallel";
  delete frame.group;
  if (group.failure) {
    for (const id of group.running) {
      const child = step.exec.frames[id];
      if (group.kind === "map" && child)
        step.emit(child, "MapIterationAborted", "mapIterationAbortedEventDetails", {
          name: frame.state,
          index: child.index ?? 0,
        });
      dropDescendants(step, id);
      delete step.exec.frames[id];
    }
    frame.lastGroup = { results: group.results, succeeded: group.succeeded };
    step.emit(frame, `${prefix}StateFailed`);
    await handleError(step, frame, state, group.failure.error, group.failure.cause);
    return;
  }
  step.emit(frame, `${prefix}StateSucceeded`);
  await completeWithResult(step, frame, state, group.results);
}
