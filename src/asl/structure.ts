/**
 * The skeleton of a definition: top-level fields, `States` objects (at the top,
 * in Parallel branches and Map processors) holding state objects, and
 * transitions that stay inside their own (sub-)machine. Every machine whose
 * `States` is an object is returned, even when a sibling part is broken, so the
 * graph and state checks still run on everything that can be checked.
 */
import type { PropertyPath } from "../manifest/types.js";
import { didYouMean } from "../source/did-you-mean.js";
import { type CheckContext, describePath } from "./check-context.js";
import { isObject, type JsonObject } from "./states.js";

const TOP_LEVEL = ["Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage"];
/** What asl-validator's state-machine schema allows in a Parallel branch. */
const BRANCH_FIELDS = TOP_LEVEL;
const PROCESSOR_FIELDS = ["Comment", "StartAt", "States", "ProcessorConfig"];
/** Step Functions rejects longer state names (and asl-validator's schema says the same). */
const MAX_STATE_NAME = 80;

export interface Machine {
  path: PropertyPath;
  machine: JsonObject;
  /** The machine's `States` object. */
  states: JsonObject;
  kind: "root" | "Parallel" | "Map";
}

export function checkStructure(ctx: CheckContext): Machine[] {
  for (const key of Object.keys(ctx.definition)) {
    if (TOP_LEVEL.includes(key)) continue;
    const hint = didYouMean(key, TOP_LEVEL) ?? `Allowed: ${TOP_LEVEL.join(", ")}.`;
    ctx.atKey([key], "error", "asl/unknown-field", `"${key}" is not a state-machine field.`, hint);
  }
  checkTopLevelValues(ctx);
  const machines: Machine[] = [];
  collectMachines(ctx, ctx.definition, [], "root", machines);
  checkTransitions(ctx, machines);
  return machines;
}

function checkTopLevelValues(ctx: CheckContext) {
  const { definition } = ctx;
  const bad = (key: string, expected: string) =>
    ctx.atValue([key], "error", "asl/schema", `"${key}" must be ${expected}.`);
  for (const key of ["Comment", "Version"]) {
    if (key in definition && typeof definition[key] !== "string") bad(key, "a string");
  }
  const timeout = definition.TimeoutSeconds;
  if (timeout !== undefined && !(Number.isInteger(timeout) && (timeout as number) >= 0)) {
    bad("TimeoutSeconds", "a non-negative integer (seconds)");
  }
  const language = definition.QueryLanguage;
  if (language !== undefined && language !== "JSONPath" && language !== "JSONata") {
    bad("QueryLanguage", '"JSONPath" or "JSONata"');
  }
}

function collectMachines(
  ctx: CheckContext,
  machine: JsonObject,
  path: PropertyPath,
  kind: Machine["kind"],
  out: Machine[],
): void {
  const where = kind === "root" ? "The state machine" : `This ${kind === "Map" ? "Map processor" : "branch"}`;
  if (kind !== "root") checkNestedKeys(ctx, machine, path, kind);
  for (const key of ["StartAt", "States"]) {
    if (!(key in machine)) {
      ctx.atKey(
        path,
        "error",
        "asl/missing-field",
        `${where} has no "${key}".`,
        "It needs StartAt (the name of its first state) and States.",
      );
    }
  }
  if ("StartAt" in machine && typeof machine.StartAt !== "string") {
    ctx.atValue(
      [...path, "StartAt"],
      "error",
      "asl/schema",
      `${where}: "StartAt" must be the name of a state.`,
    );
  }
  const states = machine.States;
  if (states === undefined) return;
  if (!isObject(states)) {
    ctx.atValue(
      [...path, "States"],
      "error",
      "asl/schema",
      `${where}: "States" must be an object of named states.`,
    );
    return;
  }
  out.push({ path, machine, states, kind });
  for (const [name, state] of Object.entries(states)) {
    const statePath = [...path, "States", name];
    if (name.length === 0 || [...name].length > MAX_STATE_NAME) {
      ctx.atKey(
        statePath,
        "error",
        "asl/state-name",
        `State name "${name}" must be 1 to ${MAX_STATE_NAME} characters long.`,
      );
    }
    if (!isObject(state)) {
      ctx.atValue(statePath, "error", "asl/schema", `State "${name}" must be an object with a "Type".`);
      continue;
    }
    if (state.Type === "Parallel" && state.Branches !== undefined) {
      if (!Array.isArray(state.Branches)) {
        ctx.atValue(
          [...statePath, "Branches"],
          "error",
          "asl/schema",
          `State "${name}": "Branches" must be a list of state machines.`,
        );
        continue;
      }
      state.Branches.forEach((branch, i) => {
        nested(ctx, branch, [...statePath, "Branches", i], "Parallel", out);
      });
    }
    if (state.Type === "Map") {
      for (const key of ["ItemProcessor", "Iterator"]) {
        if (state[key] !== undefined) nested(ctx, state[key], [...statePath, key], "Map", out);
      }
    }
  }
}

function nested(
  ctx: CheckContext,
  value: unknown,
  path: PropertyPath,
  kind: "Parallel" | "Map",
  out: Machine[],
): void {
  if (isObject(value)) {
    collectMachines(ctx, value, path, kind, out);
    return;
  }
  ctx.atValue(
    path,
    "error",
    "asl/schema",
    `A ${kind === "Map" ? "Map processor" : "Parallel branch"} must be an object with StartAt and States.`,
  );
}

