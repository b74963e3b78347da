/**
 * asl-validator's JSON Schemas, applied field by field. Its own entry point
 * validates the whole definition at once and stops at the first error (and then
 * skips its graph checks), so one mistake hid all the others; here each field of
 * each state is validated on its own with the schema asl-validator gives that
 * field, so every independent problem is reported. Fields with a check of their
 * own (paths, payloads, JSONata, Choice rules, Retry/Catch, nested machines) are
 * left out. The validators are compiled once per process, on first use.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { PropertyPath } from "../manifest/types.js";
import type { CheckContext } from "./check-context.js";
import { describePath } from "./check-context.js";
import { OWNED_FIELDS } from "./expression-checks.js";
import { looksLikeJsonata, pathProblem } from "./expression-syntax.js";
import { describeSchemaErrors } from "./schema-messages.js";
import { isObject, type JsonObject, pointerToPath, type StateRef, valueAt } from "./states.js";

const BASE = "http://asl-validator.cloud/";
const TYPES = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"];
/** Fields checked elsewhere (or not at all: Type and QueryLanguage select the schema). */
const SKIPPED = new Set([
  "Type",
  "QueryLanguage",
  "Branches",
  "ItemProcessor",
  "Iterator",
  "Choices",
  "Retry",
  "Catch",
]);

/** Whole fields expression-checks.ts owns: not validated here at all. */
const OWNED_TOP_LEVEL = {
  JSONPath: new Set(OWNED_FIELDS.JSONPath.filter((p) => p.length === 1).map((p) => String(p[0]))),
  JSONata: new Set(OWNED_FIELDS.JSONata.filter((p) => p.length === 1).map((p) => String(p[0]))),
};

interface Schemas {
  ajv: Ajv;
  /** `pass.json` → its parsed schema. */
  files: Map<string, JsonObject>;
  /** `Task/0` (type and query-language variant) → field → its validator, compiled on first use. */
  validators: Map<string, Map<string, ValidateFunction | null>>;
}

let loaded: Schemas | undefined;

function schemas(): Schemas {
  if (loaded) return loaded;
  const main = createRequire(import.meta.url).resolve("asl-validator");
  const dir = path.join(path.dirname(main), "schemas");
  const files = new Map<string, JsonObject>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".json")))
    files.set(name, JSON.parse(readFileSync(path.join(dir, name), "utf8")) as JsonObject);
  // strict: false because the schemas use `nullable`; verbose for parentSchema/data in messages.
  const ajv = new Ajv({ schemas: [...files.values()], allowUnionTypes: true, verbose: true, strict: false });
  for (const [format, kind] of [
    ["asl_path", "path"],
    ["asl_ref_path", "reference"],
    ["asl_payload_template", "payload"],
    ["asl_result_path", "result"],
  ] as const) {
    ajv.addFormat(format, (v: string) => pathProblem(v, kind)?.severity !== "error");
  }
  // The expressions themselves are checked (with the parser's message) by expression-checks.ts.
  ajv.addFormat("jsonata_string", () => true);
  ajv.addFormat("maybe_jsonata_string", () => true);
  ajv.addFormat("asl_arn", (v: string) => ARN.test(v));
  ajv.addFormat("date-time", isTimestamp);
  loaded = { ajv, files, validators: new Map() };
  return loaded;
}

/** asl-validator's own ARN rule (dist/src/checks/formats.js). */
const ARN =
  /^arn:(?<Partition>aws|aws-cn|aws-us-gov):(?<Service>[^:\n]+):(?<Region>[^:\n]*):(?<AccountID>\d*):(?<Resource>([^:/*]+([:/].*[^:/]+)?))$/iu;

/** RFC 3339 with an uppercase T and Z, as Step Functions requires for Wait timestamps. */
function isTimestamp(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** The validator asl-validator's schema gives `field` in this kind of state; null when it has none. */
function validatorFor(set: Schemas, type: string, variant: number, field: string): ValidateFunction | null {
  const key = `${type}/${variant}`;
  let fields = set.validators.get(key);
  if (!fields) {
    fields = new Map();
    set.validators.set(key, fields);
  }
  let validate = fields.get(field);
  if (validate === undefined) {
    const file = `${type.toLowerCase()}.json`;
    const branches = (set.files.get(file)?.oneOf ?? []) as JsonObject[];
    const properties = (branches[variant]?.properties ?? {}) as JsonObject;
    validate = Object.hasOwn(properties, field)
      ? set.ajv.compile({ $ref: `${BASE}${file}#/oneOf/${variant}/properties/${pointerEscape(field)}` })
      : null;
    fields.set(field, validate);
  }
  return validate;
}

export function checkSchemas(ctx: CheckContext): void {
  let set: Schemas;
  try {
    set = schemas();
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
    if (typeof type !== "string" || !TYPES.includes(type)) continue;
    const state = valueAt(ctx.prepared, ref.path);
    if (!isObject(state)) continue;
    const variant = ref.queryLanguage === "JSONPath" ? 0 : 1;
    const owned = OWNED_TOP_LEVEL[ref.queryLanguage];
    for (const [field, value] of Object.entries(state)) {
      if (SKIPPED.has(field) || owned.has(field)) continue;
      const validate = validatorFor(set, type, variant, field);
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

function pointerEscape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
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
