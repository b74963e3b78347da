/**
 * Fields that exclude or require each other (the ASL spec's "exactly one of" and
 * "at most one of" rules, the same ones asl-validator checks), and payload keys
 * that collide once their ".$" suffix is removed. Codes match asl-validator's.
 */
import type { PropertyPath } from "../manifest/types.js";
import type { CheckContext } from "./check-context.js";
import { isObject, type JsonObject, type StateRef } from "./states.js";

interface Rule {
  types: readonly string[];
  fields: readonly string[];
  code: string;
  exactlyOne?: boolean;
  /** Where the fields live, below the state (ItemReader.ReaderConfig…). */
  under?: readonly string[];
}

const RULES: readonly Rule[] = [
  { types: ["Task"], fields: ["TimeoutSeconds", "TimeoutSecondsPath"], code: "asl/task-timeout" },
  { types: ["Task"], fields: ["HeartbeatSeconds", "HeartbeatSecondsPath"], code: "asl/task-heartbeat" },
  { types: ["Map"], fields: ["ItemProcessor", "Iterator"], code: "asl/map-item-processor", exactlyOne: true },
  { types: ["Map"], fields: ["ItemSelector", "Parameters"], code: "asl/map-item-selector" },
  { types: ["Map"], fields: ["Items", "ItemsPath"], code: "asl/map-items-error" },
  {
    types: ["Map"],
    fields: ["ToleratedFailureCount", "ToleratedFailureCountPath"],
    code: "asl/map-tolerated-failure",
  },
  {
    types: ["Map"],
    fields: ["ToleratedFailurePercentage", "ToleratedFailurePercentagePath"],
    code: "asl/map-tolerated-failure",
  },
  { types: ["Map"], fields: ["MaxConcurrency", "MaxConcurrencyPath"], code: "asl/map-concurrency-error" },
  {
    types: ["Map"],
    fields: ["MaxItems", "MaxItemsPath"],
    code: "asl/map-itemreader-maxitem",
    under: ["ItemReader", "ReaderConfig"],
  },
  {
    types: ["Map"],
    fields: ["MaxItemsPerBatch", "MaxItemsPerBatchPath"],
    code: "asl/map-item-batcher",
    under: ["ItemBatcher"],
  },
  {
    types: ["Map"],
    fields: ["MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"],
    code: "asl/map-item-batcher",
    under: ["ItemBatcher"],
  },
  {
    types: ["Wait"],
    fields: ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"],
    code: "asl/wait-duration",
    exactlyOne: true,
  },
  { types: ["Fail"], fields: ["Cause", "CausePath"], code: "asl/fail-cause-property" },
  { types: ["Fail"], fields: ["Error", "ErrorPath"], code: "asl/fail-error-property" },
];

/** States that move on with Next or stop with End (Choice, Succeed and Fail do neither). */
const FLOWING = ["Task", "Pass", "Wait", "Parallel", "Map"];
const PAYLOADS = ["Parameters", "ResultSelector", "ItemSelector", "Assign"];

export function checkFieldCombinations(ctx: CheckContext): void {
  for (const ref of ctx.states) {
    const type = ref.state.Type;
    if (typeof type !== "string") continue;
    for (const rule of RULES) if (rule.types.includes(type)) applyRule(ctx, ref, rule);
    if (FLOWING.includes(type)) checkNextOrEnd(ctx, ref);
    if (ref.queryLanguage === "JSONPath") {
      for (const field of PAYLOADS) checkDollarCollisions(ctx, ref, ref.state[field], [...ref.path, field]);
    }
  }
}

function applyRule(ctx: CheckContext, ref: StateRef, rule: Rule) {
  let holder: unknown = ref.state;
  for (const key of rule.under ?? []) holder = isObject(holder) ? holder[key] : undefined;
  if (!isObject(holder)) return;
  const present = rule.fields.filter((f) => f in holder);
  const base = [...ref.path, ...(rule.under ?? [])];
  const list = rule.fields.map((f) => `"${f}"`).join(", ");
  const second = present[1];
  if (second !== undefined) {
    ctx.atKey(
      [...base, second],
      "error",
      rule.code,
      rule.fields.length === 2
        ? `State "${ref.name}" has both ${list.replace(", ", " and ")}; keep only one.`
        : `State "${ref.name}" has ${present.map((f) => `"${f}"`).join(" and ")}; use only one of ${list}.`,
    );
  } else if (rule.exactlyOne && present.length === 0) {
    ctx.atKey(
      ref.path,
      "error",
      rule.code,
      `State "${ref.name}" needs one of ${list}.`,
      exactlyOneHint(rule),
    );
  }
}

function exactlyOneHint(rule: Rule): string | undefined {
  if (rule.code === "asl/wait-duration")
    return 'Add "Seconds": 10 (or SecondsPath, Timestamp, TimestampPath) to say how long to wait.';
  if (rule.code === "asl/map-item-processor")
    return "Add ItemProcessor: { StartAt: …, States: { … } } with the states to run for each item.";
  return undefined;
}

function checkNextOrEnd(ctx: CheckContext, ref: StateRef) {
  const { state, name, path } = ref;
  if ("Next" in state && "End" in state) {
    ctx.atKey(
      [...path, "End"],
      "error",
      "asl/terminal-state-with-next",
      `State "${name}" has both "Next" and "End"; a state either goes on or ends the execution.`,
      'Keep "Next" to continue to another state, or "End": true to stop here.',
    );
  } else if (!("Next" in state) && !("End" in state)) {
    ctx.atKey(
      path,
      "error",
      "asl/missing-next-or-end",
      `State "${name}" has neither "Next" nor "End", so nothing says what happens after it.`,
      'Add "Next": "<state name>" to continue, or "End": true to finish the execution here.',
    );
  }
}

/** `"x"` and `"x.$"` in one object become the same output key. */
function checkDollarCollisions(ctx: CheckContext, ref: StateRef, value: unknown, path: PropertyPath): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkDollarCollisions(ctx, ref, item, [...path, i]);
    });
    return;
  }
  if (!isObject(value)) return;
  const seen = new Set<string>();
  for (const [key, inner] of Object.entries(value as JsonObject)) {
    const stripped = key.endsWith(".$") ? key.slice(0, -2) : key;
    if (seen.has(stripped)) {
      ctx.atKey(
        [...path, key],
        "error",
        "asl/duplicate-field-name",
        `State "${ref.name}": "${key}" and another key both become "${stripped}" once ".$" is removed.`,
        "Keep one of them.",
      );
    }
    seen.add(stripped);
    checkDollarCollisions(ctx, ref, inner, [...path, key]);
  }
}