function checkNestedKeys(
  ctx: CheckContext,
  machine: JsonObject,
  path: PropertyPath,
  kind: "Parallel" | "Map",
) {
  const allowed = kind === "Map" ? PROCESSOR_FIELDS : BRANCH_FIELDS;
  const what = kind === "Map" ? "a Map processor" : "a Parallel branch";
  for (const key of Object.keys(machine)) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean(key, allowed) ?? `Allowed: ${allowed.join(", ")}.`;
    ctx.atKey([...path, key], "error", "asl/unknown-field", `"${key}" is not a field of ${what}.`, hint);
  }
  if (kind === "Map" && "ProcessorConfig" in machine)
    checkProcessorConfig(ctx, machine.ProcessorConfig, path, String(path[path.length - 2]));
}

/** INLINE, or DISTRIBUTED with an ExecutionType (the two shapes the ASL spec defines). */
function checkProcessorConfig(ctx: CheckContext, config: unknown, path: PropertyPath, state: string) {
  const at = [...path, "ProcessorConfig"];
  const where = `State "${state}": ${describePath(at.slice(-2))}`;
  if (!isObject(config)) {
    ctx.atValue(at, "error", "asl/schema", `${where} must be an object such as { Mode: INLINE }.`);
    return;
  }
  const { Mode: mode, ExecutionType: type } = config;
  if (mode !== "INLINE" && mode !== "DISTRIBUTED") {
    ctx.atValue(
      mode === undefined ? at : [...at, "Mode"],
      "error",
      "asl/schema",
      `${where}.Mode must be "INLINE" or "DISTRIBUTED"${mode === undefined ? " (it is missing)" : ""}.`,
    );
  } else if (mode === "DISTRIBUTED" && type !== "STANDARD" && type !== "EXPRESS") {
    ctx.atValue(
      type === undefined ? [...at, "Mode"] : [...at, "ExecutionType"],
      "error",
      "asl/schema",
      `State "${state}": a DISTRIBUTED Map needs ProcessorConfig.ExecutionType "STANDARD" or "EXPRESS".`,
    );
  }
}

/**
 * A state may only go to states of its own machine: not into a branch or Map
 * processor, nor out of one (asl-validator misses ItemProcessor and transitions
 * into nested machines, so we check every transition ourselves).
 */
function checkTransitions(ctx: CheckContext, machines: Machine[]) {
  const owner = new Map<string, Machine>();
  for (const m of machines) for (const name of Object.keys(m.states)) owner.set(name, m);

  for (const m of machines) {
    const local = new Set(Object.keys(m.states));
    const check = (target: unknown, path: PropertyPath) => {
      if (typeof target !== "string" || local.has(target)) return;
      reportTarget(ctx, m, target, owner.get(target), path);
    };
    check(m.machine.StartAt, [...m.path, "StartAt"]);
    for (const [name, state] of Object.entries(m.states)) {
      if (!isObject(state)) continue;
      const at = [...m.path, "States", name];
      check(state.Next, [...at, "Next"]);
      check(state.Default, [...at, "Default"]);
      for (const list of ["Catch", "Choices"]) {
        const entries = state[list];
        if (!Array.isArray(entries)) continue;
        entries.forEach((entry, i) => {
          if (isObject(entry)) check(entry.Next, [...at, list, i, "Next"]);
        });
      }
    }
  }
}

function reportTarget(
  ctx: CheckContext,
  m: Machine,
  target: string,
  elsewhere: Machine | undefined,
  path: PropertyPath,
) {
  const outward = elsewhere !== undefined && m.kind !== "root" && isAncestor(elsewhere.path, m.path);
  const code = outward
    ? `asl/${m.kind === "Map" ? "map" : "branch"}-outbound-transition-target`
    : "asl/missing-transition-target";
  const scope = m.kind === "root" ? "top level" : m.kind === "Map" ? "Map processor" : "branch";
  const message = elsewhere
    ? `"${target}" is in another ${outward ? "(enclosing) " : ""}part of the state machine; a state can only go to states of its own ${scope}.`
    : `"${target}" is not a state of this state machine.`;
  const local = Object.keys(m.states);
  const hint = outward
    ? `End the ${m.kind === "Map" ? "Map processor" : "branch"} and put "Next": "${target}" on the ${m.kind} state itself.`
    : elsewhere
      ? `Go to the ${elsewhere.kind} state that contains "${target}" instead.`
      : (didYouMean(target, local) ?? `States here: ${abbreviate(local)}.`);
  ctx.atValue(path, "error", code, message, hint);
}

/** A hint listing 10,000 state names helps nobody. */
function abbreviate(names: readonly string[]): string {
  if (names.length === 0) return "(none)";
  return names.length <= 12
    ? names.join(", ")
    : `${names.slice(0, 12).join(", ")}, … (${names.length} in all)`;
}

function isAncestor(ancestor: PropertyPath, path: PropertyPath): boolean {
  return ancestor.length < path.length && ancestor.every((p, i) => path[i] === p);
}
