/**
 * Checks on the state graph of every (sub-)machine: each state is reached from
 * StartAt, each machine can end, and state names are unique across the whole
 * definition. They run on whatever the structure check could collect, whatever
 * else is wrong, and in one pass each (asl-validator's versions compare every
 * state name with every transition, which takes seconds on large definitions).
 */
import type { PropertyPath } from "../manifest/types.js";
import type { CheckContext } from "./check-context.js";
import { isObject, type JsonObject } from "./states.js";
import type { Machine } from "./structure.js";

export function checkGraph(ctx: CheckContext, machines: readonly Machine[]): void {
  checkDuplicateNames(ctx, machines);
  for (const m of machines) {
    checkTerminal(ctx, m);
    checkReachable(ctx, m);
  }
}

function checkDuplicateNames(ctx: CheckContext, machines: readonly Machine[]) {
  const first = new Map<string, PropertyPath>();
  for (const m of machines) {
    for (const name of Object.keys(m.states)) {
      const path = [...m.path, "States", name];
      if (!first.has(name)) {
        first.set(name, path);
        continue;
      }
      ctx.atKey(
        path,
        "error",
        "asl/duplicate-state-names",
        `Two states are named "${name}"; state names must be unique across the whole definition, branches and Map processors included.`,
        "Rename one of them (and the transitions that go to it).",
      );
    }
  }
}

const TYPES = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"];

function checkTerminal(ctx: CheckContext, m: Machine) {
  const ends = Object.values(m.states).some(
    (s) => isObject(s) && (s.Type === "Succeed" || s.Type === "Fail" || s.End === true),
  );
  // A state that is not an object, or of no known type, is reported already and might be the end.
  const unsure = Object.values(m.states).some((s) => !isObject(s) || !TYPES.includes(String(s.Type)));
  if (ends || unsure) return;
  ctx.atKey(
    [...m.path, "States"],
    "error",
    "asl/missing-terminal-state",
    'These states never end: none is a Succeed or Fail state or has "End": true.',
    'Give the last state "End": true, or add a Succeed state and go to it.',
  );
}

/** Where a state can go next: Next, Default, and the Next of each Choice rule and Catch entry. */
export function successors(state: JsonObject): string[] {
  const out: string[] = [];
  if (typeof state.Next === "string") out.push(state.Next);
  if (typeof state.Default === "string") out.push(state.Default);
  for (const list of ["Choices", "Catch"]) {
    const entries = state[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) if (isObject(entry) && typeof entry.Next === "string") out.push(entry.Next);
  }
  return out;
}

/**
 * Step Functions rejects a definition with a state that cannot be reached from
 * StartAt. When StartAt itself names no state (reported at StartAt), only the
 * states that nothing goes to are reported, rather than every state.
 */
function checkReachable(ctx: CheckContext, m: Machine) {
  const start = m.machine.StartAt;
  const names = Object.keys(m.states);
  // Where a state that is not an object goes is unknown (it is reported already).
  if (Object.values(m.states).some((s) => !isObject(s))) return;
  let reached: Set<string>;
  if (typeof start === "string" && Object.hasOwn(m.states, start)) {
    reached = new Set([start]);
    const queue = [start];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      const state = m.states[next];
      if (!isObject(state)) continue;
      for (const target of successors(state)) {
        if (Object.hasOwn(m.states, target) && !reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
  } else {
    reached = new Set();
    for (const name of names) {
      const state = m.states[name];
      if (!isObject(state)) continue;
      for (const target of successors(state)) if (target !== name) reached.add(target);
    }
  }
  for (const name of names) {
    if (reached.has(name)) continue;
    ctx.atKey(
      [...m.path, "States", name],
      "error",
      "asl/unreachable-state",
      `State "${name}" is never reached.`,
      'Point a "Next", "Default" or "StartAt" at it (from a state that is itself reached), or delete it.',
    );
  }
}
