/**
 * Retry and Catch lists, entry by entry and field by field, with the limits the
 * ASL spec sets (asl-validator's schema only says "number" for MaxAttempts and
 * stops at the first bad entry). Unknown fields are reported by state-fields.ts,
 * Catch targets by structure.ts and ResultPath/Assign by expression-checks.ts.
 */
import type { PropertyPath } from "../manifest/types.js";
import type { CheckContext } from "./check-context.js";
import { describePath } from "./check-context.js";
import { isObject, type StateRef } from "./states.js";

const RETRYABLE = ["Task", "Parallel", "Map"];

type Check = (value: unknown) => boolean;
const isInteger =
  (min: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min;

/** Retrier fields: what they must be, in words and as a test. */
const RETRIER_VALUES: Record<string, [Check, string]> = {
  IntervalSeconds: [isInteger(1), "a positive integer (seconds before the first retry)"],
  MaxAttempts: [isInteger(0), "a non-negative integer"],
  BackoffRate: [(v) => typeof v === "number" && v >= 1, "a number of at least 1.0"],
  MaxDelaySeconds: [isInteger(1), "a positive integer (seconds)"],
  JitterStrategy: [(v) => v === "FULL" || v === "NONE", '"FULL" or "NONE"'],
  Comment: [(v) => typeof v === "string", "a string"],
};

export function checkRetryAndCatch(ctx: CheckContext): void {
  for (const ref of ctx.states) {
    if (!RETRYABLE.includes(String(ref.state.Type))) continue;
    for (const list of ["Retry", "Catch"] as const) {
      const entries = ref.state[list];
      if (entries === undefined) continue;
      if (!Array.isArray(entries)) {
        const what = list === "Retry" ? "retriers" : "catchers";
        fieldError(ctx, ref, [list], `must be a list of ${what}.`);
        continue;
      }
      entries.forEach((entry, i) => {
        checkEntry(ctx, ref, list, entry, i, i === entries.length - 1);
      });
    }
  }
}

function checkEntry(
  ctx: CheckContext,
  ref: StateRef,
  list: "Retry" | "Catch",
  entry: unknown,
  index: number,
  last: boolean,
) {
  const at: PropertyPath = [list, index];
  if (!isObject(entry)) {
    fieldError(ctx, ref, at, `must be an object with "ErrorEquals"${list === "Catch" ? ' and "Next"' : ""}.`);
    return;
  }
  checkErrorEquals(ctx, ref, entry.ErrorEquals, at, last);
  if (list === "Catch") {
    if (entry.Next === undefined)
      fieldError(ctx, ref, at, 'needs "Next": the state to go to when it catches an error.');
    else if (typeof entry.Next !== "string")
      fieldError(ctx, ref, [...at, "Next"], "must be the name of a state.");
    if (entry.Comment !== undefined && typeof entry.Comment !== "string")
      fieldError(ctx, ref, [...at, "Comment"], "must be a string.");
    return;
  }
  for (const [field, [ok, expected]] of Object.entries(RETRIER_VALUES)) {
    if (field in entry && !ok(entry[field])) fieldError(ctx, ref, [...at, field], `must be ${expected}.`);
  }
}

function checkErrorEquals(ctx: CheckContext, ref: StateRef, value: unknown, at: PropertyPath, last: boolean) {
  const path = [...at, "ErrorEquals"];
  if (value === undefined) {
    fieldError(ctx, ref, at, 'needs "ErrorEquals": the error names it handles, e.g. [States.ALL].');
    return;
  }
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== "string")) {
    fieldError(ctx, ref, path, 'must be a non-empty list of error names, e.g. ["States.TaskFailed"].');
    return;
  }
  if (!value.includes("States.ALL")) return;
  // The spec: States.ALL must appear alone, and only in the last retrier or catcher.
  if (value.length > 1) {
    fieldError(ctx, ref, path, 'lists "States.ALL" with other errors; "States.ALL" must appear alone.', {
      hint: "States.ALL already matches every error: remove the others, or move them to an earlier entry.",
    });
  } else if (!last) {
    fieldError(ctx, ref, path, 'has "States.ALL", which must be in the last entry of the list.', {
      hint: "Entries are tried in order; move the States.ALL entry to the end.",
    });
  }
}

function fieldError(
  ctx: CheckContext,
  ref: StateRef,
  rel: PropertyPath,
  message: string,
  extra: { hint?: string } = {},
) {
  const path = [...ref.path, ...rel];
  const at = typeof rel[rel.length - 1] === "string" ? ctx.atKey : ctx.atValue;
  at(path, "error", "asl/schema", `State "${ref.name}": ${describePath(rel)} ${message}`, extra.hint);
}
