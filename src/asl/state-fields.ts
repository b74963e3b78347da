/**
 * Field-level checks that asl-validator can only report as "does not match any
 * schema in oneOf": misspelt or misplaced fields, unknown state types, fields of
 * the other query language, Next/End on states that cannot have them. Reported
 * fields are removed from the prepared copy so the generic checks can go on.
 */
import type { PropertyPath } from "../manifest/types.js";
import { didYouMean } from "../source/did-you-mean.js";
import type { CheckContext } from "./check-context.js";
import { ADAPTER_FUNCTION_ARN_EXAMPLE } from "./mistake-checks.js";
import { isObject, type StateRef, setValueAt, valueAt } from "./states.js";

interface FieldSpec {
  both: string[];
  jsonPath: string[];
  jsonata: string[];
}

const IO = ["InputPath", "OutputPath"];
const FLOW = ["Next", "End", "Assign"];
const TASKISH = ["Parameters", "ResultPath", "ResultSelector"];

/** ASL fields by state type (states-language spec + §6.5); COMMON fields are always allowed. */
const STATE_FIELDS: Record<string, FieldSpec> = {
  Pass: { both: FLOW, jsonPath: [...IO, "Parameters", "ResultPath", "Result"], jsonata: ["Output"] },
  Task: {
    both: [...FLOW, "Resource", "Retry", "Catch", "TimeoutSeconds", "HeartbeatSeconds", "Credentials"],
    jsonPath: [...IO, ...TASKISH, "TimeoutSecondsPath", "HeartbeatSecondsPath"],
    jsonata: ["Arguments", "Output"],
  },
  Choice: { both: ["Choices", "Default", "Assign"], jsonPath: IO, jsonata: ["Output"] },
  Wait: {
    both: [...FLOW, "Seconds", "Timestamp"],
    jsonPath: [...IO, "SecondsPath", "TimestampPath"],
    jsonata: ["Output"],
  },
  Succeed: { both: [], jsonPath: IO, jsonata: ["Output"] },
  Fail: { both: ["Error", "Cause"], jsonPath: ["ErrorPath", "CausePath"], jsonata: [] },
  Parallel: {
    both: [...FLOW, "Branches", "Retry", "Catch"],
    jsonPath: [...IO, ...TASKISH],
    jsonata: ["Arguments", "Output"],
  },
  Map: {
    both: [
      ...FLOW,
      ...["ItemProcessor", "Iterator", "ItemSelector", "ItemReader", "ResultWriter", "ItemBatcher", "Label"],
      ...["MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount", "Retry", "Catch"],
    ],
    jsonPath: [
      ...[...IO, ...TASKISH, "ItemsPath"],
      ...["MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"],
    ],
    jsonata: ["Items", "Output"],
  },
};
const COMMON = ["Type", "Comment", "QueryLanguage"];
const REQUIRED: Record<string, string> = { Task: "Resource", Choice: "Choices", Parallel: "Branches" };
const CATCHER = {
  both: ["ErrorEquals", "Next", "Comment"],
  jsonPath: ["ResultPath"],
  jsonata: ["Output", "Assign"],
};
const RETRIER = [
  "ErrorEquals",
  "IntervalSeconds",
  "MaxAttempts",
  "BackoffRate",
  "MaxDelaySeconds",
  "JitterStrategy",
  "Comment",
];

export function checkStateFields(ctx: CheckContext): void {
  for (const ref of ctx.states) {
    const spec = typeof ref.state.Type === "string" ? STATE_FIELDS[ref.state.Type] : undefined;
    if (!spec) {
      reportUnknownType(ctx, ref);
      continue;
    }
    const jsonata = ref.queryLanguage === "JSONata";
    for (const key of Object.keys(ref.state)) {
      if (
        COMMON.includes(key) ||
        spec.both.includes(key) ||
        (jsonata ? spec.jsonata : spec.jsonPath).includes(key)
      )
        continue;
      reportField(ctx, ref, key, spec, jsonata);
      removeFromPrepared(ctx, [...ref.path, key]);
    }
    const required = REQUIRED[ref.state.Type as string];
    if (required && !(required in ref.state)) {
      ctx.atKey(
        ref.path,
        "error",
        "asl/missing-field",
        `State "${ref.name}": a ${ref.state.Type} state needs "${required}".`,
      );
      if (required === "Resource") {
        const prepared = valueAt(ctx.prepared, ref.path);
        if (isObject(prepared)) prepared.Resource = ADAPTER_FUNCTION_ARN_EXAMPLE;
      }
    }
    checkCatchersAndRetriers(ctx, ref, jsonata);
  }
}

