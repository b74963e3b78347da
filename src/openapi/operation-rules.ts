/**
 * Bedrock's rules on each operation (aws-behaviour.md §4.2 unless said otherwise):
 * operationId, tool-name length, descriptions, request bodies, confirmation flag.
 */
import type { DocumentSet } from "./documents.js";
import type { Findings } from "./findings.js";
import { MAX_TOOL_NAME_LENGTH, OPERATION_ID_PATTERN, opaqueBedrockError, openApiToolName } from "./limits.js";
import { checkPathTemplate } from "./path-parameter-rules.js";
import { child, deref, isObject, type Located } from "./refs.js";
import { checkBodySchema, checkResponses } from "./schema-rules.js";
import { hasUnresolvedParameters, type OperationSite, operationSites, parametersOf } from "./walk.js";

/** §4.2's wording: operationId is "required for newer tool-use models such as Claude 3.5 Sonnet or Llama". */
const TOOL_USE_MODELS = "tool-use models such as Anthropic Claude 3.5 Sonnet or Meta Llama";

export function checkOperations(set: DocumentSet, actionGroupName: string, f: Findings): void {
  const opaque = opaqueBedrockError(actionGroupName);
  const firstSeen = new Map<string, OperationSite>();
  for (const site of operationSites(set)) {
    const label = `${site.method.toUpperCase()} ${site.path}`;
    const methodAt = site.at;
    if (!isObject(site.at.value)) continue; // the structural check reports non-object operations

    checkOperationId(site, label, actionGroupName, firstSeen, f);

    // §4.2: each operation needs a `description` (it tells the model when to call it).
    // Community reports quote Bedrock's answer: "… 'description' is missing for path: …".
    // A description of the wrong type is the structural check's to report.
    const description = child(site.at, "description");
    if (description.value === undefined || isBlank(description.value)) {
      const summary = typeof site.at.value.summary === "string";
      f.error(
        description.value === undefined ? methodAt : description,
        "openapi/operation-description-missing",
        `${label} has ${description.value === undefined ? "no" : "an empty"} description${summary ? " (summary is not used in its place)" : ""}.`,
        `Say what the operation does and when the agent should call it. ${opaqueBedrockError(actionGroupName, `'description' is missing for path: ${site.path}`)}`,
      );
    }

    // §4.2: "requestBody (omit for GET and DELETE)".
    const body = child(site.at, "requestBody");
    if (body.value !== undefined && (site.method === "get" || site.method === "delete")) {
      f.error(
        body,
        "openapi/request-body-not-allowed",
        `${label} has a requestBody; Bedrock does not accept one on ${site.method.toUpperCase()}.`,
        "Move the fields to parameters, or use POST/PUT.",
      );
    } else if (body.value !== undefined) {
      checkRequestBody(set, body, label, f);
    }

    // §4.2: x-requireConfirmation is ENABLED|DISABLED (the same enum as a function's
    // requireConfirmation in the API model, §4.1).
    const confirm = child(site.at, "x-requireConfirmation");
    if (confirm.value !== undefined && confirm.value !== "ENABLED" && confirm.value !== "DISABLED") {
      f.error(
        confirm,
        "openapi/require-confirmation-invalid",
        `x-requireConfirmation is ${JSON.stringify(confirm.value)}; it must be ENABLED or DISABLED.`,
        "Write x-requireConfirmation: ENABLED (ask the user before calling) or DISABLED (the default).",
        "value",
      );
    }

    const params = parametersOf(set, site);
    // A parameter behind a broken $ref may be the one a placeholder needs: the ref is reported.
    if (!hasUnresolvedParameters(set, site)) checkPathTemplate(site, params, label, f);
    for (const param of params) {
      if (!isObject(param.value)) continue;
      // §4.2 lists a parameter's `schema` as optional for Bedrock (OpenAPI 3.0 requires
      // schema or content): without one the agent only knows to send a string.
      if (param.value.schema === undefined && param.value.content === undefined) {
        const name = typeof param.value.name === "string" ? param.value.name : "?";
        f.warn(
          param,
          "openapi/parameter-schema-missing",
          `Parameter "${name}" of ${label} has no schema.`,
          "Add schema: {type: ...}; without it the value is sent as an untyped string and OpenAPI tools reject the document.",
          "value",
        );
      }
      // §4.2: parameters[].description is **required** (used to elicit the value).
      const pd = child(param, "description");
      if (pd.value === undefined || isBlank(pd.value)) {
        const name = typeof param.value.name === "string" ? param.value.name : "?";
        f.error(
          pd.value === undefined ? param : pd,
          "openapi/parameter-description-missing",
          `Parameter "${name}" of ${label} has ${pd.value === undefined ? "no" : "an empty"} description.`,
          `Bedrock requires one on the parameter itself (not inside its schema); the agent uses it to ask for the value. ${opaque}`,
          pd.value === undefined ? "value" : "key",
        );
      }
    }

    // §4.2: responses are optional for Bedrock (though OpenAPI requires them).
    const responses = child(site.at, "responses");
    if (responses.value === undefined) {
      f.warn(
        methodAt,
        "openapi/responses-missing",
        `${label} has no responses.`,
        "Describe what the operation returns so the agent can use the result.",
      );
    } else if (isObject(responses.value) && !Object.keys(responses.value).some((k) => !k.startsWith("x-"))) {
      // OpenAPI wants at least one response, but Bedrock documents responses as optional,
      // so an empty object is reported like a missing one.
      f.warn(
        responses,
        "openapi/responses-empty",
        `${label} declares no responses ("responses" is empty).`,
        'Describe what the operation returns, e.g. "200": {description: ..., content: {application/json: {schema: {type: object, properties: ...}}}}, so the agent can read the result.',
      );
    } else {
      checkResponses(set, responses, label, f);
    }
  }
}

