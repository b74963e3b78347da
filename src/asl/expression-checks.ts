/**
 * Paths, payload templates and JSONata expressions of every state, each checked
 * where it is written so one bad value never hides another. These fields are
 * ours alone: the schema check leaves them out (see OWNED_FIELDS).
 */
import type { PropertyPath } from "../manifest/types.js";
import type { CheckContext } from "./check-context.js";
import { describePath } from "./check-context.js";
import {
  jsonataProblem,
  looksLikeJsonata,
  type PathKind,
  type Problem,
  pathProblem,
} from "./expression-syntax.js";
import { isObject, type StateRef, valueAt } from "./states.js";

/** Fields (relative to the state) whose value is one path. */
const PATH_FIELDS: readonly [PropertyPath, PathKind][] = [
  [["InputPath"], "path"],
  [["OutputPath"], "path"],
  [["ResultPath"], "result"],
  ...(
    [
      "ItemsPath",
      "TimeoutSecondsPath",
      "HeartbeatSecondsPath",
      "SecondsPath",
      "TimestampPath",
      "MaxConcurrencyPath",
      "ToleratedFailureCountPath",
      "ToleratedFailurePercentagePath",
    ] as const
  ).map((f): [PropertyPath, PathKind] => [[f], "reference"]),
  [["ItemReader", "ReaderConfig", "MaxItemsPath"], "reference"],
  [["ItemBatcher", "MaxItemsPerBatchPath"], "reference"],
  [["ItemBatcher", "MaxInputBytesPerBatchPath"], "reference"],
  // A reference path or one of a few intrinsic functions: the payload rules are the closest.
  [["ErrorPath"], "payload"],
  [["CausePath"], "payload"],
];

/** Payload templates of JSONPath states: keys ending in ".$" hold a path or intrinsic function. */
const PAYLOAD_FIELDS: readonly PropertyPath[] = [
  ["Parameters"],
  ["ResultSelector"],
  ["ItemSelector"],
  ["Credentials"],
  ["Assign"],
  ["ItemReader", "Parameters"],
  ["ItemReader", "ReaderConfig", "Parameters"],
  ["ResultWriter", "Parameters"],
  ["ItemBatcher", "BatchInput"],
];

/** JSONata fields whose strings may all be expressions. */
const JSONATA_TEMPLATES: readonly PropertyPath[] = [
  ["Arguments"],
  ["Output"],
  ["Assign"],
  ["Items"],
  ["ItemSelector"],
  ["ItemReader", "Arguments"],
  ["ItemReader", "ReaderConfig", "Arguments"],
  ["ResultWriter", "Arguments"],
  ["ItemBatcher", "BatchInput"],
];

/** What the schema check must not report again, per query language (prefixes of state-relative paths). */
export const OWNED_FIELDS = {
  JSONPath: [...PATH_FIELDS.map(([p]) => p), ...PAYLOAD_FIELDS],
  JSONata: JSONATA_TEMPLATES,
} as const;

/** Nested machines are checked as states of their own; Choice rules and Retry/Catch have their own checks. */
const NOT_WALKED = new Set(["Branches", "ItemProcessor", "Iterator", "Comment"]);

export function checkExpressions(ctx: CheckContext): void {
  for (const ref of ctx.states) {
    const state = valueAt(ctx.prepared, ref.path);
    if (!isObject(state)) continue;
    if (ref.queryLanguage === "JSONata") checkJsonataState(ctx, ref, state);
    else checkJsonPathState(ctx, ref, state);
  }
}

