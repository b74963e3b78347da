/**
 * Validates a parsed (and interpolated) manifest against its JSON Schema with ajv. The validators
 * are compiled on first use only: compiling costs more than validating, and `--help` needs neither.
 */
import { Ajv, type ValidateFunction } from "ajv";
import type { Diagnostic } from "../diagnostics.js";
import { pointerToPath } from "./property-path.js";
import { type Locator, type SchemaCheckContext, schemaErrorsToDiagnostics } from "./schema-errors.js";
import { readManifestSchema, type SchemaKind } from "./schema-files.js";
import type { PropertyPath } from "./types.js";

let ajv: Ajv | undefined;
const validators = new Map<SchemaKind, ValidateFunction>();

function createAjv(): Ajv {
  const instance = new Ajv({
    allErrors: true,
    // `parentSchema` and `data` on each error let messages quote limits and values.
    verbose: true,
    strict: true,
    // Field combinations are written as `required` inside `oneOf`/`not` for properties declared
    // by the enclosing object; strictRequired cannot see those and would reject the schema.
    strictRequired: false,
    allowUnionTypes: true,
  });
  // VS Code / yaml-language-server keywords: the same messages in the editor and the CLI.
  instance.addVocabulary(["patternErrorMessage", "errorMessage"]);
  return instance;
}

function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = validators.get(kind);
  if (validate === undefined) {
    ajv ??= createAjv();
    validate = ajv.compile(readManifestSchema(kind));
    validators.set(kind, validate);
  }
  return validate;
}

/** Diagnostics for every schema violation in `value` (empty when it conforms). */
export function checkAgainstSchema(
  kind: SchemaKind,
  value: unknown,
  doc: Locator,
  context: SchemaCheckContext = {},
): Diagnostic[] {
  return checkAgainstSchemaWithPaths(kind, value, doc, context).diagnostics;
}

/**
 * Also answers which values fail their own checks (type, pattern, range…), so a loader can keep
 * the parts that pass. Unknown and missing fields are left out: ajv reports them at the parent,
 * whose other fields are still good.
 */
export function checkAgainstSchemaWithPaths(
  kind: SchemaKind,
  value: unknown,
  doc: Locator,
  context: SchemaCheckContext = {},
): { diagnostics: Diagnostic[]; invalidPaths: PropertyPath[] } {
  const validate = validatorFor(kind);
  if (validate(value)) return { diagnostics: [], invalidPaths: [] };
  const errors = validate.errors ?? [];
  return {
    diagnostics: schemaErrorsToDiagnostics(errors, value, doc, context),
    invalidPaths: errors
      .filter((e) => e.keyword !== "additionalProperties" && e.keyword !== "required")
      .map((e) => pointerToPath(e.instancePath, value)),
  };
}
