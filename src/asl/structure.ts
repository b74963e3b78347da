/**
 * The skeleton of a definition: top-level fields, `States` objects (at the top,
 * in Parallel branches and Map processors) holding state objects, and
 * transitions that stay inside their own (sub-)machine. When the skeleton is
 * broken the generic checks are skipped: they would only crash or repeat it.
 */
import type { PropertyPath } from "../manifest/types.js";
import { didYouMean } from "../source/did-you-mean.js";
import type { CheckContext } from "./check-context.js";
import { isObject, type JsonObject } from "./states.js";

const TOP_LEVEL = ["Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage"];

interface Machine {
  path: PropertyPath;
  machine: JsonObject;
  kind: "root" | "Parallel" | "Map";
}

/** Returns false when the skeleton is too broken for further checks. */
export function checkStructure(ctx: CheckContext): boolean {
  for (const key of Object.keys(ctx.definition)) {
    if (TOP_LEVEL.includes(key)) continue;
    const hint = didYouMean(key, TOP_LEVEL) ?? `Allowed: ${TOP_LEVEL.join(", ")}.`;
    ctx.atKey([key], "error", "asl/unknown-field", `"${key}" is not a state-machine field.`, hint);
    delete ctx.prepared[key];
  }
  const machines: Machine[] = [];
  const sound = collectMachines(ctx, ctx.definition, [], "root", machines);
  if (sound) checkTransitions(ctx, machines);
  return sound;
}

function collectMachines(
  ctx: CheckContext,
  machine: JsonObject,
  path: PropertyPath,
  kind: Machine["kind"],
  out: Machine[],
): boolean {
  const where = kind === "root" ? "The state machine" : `This ${kind === "Map" ? "Map processor" : "branch"}`;
  let sound = true;
  for (const key of ["StartAt", "States"]) {
    if (!(key in machine)) {
      ctx.atKey(
        path,
        "error",
        "asl/missing-field",
        `${where} has no "${key}".`,
        "It needs StartAt (the name of its first state) and States.",
      );
      sound = false;
    }
  }
  if ("StartAt" in machine && typeof machine.StartAt !== "string") {
    ctx.atValue(
      [...path, "StartAt"],
      "error",
      "asl/schema",
      `${where}: "StartAt" must be the name of a state.`,
    );
    sound = false;
  }
  const states = machine.States;
  if (states === undefined) return false;
  if (!isObject(states)) {
    ctx.atValue(
      [...path, "States"],
      "error",
      "asl/schema",
      `${where}: "States" must be an object of named states.`,
    );
    return false;
  }
  out.push({ path, machine, kind });
  for (const [name, state] of Object.entries(states)) {
    const statePath = [...path, "States", name];
    if (!isObject(state)) {
      ctx.atValue(statePath, "error", "asl/schema", `State "${name}" must be an object with a "Type".`);
      sound = false;
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
        sound = false;
        continue;
      }
      state.Branches.forEach((branch, i) => {
        sound = nested(ctx, branch, [...statePath, "Branches", i], "Parallel", out) && sound;
      });
    }
    if (state.Type === "Map") {
      for (const key of ["ItemProcessor", "Iterator"]) {
        if (state[key] !== undefined)
          sound = nested(ctx, state[key], [...statePath, key], "Map", out) && sound;
      }
    }
  }
  return sound;
}

function nested(
  ctx: CheckContext,
  value: unknown,
  path: PropertyPath,
  kind: "Parallel" | "Map",
  out: Machine[],
): boolean {
  if (isObject(value)) return collectMachines(ctx, value, path, kind, out);
  ctx.atValue(
    path,
    "error",
    "asl/schema",
    `A ${kind === "Map" ? "Map processor" : "Parallel branch"} must be an object with StartAt and States.`,
  );
  return false;
}

/**
 * A state may only go to states of its own machine: not into a branch or Map
 * processor, nor out of one (asl-validator misses ItemProcessor and transitions
 * into nested machines, so we check every transition ourselves).
 */
function checkTransitions(ctx: CheckContext, machines: Machine[]) {
  const owner = new Map<string, Machine>();
  for (const m of machines)
    for (const name of Object.keys(m.machine.States as JsonObject)) owner.set(name, m);

  for (const m of machines) {
    const local = Object.keys(m.machine.States as JsonObject);
    const check = (target: unknown, path: PropertyPath) => {
      if (typeof target !== "string" || local.includes(target)) return;
      const elsewhere = owner.get(target);
      const outward = elsewhere !== undefined && m.kind !== "root" && isAncestor(elsewhere.path, m.path);
      const code = outward
        ? `asl/${m.kind === "Map" ? "map" : "branch"}-outbound-transition-target`
        : "asl/missing-transition-target";
      const message = elsewhere
        ? `"${target}" is in another ${outward ? "(enclosing) " : ""}part of the state machine; a state can only go to states of its own ${m.kind === "root" ? "top level" : m.kind === "Map" ? "Map processor" : "branch"}.`
        : `"${target}" is not a state of this state machine.`;
      const hint = outward
        ? `End the ${m.kind === "Map" ? "Map processor" : "branch"} and put "Next": "${target}" on the ${m.kind} state itself.`
        : elsewhere
          ? `Go to the ${elsewhere.kind} state that contains "${target}" instead.`
          : (didYouMean(target, local) ?? `States here: ${local.join(", ") || "(none)"}.`);
      ctx.atValue(path, "error", code, message, hint);
    };
    check(m.machine.StartAt, [...m.path, "StartAt"]);
    for (const [name, state] of Object.entries(m.machine.States as JsonObject)) {
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

function isAncestor(ancestor: PropertyPath, path: PropertyPath): boolean {
  return ancestor.length < path.length && ancestor.every((p, i) => path[i] === p);
}