function checkJsonPathState(ctx: CheckContext, ref: StateRef, state: Record<string, unknown>) {
  for (const [rel, kind] of PATH_FIELDS) {
    const value = valueAt(state, rel);
    if (value === undefined) continue;
    // null is meaningful for InputPath/OutputPath/ResultPath ("no input", "discard the result").
    if (
      value === null &&
      rel.length === 1 &&
      ["InputPath", "OutputPath", "ResultPath"].includes(String(rel[0]))
    )
      continue;
    if (typeof value !== "string") {
      report(ctx, ref, rel, {
        severity: "error",
        code: "asl/schema",
        message: `must be a path string such as "$.order"${kind === "path" || kind === "result" ? " or null" : ""}.`,
      });
      continue;
    }
    const problem = pathProblem(value, kind);
    if (problem) report(ctx, ref, rel, problem);
  }
  for (const rel of PAYLOAD_FIELDS) {
    const value = valueAt(state, rel);
    if (value !== undefined) checkPayload(ctx, ref, value, rel);
  }
  for (const list of ["Catch", "Choices"]) {
    const entries = state[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      if (!isObject(entry)) return;
      if (list === "Catch" && typeof entry.ResultPath === "string") {
        const problem = pathProblem(entry.ResultPath, "result");
        if (problem) report(ctx, ref, [list, i, "ResultPath"], problem);
      }
      if (entry.Assign !== undefined) checkPayload(ctx, ref, entry.Assign, [list, i, "Assign"]);
    });
  }
  if ("Assign" in state && !isObject(state.Assign)) {
    report(ctx, ref, ["Assign"], {
      severity: "error",
      code: "asl/schema",
      message: "must be an object of variables.",
    });
  }
}

function checkPayload(ctx: CheckContext, ref: StateRef, value: unknown, rel: PropertyPath): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkPayload(ctx, ref, item, [...rel, i]);
    });
    return;
  }
  if (typeof value === "string" && looksLikeJsonata(value)) {
    report(ctx, ref, rel, {
      severity: "warning",
      code: "asl/jsonata-in-jsonpath",
      message: "is sent as literal text: {% … %} expressions are only evaluated in JSONata states.",
      hint: 'Add `QueryLanguage: JSONata` to the state (or the state machine), or use a key ending in ".$" with a path.',
    });
    return;
  }
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const at = [...rel, key];
    if (!key.endsWith(".$")) {
      checkPayload(ctx, ref, inner, at);
      continue;
    }
    if (typeof inner !== "string") {
      report(ctx, ref, at, {
        severity: "error",
        code: "asl/schema",
        message: 'must be a string holding a path or intrinsic function (its key ends in ".$").',
        hint: `For a literal value, remove ".$" from the key: "${key.slice(0, -2)}".`,
      });
      continue;
    }
    const problem = pathProblem(inner, "payload");
    if (problem) report(ctx, ref, at, problem);
  }
}

function checkJsonataState(ctx: CheckContext, ref: StateRef, state: Record<string, unknown>) {
  const visit = (value: unknown, rel: PropertyPath) => {
    if (looksLikeJsonata(value)) {
      const problem = jsonataProblem(value);
      if (problem) report(ctx, ref, rel, problem);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        visit(item, [...rel, i]);
      });
    } else if (isObject(value)) {
      for (const [key, inner] of Object.entries(value)) visit(inner, [...rel, key]);
    }
  };
  for (const [key, value] of Object.entries(state)) if (!NOT_WALKED.has(key)) visit(value, [key]);
  const shapes: [string, (v: unknown) => boolean, string][] = [
    ["Arguments", (v) => isObject(v) || typeof v === "string", "an object or a {% … %} expression"],
    ["Assign", isObject, "an object of variables"],
    ["Items", (v) => Array.isArray(v) || typeof v === "string", "a list or a {% … %} expression"],
    ["ItemSelector", (v) => isObject(v) || typeof v === "string", "an object or a {% … %} expression"],
  ];
  for (const [field, ok, expected] of shapes) {
    if (field in state && !ok(state[field])) {
      report(ctx, ref, [field], { severity: "error", code: "asl/schema", message: `must be ${expected}.` });
    }
  }
}

function report(ctx: CheckContext, ref: StateRef, rel: PropertyPath, problem: Problem) {
  const message = `State "${ref.name}": ${describePath(rel)} ${problem.message}`;
  const path = [...ref.path, ...rel];
  const at = typeof rel[rel.length - 1] === "string" ? ctx.atKey : ctx.atValue;
  at(path, problem.severity, problem.code, message, problem.hint);
}
