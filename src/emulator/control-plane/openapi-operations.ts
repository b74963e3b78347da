import { yaml } from "../../lazy-libraries.js";

/**
 * What PrepareAgent and the quota checks need from an action group's OpenAPI
 * payload (§4.2): its operations, and why Bedrock would refuse it. This is a
 * deliberately small reading of the documented rules, not a full OpenAPI
 * validator (agentctl's own `validate` command does the thorough job).
 */
export interface OpenApiOperation {
  method: string;
  path: string;
  operationId?: string;
}

export interface OpenApiReading {
  operations: OpenApiOperation[];
  problems: string[];
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function parsePayload(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    // not JSON; YAML below
  }
  try {
    return { value: yaml().parse(text) };
  } catch (err) {
    return { error: (err as Error).message.split("\n")[0] };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export function readOpenApiPayload(text: string): OpenApiReading {
  const parsed = parsePayload(text);
  if (parsed.error !== undefined) {
    return {
      operations: [],
      problems: [`the OpenAPI schema is neither valid JSON nor valid YAML (${parsed.error})`],
    };
  }
  const doc = parsed.value;
  if (!isObject(doc)) return { operations: [], problems: ["the OpenAPI schema is not an object"] };
  const problems: string[] = [];
  const version = doc.openapi;
  if (typeof version !== "string" || !/^3\.\d+\.\d+$/.test(version)) {
    problems.push('the OpenAPI schema must declare "openapi": "3.0.0"');
  }
  const paths = doc.paths;
  if (!isObject(paths) || Object.keys(paths).length === 0) {
    problems.push("the OpenAPI schema has no paths");
    return { operations: [], problems };
  }
  const operations: OpenApiOperation[] = [];
  const seenIds = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith("/")) problems.push(`path "${path}" does not begin with "/"`);
    if (!isObject(item)) {
      problems.push(`path "${path}" is not an object`);
      continue;
    }
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      if (!isObject(op)) {
        problems.push(`${method.toUpperCase()} ${path} is not an object`);
        continue;
      }
      const operationId = typeof op.operationId === "string" ? op.operationId : undefined;
      operations.push({ method, path, ...(operationId ? { operationId } : {}) });
      if (operationId === undefined) {
        problems.push(`${method.toUpperCase()} ${path} has no operationId`);
      } else if (seenIds.has(operationId)) {
        problems.push(`operationId "${operationId}" is used more than once`);
      } else {
        seenIds.add(operationId);
      }
      if (typeof op.description !== "string" || op.description.trim() === "") {
        problems.push(
          `${method.toUpperCase()} ${path} has no description (the model needs it to decide when to call the API)`,
        );
      }
    }
  }
  if (operations.length === 0) problems.push("the OpenAPI schema defines no operations");
  return { operations, problems };
}
