/**
 * Bedrock's rules on the document as a whole: version, `paths`, operation count, size.
 * Each rule cites the aws-behaviour.md fact that decides it.
 */
import type { DocumentSet } from "./documents.js";
import { Findings } from "./findings.js";
import { MAX_APIS_PER_ACTION_GROUP, opaqueBedrockError, SCHEMA_SIZE_WARNING_CHARS } from "./limits.js";
import { child, isObject, type Located } from "./refs.js";
import { recogniseToolDefinition, toolDefinitionHint, toolDefinitionMessage } from "./tool-definition.js";
import { operationSites, pathsOf } from "./walk.js";

export interface DocumentVerdict {
  findings: Findings;
  /** False when the document is not an OpenAPI 3 document with paths: operation rules would only add noise. */
  hasOperations: boolean;
  /** True when it is something else altogether (a tool definition): no OpenAPI rule applies. */
  foreign?: boolean;
}

export function checkDocument(
  set: DocumentSet,
  actionGroupName: string,
  textLength: number,
): DocumentVerdict {
  const f = new Findings();
  const rootAt: Located = { doc: set.root, path: [], value: set.root.value };
  const root = set.root.value as Record<string, unknown>;
  const opaque = opaqueBedrockError(actionGroupName);

  if (textLength > SCHEMA_SIZE_WARNING_CHARS) {
    f.warn(
      rootAt,
      "openapi/schema-size",
      `The schema is ${textLength.toLocaleString("en-US")} characters; past ${SCHEMA_SIZE_WARNING_CHARS.toLocaleString("en-US")} it may not fit Bedrock's prompts (the exact limit is undocumented and unverified).`,
      "Every operation, parameter and description is sent to the model on each turn: trim descriptions or split the group.",
      "value",
    );
  }

  // §4.2: "openapi is required and the documentation says it must be 3.0.0"; Swagger 2.0 is
  // a different document shape altogether, so the Bedrock rules below stop here.
  if (root.swagger !== undefined && root.openapi === undefined) {
    f.error(
      child(rootAt, "swagger"),
      "openapi/version-unsupported",
      `Swagger ${String(root.swagger)} documents are not accepted; Bedrock action groups need OpenAPI 3.0.0.`,
      `Convert the document to OpenAPI 3.0 (for example with swagger2openapi) and set openapi: "3.0.0". ${opaque}`,
    );
    return { findings: f, hasOperations: false };
  }
  const version = child(rootAt, "openapi");
  // Tutorials present tool-use definitions ({name, inputSchema}) as "the OpenAPI schema"
  // of an action; "no openapi version" would not tell the user what went wrong.
  const tools = version.value === undefined ? recogniseToolDefinition(root) : undefined;
  if (tools) {
    f.error(
      tools.key === undefined ? rootAt : child(rootAt, tools.key),
      "openapi/tool-definition",
      toolDefinitionMessage(tools),
      toolDefinitionHint(tools),
      tools.key === undefined ? "value" : "key",
    );
    return { findings: f, hasOperations: false, foreign: true };
  }
  if (version.value === undefined) {
    // §4.2: "openapi" is required.
    f.error(
      rootAt,
      "openapi/version-missing",
      'The document has no "openapi" version.',
      `Add openapi: "3.0.0" at the top. ${opaque}`,
      "value",
    );
    return { findings: f, hasOperations: false };
  }
  if (typeof version.value !== "string") {
    // YAML reads `openapi: 3.0` as the number 3 — a classic mistake.
    f.error(
      version,
      "openapi/version-invalid",
      `"openapi" must be a string, not ${JSON.stringify(version.value)}.`,
      'Quote it: openapi: "3.0.0".',
      "value",
    );
    return { findings: f, hasOperations: false };
  }
  // §4.2 documents "3.0.0" only; 3.0.1–3.0.4 are patch releases of the same format and
  // public samples deploy 3.0.3 (Powertools' generator emits it; corpus: hr-assistant
  // calendar-action-group.json, yfin, public-sector), so they pass without a diagnostic.
  // 3.1 changes schema semantics (type arrays instead of nullable, numeric
  // exclusiveMinimum) and is outside what the docs say Bedrock reads: refuse it. §8 lists
  // "OpenAPI 3.0.x other than 3.0.0" as unverified, and 3.1 is not tolerated by any sample.
  if (!/^3\.0\.\d+$/.test(version.value)) {
    f.error(
      version,
      "openapi/version-unsupported",
      `OpenAPI ${version.value} is not supported by Bedrock action groups; use 3.0.0.`,
      `Set openapi: "3.0.0"${version.value.startsWith("3.1") ? " and replace 3.1-only constructs (type: [..., null] → nullable: true)" : ""}. ${opaque}`,
      "value",
    );
    if (!version.value.startsWith("3.")) return { findings: f, hasOperations: false };
  }

  // OpenAPI 3.0 requires `info`, but §4.2's general format (from the Bedrock docs) omits
  // it, so its absence is a warning rather than an error.
  if (root.info === undefined) {
    f.warn(
      rootAt,
      "openapi/info-missing",
      'The document has no "info" object.',
      'Add info: {title: ..., version: "1.0.0"}; OpenAPI tools expect it.',
      "value",
    );
  }

  const paths = pathsOf(set);
  if (!isObject(paths.value)) {
    // §4.2: "paths required".
    f.error(
      paths.value === undefined ? rootAt : paths,
      "openapi/paths-missing",
      paths.value === undefined
        ? 'The document has no "paths".'
        : '"paths" must be an object of path → operations.',
      `Each action is an operation under paths, e.g. paths: {"/weather/{city}": {get: {...}}}. ${opaque}`,
      paths.value === undefined ? "value" : "key",
    );
    return { findings: f, hasOperations: false };
  }
  for (const key of Object.keys(paths.value)) {
    // §4.2: "every path key begins with /".
    if (!key.startsWith("/") && !key.startsWith("x-")) {
      f.error(
        child(paths, key),
        "openapi/path-invalid",
        `Path "${key}" must begin with "/".`,
        `Write it as "/${key}". ${opaque}`,
      );
    }
  }
  const count = operationSites(set).length;
  if (count === 0) {
    f.warn(
      paths,
      "openapi/no-operations",
      "The schema defines no operations: the agent gets no actions from this group.",
      "Add at least one operation (get, post, ...) under a path.",
    );
  } else if (count > MAX_APIS_PER_ACTION_GROUP) {
    // §3.4 / §4.2: up to 11 API operations per action group.
    f.error(
      paths,
      "openapi/too-many-operations",
      `The schema defines ${count} operations; an action group may have at most ${MAX_APIS_PER_ACTION_GROUP}.`,
      'Split the operations across several action groups (the "APIs per Agent" quota, 11 by default, still applies to the agent as a whole).',
    );
  }
  return { findings: f, hasOperations: true };
}