function checkOperationId(
  site: OperationSite,
  label: string,
  actionGroupName: string,
  firstSeen: Map<string, OperationSite>,
  f: Findings,
): void {
  const id = child(site.at, "operationId");
  if (id.value === undefined) {
    // §4.2: documented as required for newer tool-use models; Bedrock refuses the action
    // group without it (public reports: build-on-aws/bedrock-agents-streamlit#34).
    f.error(
      site.at,
      "openapi/operation-id-missing",
      `${label} has no operationId.`,
      `Bedrock requires operationId for ${TOOL_USE_MODELS}; add a unique one such as operationId: ${suggestId(site)}.`,
    );
    return;
  }
  if (typeof id.value !== "string" || !OPERATION_ID_PATTERN.test(id.value)) {
    // §4.2: "alphanumerics with -/_ only".
    f.error(
      id,
      "openapi/operation-id-invalid",
      `operationId ${JSON.stringify(id.value)} may only contain letters, digits, "_" and "-".`,
      `Rename it, e.g. ${suggestId(site)}.`,
      "value",
    );
    return;
  }
  const first = firstSeen.get(id.value);
  if (first) {
    // §4.2: operationId is unique across the schema; two operations would become the same tool.
    const where = first.at.doc.locate([...first.at.path, "operationId"]);
    f.error(
      id,
      "openapi/operation-id-duplicate",
      `operationId "${id.value}" is already used by ${first.method.toUpperCase()} ${first.path} (line ${where.line}).`,
      "Give every operation its own operationId: the agent calls operations by it.",
      "value",
    );
  } else {
    firstSeen.set(id.value, site);
  }
  const tool = openApiToolName(site.method, actionGroupName, id.value);
  if (tool.length > MAX_TOOL_NAME_LENGTH) {
    f.error(
      id,
      "openapi/tool-name-too-long",
      `The agent's tool name "${tool}" is ${tool.length} characters; tool-use models accept at most ${MAX_TOOL_NAME_LENGTH}.`,
      `Bedrock names the tool httpVerb__actionGroupName__operationId; shorten the operationId or the action group name by ${tool.length - MAX_TOOL_NAME_LENGTH}.`,
      "value",
    );
  }
}

function checkRequestBody(set: DocumentSet, bodyAt: Located, label: string, f: Findings): void {
  const body = deref(set, bodyAt);
  if (!body || !isObject(body.value)) return;
  const content = child(body, "content");
  if (!isObject(content.value)) return; // required by OpenAPI: the structural check reports it
  for (const mediaType of Object.keys(content.value)) {
    const media = child(content, mediaType);
    // Undocumented either way: §4.2's examples only use application/json, while the
    // Lambda event keys the body by media type (§4.3 requestBody.content.<mediaType>),
    // so other types are passed through. Warn, since the agent fills only JSON-like
    // properties (a flat name/type/value list).
    if (mediaType !== "application/json") {
      f.warn(
        media,
        "openapi/request-media-type",
        `${label} has a "${mediaType}" request body; Bedrock documents only application/json bodies.`,
        "The agent sends body properties as name/type/value lists; prefer application/json.",
      );
    }
    const schema = child(media, "schema");
    if (schema.value !== undefined) checkBodySchema(set, schema, label, f);
  }
}

function isBlank(v: unknown): boolean {
  return typeof v === "string" && v.trim() === "";
}

function suggestId(site: OperationSite): string {
  const words = site.path.split(/[^a-zA-Z0-9]+/).filter(Boolean);
  return site.method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}
