/**
 * Bedrock's rules on JSON schemas inside an OpenAPI document: property types in bodies
 * and responses (aws-behaviour.md §4.2), `enum` and schema composition anywhere.
 */
import type { DocumentSet, SchemaDocument } from "./documents.js";
import type { Findings } from "./findings.js";
import { child, deref, isObject, type Located } from "./refs.js";

const COMPOSITION = ["oneOf", "anyOf", "allOf"] as const;
/** Keys holding literal data or vendor extensions: nothing inside is a schema keyword. */
const LITERAL_KEYS = new Set(["example", "examples", "default", "const"]);
/** Keys whose object value maps user-chosen names (which may be "enum") to objects. */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "definitions",
  "schemas",
  "paths",
  "responses",
  "content",
  "headers",
  "requestBodies",
  "securitySchemes",
  "links",
  "callbacks",
  "encoding",
]);
const MAX_DEPTH = 32;

export function checkResponses(set: DocumentSet, responsesAt: Located, label: string, f: Findings): void {
  if (!isObject(responsesAt.value)) return;
  for (const code of Object.keys(responsesAt.value)) {
    if (code.startsWith("x-")) continue;
    const response = deref(set, child(responsesAt, code));
    if (!response || !isObject(response.value)) continue;
    const content = child(response, "content");
    if (!isObject(content.value)) continue; // §4.2 samples ship error responses with a description only
    for (const mediaType of Object.keys(content.value)) {
      const media = child(content, mediaType);
      const schema = child(media, "schema");
      if (schema.value === undefined) {
        // §4.2 says each response content needs a schema, yet public samples deployed to
        // Bedrock ship `"application/json": {}` (Powertools output; corpus: yfin
        // etf_service.json / sector_service.json), so this is a warning.
        f.warn(
          media,
          "openapi/response-schema-missing",
          `Response ${code} of ${label} declares ${mediaType} without a schema.`,
          "Add a schema with typed properties so the agent knows what comes back.",
        );
      } else {
        checkResponseSchemaType(set, schema, code, label, f);
        checkPropertyTypes(set, schema, `response ${code} of ${label}`, f);
      }
    }
  }
}

/** Keywords that say what a schema holds even without `type`. */
const SHAPE_KEYWORDS = ["type", "properties", "items", "additionalProperties", ...COMPOSITION];

/**
 * §4.2: a response's schema tells the agent what comes back. `schema: {}` (or one with
 * only a description) is valid OpenAPI but tells it nothing; a warning, since Bedrock is
 * not known to refuse it.
 */
function checkResponseSchemaType(
  set: DocumentSet,
  schemaAt: Located,
  code: string,
  label: string,
  f: Findings,
): void {
  const schema = deref(set, schemaAt);
  if (!schema || !isObject(schema.value)) return;
  if (SHAPE_KEYWORDS.some((k) => k in (schema.value as object))) return;
  f.warn(
    schema,
    "openapi/response-schema-untyped",
    `The schema of response ${code} of ${label} has no type: the agent is told nothing about what comes back.`,
    "Give it a type, e.g. type: object with typed properties, or type: string.",
  );
}

export function checkBodySchema(set: DocumentSet, schemaAt: Located, label: string, f: Findings): void {
  const schema = deref(set, schemaAt);
  if (!schema || !isObject(schema.value)) return;
  const type = schema.value.type;
  if (type !== undefined && type !== "object") {
    // §4.3: the Lambda receives the body as requestBody.content.<mediaType>.properties,
    // a list of {name,type,value}; a body that is not an object has no properties to list.
    f.warn(
      child(schema, "type"),
      "openapi/request-body-not-object",
      `The request body of ${label} is of type ${JSON.stringify(type)}; Bedrock passes bodies to the action as a list of object properties.`,
      "Wrap the value in an object with a named property.",
      "value",
    );
  }
  checkPropertyTypes(set, schemaAt, `the request body of ${label}`, f);
}

/** §4.2: in request bodies and responses "each property needs a type". */
function checkPropertyTypes(
  set: DocumentSet,
  schemaAt: Located,
  context: string,
  f: Findings,
  seen = new Set<string>(),
  depth = 0,
): void {
  const schema = deref(set, schemaAt);
  if (!schema || !isObject(schema.value) || depth > MAX_DEPTH) return;
  const key = `${schema.doc.file}#${JSON.stringify(schema.path)}`;
  if (seen.has(key)) return; // the same component reached twice, or a cycle (reported by checkRefs)
  seen.add(key);

  const props = child(schema, "properties");
  if (isObject(props.value)) {
    for (const name of Object.keys(props.value)) {
      // A broken `$ref` is checkRefs' to report, not a property without a type.
      const prop = deref(set, child(props, name));
      if (!prop || !isObject(prop.value)) continue;
      if (prop.value.type === undefined && !COMPOSITION.some((k) => k in (prop.value as object))) {
        f.error(
          prop,
          "openapi/property-type-missing",
          `Property "${name}" in ${context} has no type.`,
          "Give it a type (string, number, integer, boolean, array or object); Bedrock passes each value with its type.",
        );
      }
      checkPropertyTypes(set, prop, context, f, seen, depth + 1);
    }
  }
  for (const nested of ["items", "additionalProperties"]) {
    const inner = child(schema, nested);
    if (isObject(inner.value)) checkPropertyTypes(set, inner, context, f, seen, depth + 1);
  }
}

/** `enum` and composition keywords, wherever a schema can be: each document once, refs not followed. */
export function checkSchemaKeywords(docs: SchemaDocument[], f: Findings): void {
  for (const doc of docs) walk({ doc, path: [], value: doc.value }, f, 0);
}

function walk(at: Located, f: Findings, depth: number): void {
  if (depth > 200) return;
  if (Array.isArray(at.value)) {
    for (let i = 0; i < at.value.length; i++) walk(child(at, i), f, depth + 1);
    return;
  }
  if (!isObject(at.value)) return;
  for (const key of Object.keys(at.value)) {
    if (key.startsWith("x-") || LITERAL_KEYS.has(key) || key === "$ref") continue;
    const inner = child(at, key);
    if (NAME_MAPS.has(key) && isObject(inner.value)) {
      for (const name of Object.keys(inner.value)) walk(child(inner, name), f, depth + 1);
      continue;
    }
    if (key === "enum" && Array.isArray(inner.value)) {
      // §4.2 [D]: "Unsupported: enum for restricting parameter values".
      const values = inner.value.map((v) => JSON.stringify(v)).join(", ");
      f.warn(
        inner,
        "openapi/enum-unsupported",
        "Bedrock action groups do not support enum.",
        `List the allowed values in the description instead, e.g. "One of: ${values}."`,
      );
      continue;
    }
    if ((COMPOSITION as readonly string[]).includes(key)) {
      // §4.2 / §8: composition is "not documented as supported" [C]. A warning, not an
      // error: Powertools-generated schemas that public samples deploy use anyOf
      // (corpus: public-sector AWSArtifactAgent, yfin).
      f.warn(
        inner,
        "openapi/schema-composition",
        `${key} is not documented as supported by Bedrock action groups.`,
        "Prefer one plain type and describe the alternatives in the description.",
      );
    }
    walk(inner, f, depth + 1);
  }
}