function reportField(ctx: CheckContext, ref: StateRef, key: string, spec: FieldSpec, jsonata: boolean) {
  const type = ref.state.Type as string;
  const path = [...ref.path, key];
  if ((key === "Next" || key === "End") && (type === "Choice" || type === "Succeed" || type === "Fail")) {
    const hint =
      type === "Choice"
        ? 'A Choice state moves on through its rules\' "Next" and its "Default"; remove this field.'
        : `A ${type} state ends the execution; remove "${key}".`;
    ctx.atKey(
      path,
      "error",
      "asl/unknown-field",
      `State "${ref.name}": a ${type} state cannot have "${key}".`,
      hint,
    );
  } else if (jsonata && spec.jsonPath.includes(key)) {
    ctx.atKey(
      path,
      "error",
      "asl/jsonpath-field-in-jsonata",
      `State "${ref.name}" uses JSONata, where "${key}" (a JSONPath field) is not allowed.`,
      jsonataReplacement(key),
    );
  } else if (!jsonata && spec.jsonata.includes(key)) {
    ctx.atKey(
      path,
      "error",
      "asl/jsonata-field-in-jsonpath",
      `State "${ref.name}" uses JSONPath, where "${key}" (a JSONata field) is not allowed.`,
      "Add `QueryLanguage: JSONata` to the state (or the state machine), or use Parameters/ResultSelector/ResultPath/OutputPath.",
    );
  } else {
    const known = [...COMMON, ...spec.both, ...(jsonata ? spec.jsonata : spec.jsonPath)];
    ctx.atKey(
      path,
      "error",
      "asl/unknown-field",
      `State "${ref.name}": "${key}" is not a field of a ${type} state.`,
      hintFor(key, known),
    );
  }
}

function jsonataReplacement(key: string): string {
  if (key === "Parameters") return 'Use "Arguments"; its values may be {% … %} expressions.';
  if (key === "InputPath") return "Read the input inside expressions as $states.input.";
  if (["Result", "ResultSelector", "ResultPath", "OutputPath"].includes(key))
    return 'Shape the state output with "Output" (e.g. "{% $states.result.Payload %}") and keep values with "Assign".';
  if (key === "ItemsPath") return 'Use "Items" with a {% … %} expression.';
  return `Use "${key.replace(/Path$/, "")}" with a {% … %} expression.`;
}

function reportUnknownType(ctx: CheckContext, ref: StateRef) {
  const types = Object.keys(STATE_FIELDS);
  const written = ref.state.Type;
  if (written === undefined)
    ctx.atKey(
      ref.path,
      "error",
      "asl/missing-field",
      `State "${ref.name}" has no "Type".`,
      `Types: ${types.join(", ")}.`,
    );
  else
    ctx.atValue(
      [...ref.path, "Type"],
      "error",
      "asl/unknown-state-type",
      `State "${ref.name}": "${String(written)}" is not a state type.`,
      hintFor(String(written), types),
    );
  // Keep the graph intact for the transition checks without repeating this error.
  const standIn: Record<string, unknown> = { Type: "Pass" };
  if (typeof ref.state.Next === "string") standIn.Next = ref.state.Next;
  else standIn.End = true;
  setValueAt(ctx.prepared, ref.path, standIn);
}

function checkCatchersAndRetriers(ctx: CheckContext, ref: StateRef, jsonata: boolean) {
  const catchers = ref.state.Catch;
  if (Array.isArray(catchers)) {
    const allowed = [...CATCHER.both, ...(jsonata ? CATCHER.jsonata : CATCHER.jsonPath)];
    catchers.forEach((c, i) => {
      checkObjectKeys(ctx, ref, c, [...ref.path, "Catch", i], allowed, "a Catch entry");
    });
  }
  const retriers = ref.state.Retry;
  if (Array.isArray(retriers)) {
    retriers.forEach((r, i) => {
      checkObjectKeys(ctx, ref, r, [...ref.path, "Retry", i], RETRIER, "a Retry entry");
    });
  }
}

function checkObjectKeys(
  ctx: CheckContext,
  ref: StateRef,
  value: unknown,
  path: PropertyPath,
  allowed: string[],
  what: string,
) {
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    ctx.atKey(
      [...path, key],
      "error",
      "asl/unknown-field",
      `State "${ref.name}": "${key}" is not a field of ${what}.`,
      hintFor(key, allowed),
    );
    removeFromPrepared(ctx, [...path, key]);
  }
}

function hintFor(key: string, known: readonly string[]): string {
  return didYouMean(key, known) ?? `Allowed: ${known.join(", ")}.`;
}

function removeFromPrepared(ctx: CheckContext, path: PropertyPath) {
  const parent = valueAt(ctx.prepared, path.slice(0, -1));
  const key = path[path.length - 1];
  if (isObject(parent) && typeof key === "string") delete parent[key];
}
