/**
 * The operations of a schema, in the shape a runtime needs to build the Lambda event
 * of aws-behaviour.md §4.3 (`apiPath`, `httpMethod`, `parameters[{name,type,value}]`,
 * `requestBody.content.<mediaType>.properties[{name,type,value}]`).
 */
import type { DocumentSet } from "./documents.js";
import { child, deref, isObject, type Located } from "./refs.js";
import type { BodyPropertyInfo, OperationInfo, ParameterInfo, RequestBodyInfo, ValueType } from "./types.js";
import { operationSites, parametersOf } from "./walk.js";

const VALUE_TYPES: readonly string[] = ["string", "number", "integer", "boolean", "array", "object"];

export function extractOperations(set: DocumentSet): OperationInfo[] {
  const operations: OperationInfo[] = [];
  for (const site of operationSites(set)) {
    if (!isObject(site.at.value)) continue;
    const op = site.at.value;
    const parameters: ParameterInfo[] = [];
    for (const p of parametersOf(set, site)) {
      if (!isObject(p.value) || typeof p.value.name !== "string") continue;
      const where = typeof p.value.in === "string" ? p.value.in : "query";
      parameters.push({
        name: p.value.name,
        in: where,
        type: typeOf(set, child(p, "schema")),
        // OpenAPI: path parameters are always required.
        required: p.value.required === true || where === "path",
        ...(typeof p.value.description === "string" ? { description: p.value.description } : {}),
      });
    }
    const requestBody = requestBodyOf(set, child(site.at, "requestBody"));
    operations.push({
      ...(typeof op.operationId === "string" ? { operationId: op.operationId } : {}),
      method: site.method.toUpperCase(),
      path: site.path,
      ...(typeof op.description === "string" ? { description: op.description } : {}),
      requireConfirmation: op["x-requireConfirmation"] === "ENABLED",
      parameters,
      ...(requestBody ? { requestBody } : {}),
    });
  }
  return operations;
}

function requestBodyOf(set: DocumentSet, bodyAt: Located): RequestBodyInfo | undefined {
  const body = deref(set, bodyAt);
  if (!body || !isObject(body.value)) return undefined;
  const content: RequestBodyInfo["content"] = {};
  const media = child(body, "content");
  if (isObject(media.value)) {
    for (const mediaType of Object.keys(media.value)) {
      content[mediaType] = { properties: bodyProperties(set, child(child(media, mediaType), "schema")) };
    }
  }
  return { required: body.value.required === true, content };
}

function bodyProperties(set: DocumentSet, schemaAt: Located): BodyPropertyInfo[] {
  const schema = deref(set, schemaAt);
  if (!schema || !isObject(schema.value)) return [];
  const required = Array.isArray(schema.value.required) ? schema.value.required : [];
  const props = child(schema, "properties");
  if (!isObject(props.value)) return [];
  return Object.keys(props.value).map((name) => {
    const prop = deref(set, child(props, name));
    const description = isObject(prop?.value) ? prop.value.description : undefined;
    return {
      name,
      type: prop ? typeOf(set, prop) : "string",
      required: required.includes(name),
      ...(typeof description === "string" ? { description } : {}),
    };
  });
}

/** The schema's type as the Lambda event names it; `string` when untyped (§4.2: every value is relayed as a string anyway). */
function typeOf(set: DocumentSet, schemaAt: Located): ValueType {
  const schema = deref(set, schemaAt);
  const type = isObject(schema?.value) ? schema.value.type : undefined;
  return typeof type === "string" && VALUE_TYPES.includes(type) ? (type as ValueType) : "string";
}
