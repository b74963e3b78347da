/**
 * Validates a parsed (and interpolated) manifest against its JSON Schema with ajv. The validators
 * are generated at build time (src/precompiled/); `--help` loads none of this.
 */
import type { ValidateFunction } from "ajv";
import type { Diagnostic } from "../diagnostics.js";
import { validatorsOf } from "../precompiled/load.js";
import { MANIFEST_SET } from "../precompiled/validator-sets.js";
import { pointerToPath } from "./property-path.js";
import { type Locator, type SchemaCheckContext, schemaErrorsToDiagnostics } from "./schema-errors.js";
import type { SchemaKind } from "./schema-files.js";
import type { PropertyPath } from "./types.js";

function validatorFor(kind: SchemaKind): ValidateFunction {
  const validate = validatorsOf(MANIFEST_SET).get(kind);
  if (!validate) throw new Error(`no manifest schema named ${kind}`);
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
