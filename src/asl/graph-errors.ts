/**
 * asl-validator's graph checks (reachability, terminal states, duplicate
 * names, "exactly one of" rules; transitions are checked in structure.ts) report only a message naming a state
 * or a target. Each rule below recognises one message, finds what it names in
 * the document, and reports it there in our words.
 */
import type { PropertyPath } from "../manifest/types.js";
import type { CheckContext } from "./check-context.js";
import { isObject, type JsonObject, walkValues } from "./states.js";

type Report = (ctx: CheckContext, m: RegExpMatchArray, code: string) => void;

const RULES: [RegExp, Report][] = [
  [
    /^State (.+) is not reachable$/,
    (ctx, m) =>
      ctx.atKey(
        findState(ctx, m[1] ?? "") ?? [],
        "error",
        "asl/unreachable-state",
        `State "${m[1]}" is never reached.`,
        'Point a "Next", "Default" or "StartAt" at it, or delete it.',
      ),
  ],
  [
    /^A state with this name already exists: (.+)$/,
    (ctx, m, code) =>
      ctx.atKey(
        findState(ctx, m[1] ?? "", 1) ?? [],
        "error",
        code,
        `Two states are named "${m[1]}"; state names must be unique across the whole definition.`,
      ),
  ],
  [
    /^State machine fsm(\d+) is missing a terminal state$/,
    (ctx, m, code) =>
      ctx.atKey(
        statesContainers(ctx.definition)[Number(m[1]) - 1] ?? ["States"],
        "error",
        code,
        'These states never end: none is a Succeed or Fail state or has "End": true.',
      ),
  ],
  [
    /^State "(.+)" (MUST contain .+)$/,
    (ctx, m, code) =>
      ctx.atKey(
        findState(ctx, m[1] ?? "") ?? [],
        "error",
        code,
        `State "${m[1]}" ${m[2]?.replace("MUST", "must")}.`,
      ),
  ],
  [
    /strip the "\.\$" suffix from: (.+)\.\$$/,
    (ctx, m, code) =>
      ctx.atKey(
        findKey(ctx.definition, m[1] ?? "") ?? [],
        "error",
        code,
        `"${m[1]}" clashes with another key once ".$" is removed.`,
      ),
  ],
];

export function reportGraphError(ctx: CheckContext, errorCode: string, message: string): void {
  const code = `asl/${errorCode.toLowerCase().replace(/_/g, "-")}`;
  for (const [pattern, report] of RULES) {
    const m = message.match(pattern);
    if (m) {
      report(ctx, m, code);
      return;
    }
  }
  ctx.atValue([], "error", code, message);
}

/** Path of the `occurrence`-th state (0-based) with this name. */
function findState(ctx: CheckContext, name: string, occurrence = 0): PropertyPath | undefined {
  return ctx.states.filter((s) => s.name === name)[occurrence]?.path;
}

/** Every `States` object in document order, as asl-validator numbers them (fsm1, fsm2, …). */
function statesContainers(definition: JsonObject): PropertyPath[] {
  const containers: PropertyPath[] = [];
  walkValues(definition, [], (value, path) => {
    if (path[path.length - 1] === "States" && isObject(value)) containers.push(path);
  });
  return containers;
}

function findKey(definition: JsonObject, key: string): PropertyPath | undefined {
  let found: PropertyPath | undefined;
  walkValues(definition, [], (value, path) => {
    if (!found && isObject(value) && key in value) found = [...path, key];
  });
  return found;
}
