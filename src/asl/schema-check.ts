/**
 * asl-validator's JSON Schemas, applied field by field. Its own entry point
 * validates the whole definition at once and stops at the first error (and then
 * skips its graph checks), so one mistake hid all the others; here each field of
 * each state is validated on its own with the schema asl-validator gives that
 * field, so every independent problem is reported. Fields with a check of their
 * own (paths, payloads, JSONata, Choice rules, Retry/Catch, nested machines) are
 * left out. The validators are generated at build time (src/precompiled/).
 */
import type { ErrorObject } from "ajv";
import type { PropertyPath } from "../manifest/types.js";
import { type Validators, validatorsOf } from "../precompiled/load.js";
import { ASL_SET, ASL_STATE_TYPES, ASL_UNCHECKED_FIELDS } from "../precompiled/validator-sets.js";
import type { CheckContext } from "./check-context.js";
import { describePath } from "./check-context.js";
import { OWNED_FIELDS } from "./expression-checks.js";
import { looksLikeJsonata } from "./expression-syntax.js";
import { describeSchemaErrors } from "./schema-messages.js";
import { isObject, pointerToPath, type StateRef, valueAt } from "./states.js";

/** Whole fields expression-checks.ts owns: not validated here at all. */
const OWNED_TOP_LEVEL = {
  JSONPath: new Set(OWNED_FIELDS.JSONPath.filter((p) => p.length === 1).map((p) => String(p[0]))),
  JSONata: new Set(OWNED_FIELDS.JSONata.filter((p) => p.length === 1).map((p) => String(p[0]))),
};

export function checkSchemas(ctx: CheckContext): void {
  let set: Validators;
  try {
    set = validatorsOf(ASL_SET);
  } catch (e) {
    ctx.atValue(
      [],
      "error",
      "asl/validator-failed",
      `The state-machine checker could not load its schemas: ${(e as Error).message}`,
    );
    return;
  }
  for (const ref of ctx.states) {
    const type = ref.state.Type;
    if (typeof type !== "string" || !ASL_STATE_TYPES.includes(type)) continue;
    const state = valueAt(ctx.prepared, ref.path);
    if (!isObject(state)) continue;
    const variant = ref.queryLanguage === "JSONPath" ? 0 : 1;
    const owned = OWNED_TOP_LEVEL[ref.queryLanguage];
    for (const [field, value] of Object.entries(state)) {
      if (ASL_UNCHECKED_FIELDS.has(field) || owned.has(field)) continue;
      const validate = set.get(`${type}/${variant}/${field}`);
      if (!validate) continue;
      const input = withoutLineBreaks(value);
      if (validate(input)) continue;
      const errors = relevantErrors(validate.errors ?? [], ref, field, input);
      if (errors.length > 0) report(ctx, ref, field, input, errors);
    }
  }
}

/**
 * Drops what another check owns: values under a path/payload/JSONata field
 * checked by expression-checks.ts, and JSONata strings (whose parse errors are
 * reported there with the parser's own message).
 */
function relevantErrors(
  errors: readonly ErrorObject[],
  ref: StateRef,
  field: string,
  value: unknown,
): ErrorObject[] {
  const owned = OWNED_FIELDS[ref.queryLanguage];
  return errors.filter((e) => {
    const rel = [field, ...pointerToPath(value, e.instancePath)];
    if (owned.some((prefix) => prefix.every((p, i) => rel[i] === p))) return false;
    return !(ref.queryLanguage === "JSONata" && looksLikeJsonata(e.data));
  });
}

function report(ctx: CheckContext, ref: StateRef, field: string, value: unknown, errors: ErrorObject[]) {
  const described = describeSchemaErrors(errors, value, field);
  const rel: PropertyPath = [field, ...described.path];
  const where = `State "${ref.name}": ${describePath(rel)}`;
  const at = typeof rel[rel.length - 1] === "string" ? ctx.atKey : ctx.atValue;
  at([...ref.path, ...rel], "error", "asl/schema", `${where} ${described.message}`, described.hint);
}

const LINE_BREAK = /[\r\n\u2028\u2029]/;
const LINE_BREAKS = /[\r\n\u2028\u2029]/g;

/** asl-validator's string patterns use `.`, which does not match a line break; a space keeps the meaning. */
function withoutLineBreaks(value: unknown): unknown {
  if (typeof value === "string") return LINE_BREAK.test(value) ? value.replace(LINE_BREAKS, " ") : value;
  if (Array.isArray(value)) return value.map(withoutLineBreaks);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutLineBreaks(v)]));
  return value;
}
