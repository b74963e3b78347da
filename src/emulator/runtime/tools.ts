/**
 * The tools an agent's model may call, built from its snapshot the way Bedrock presents them
 * (tool names as in real traces: `GET__WeatherApi__getWeather`, `group__function`,
 * `AgentCommunication__sendMessage`, `user__askuser`, `GET__x_amz_knowledgebase_<ID>__Search`).
 * Adapters see names, descriptions and JSON schemas; the loop resolves a call back to its target.
 */
import { yaml } from "../../lazy-libraries.js";
import type { StoredActionGroup } from "../store/index.js";
import type { AgentSnapshot } from "./snapshot.js";

export interface ParamSpec {
  name: string;
  type: string;
  description?: string;
  required: boolean;
}

interface ExecutorInfo {
  actionGroupName: string;
  executionType: "LAMBDA" | "RETURN_CONTROL";
  lambdaArn?: string;
  requireConfirmation: boolean;
}

export type ToolTarget =
  | ({
      kind: "api";
      verb: string;
      apiPath: string;
      operationId: string;
      parameters: ParamSpec[];
      body?: { mediaType: string; properties: ParamSpec[] };
    } & ExecutorInfo)
  | ({ kind: "function"; functionName: string; parameters: ParamSpec[] } & ExecutorInfo)
  | { kind: "collaborators"; names: string[] }
  | { kind: "knowledgeBase"; knowledgeBaseId: string }
  | { kind: "userInput" };

export interface Tool {
  name: string;
  description: string;
  /** JSON Schema of the input object. */
  inputSchema: { type: "object"; properties: Record<string, unknown>; required: string[] };
  target: ToolTarget;
}

export const COLLABORATOR_TOOL = "AgentCommunication__sendMessage";
export const USER_INPUT_TOOL = "user__askuser";

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function parseDocument(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (isObject(value)) return value;
  } catch {
    // YAML below
  }
  const value = yaml().parse(text) as unknown;
  return isObject(value) ? value : {};
}

/** Follows a local `#/components/...` reference (the only kind an inline payload can hold). */
function deref(doc: Record<string, unknown>, value: unknown, depth = 0): unknown {
  if (!isObject(value) || typeof value.$ref !== "string" || depth > 8) return value;
  const parts = value.$ref.replace(/^#\//, "").split("/");
  let node: unknown = doc;
  for (const part of parts)
    node = isObject(node) ? node[part.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined;
  return deref(doc, node, depth + 1);
}

function schemaProperties(doc: Record<string, unknown>, schema: unknown): ParamSpec[] {
  const resolved = deref(doc, schema);
  if (!isObject(resolved) || !isObject(resolved.properties)) return [];
  const required = Array.isArray(resolved.required) ? resolved.required : [];
  return Object.entries(resolved.properties).map(([name, raw]) => {
    const prop = deref(doc, raw);
    const p = isObject(prop) ? prop : {};
    return {
      name,
      type: typeof p.type === "string" ? p.type : "string",
      ...(typeof p.description === "string" ? { description: p.description } : {}),
      required: required.includes(name),
    };
  });
}

function executorOf(group: StoredActionGroup, requireConfirmation: boolean): ExecutorInfo {
  const executor = group.actionGroupExecutor ?? {};
  const lambda = typeof executor.lambda === "string" ? executor.lambda : undefined;
  return {
    actionGroupName: group.actionGroupName,
    executionType: lambda ? "LAMBDA" : "RETURN_CONTROL",
    ...(lambda ? { lambdaArn: lambda } : {}),
    requireConfirmation,
  };
}

function inputSchemaOf(params: ParamSpec[]): Tool["inputSchema"] {
  const properties: Record<string, unknown> = {};
  for (const p of params) {
    properties[p.name] = { type: p.type, ...(p.description ? { description: p.description } : {}) };
  }
  return { type: "object", properties, required: params.filter((p) => p.required).map((p) => p.name) };
}

function apiTools(group: StoredActionGroup): Tool[] {
  const payload = group.apiSchema?.payload;
  if (typeof payload !== "string") return [];
  const doc = parseDocument(payload);
  const tools: Tool[] = [];
  for (const [apiPath, rawItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const item = deref(doc, rawItem);
    if (!isObject(item)) continue;
    for (const verb of HTTP_METHODS) {
      const op = item[verb];
      if (!isObject(op)) continue;
      const operationId = typeof op.operationId === "string" ? op.operationId : `${verb}${apiPath}`;
      const rawParams = [
        ...(Array.isArray(item.parameters) ? item.parameters : []),
        ...(Array.isArray(op.parameters) ? op.parameters : []),
      ];
      const parameters: ParamSpec[] = rawParams.map((raw) => {
        const p = deref(doc, raw) as Record<string, unknown>;
        const schema = deref(doc, p.schema) as Record<string, unknown> | undefined;
        return {
          name: String(p.name),
          type: typeof schema?.type === "string" ? schema.type : "string",
          ...(typeof p.description === "string" ? { description: p.description } : {}),
          required: p.required === true,
        };
      });
      const requestBody = deref(doc, op.requestBody);
      let body: { mediaType: string; properties: ParamSpec[] } | undefined;
      if (isObject(requestBody) && isObject(requestBody.content)) {
        const [mediaType, media] = Object.entries(requestBody.content)[0] ?? [];
        if (mediaType)
          body = { mediaType, properties: schemaProperties(doc, isObject(media) ? media.schema : undefined) };
      }
      const confirm = op["x-requireConfirmation"] === "ENABLED";
      tools.push({
        name: `${verb.toUpperCase()}__${group.actionGroupName}__${operationId}`,
        description: String(op.description ?? op.summary ?? ""),
        inputSchema: inputSchemaOf([...parameters, ...(body?.properties ?? [])]),
        target: {
          kind: "api",
          verb,
          apiPath,
          operationId,
          parameters,
          ...(body ? { body } : {}),
          ...executorOf(group, confirm),
        },
      });
    }
  }
  return tools;
}

function functionTools(group: StoredActionGroup): Tool[] {
  const functions = group.functionSchema?.functions;
  if (!Array.isArray(functions)) return [];
  return functions.filter(isObject).map((fn) => {
    const parameters: ParamSpec[] = Object.entries(isObject(fn.parameters) ? fn.parameters : {}).map(
      ([name, raw]) => {
        const p = isObject(raw) ? raw : {};
        return {
          name,
          type: typeof p.type === "string" ? p.type : "string",
          ...(typeof p.description === "string" ? { description: p.description } : {}),
          required: p.required === true,
        };
      },
    );
    return {
      name: `${group.actionGroupName}__${String(fn.name)}`,
      description: String(fn.description ?? ""),
      inputSchema: inputSchemaOf(parameters),
      target: {
        kind: "function",
        functionName: String(fn.name),
        parameters,
        ...executorOf(group, fn.requireConfirmation === "ENABLED"),
      },
    };
  });
}

export function buildTools(snapshot: AgentSnapshot): Tool[] {
  const tools: Tool[] = [];
  for (const group of snapshot.actionGroups) {
    if (group.parentActionSignature === "AMAZON.UserInput") {
      tools.push({
        name: USER_INPUT_TOOL,
        description: "Ask the user for information that is missing to complete the request.",
        inputSchema: {
          type: "object",
          properties: { question: { type: "string", description: "The question to ask the user" } },
          required: ["question"],
        },
        target: { kind: "userInput" },
      });
    } else if (group.parentActionSignature === undefined) {
      tools.push(...apiTools(group), ...functionTools(group));
    }
  }
  for (const kb of snapshot.knowledgeBases) {
    tools.push({
      name: `GET__x_amz_knowledgebase_${kb.knowledgeBaseId}__Search`,
      description: kb.description,
      inputSchema: {
        type: "object",
        properties: { searchQuery: { type: "string", description: "What to search for" } },
        required: ["searchQuery"],
      },
      target: { kind: "knowledgeBase", knowledgeBaseId: kb.knowledgeBaseId },
    });
  }
  if (snapshot.collaborators.length > 0) {
    const names = snapshot.collaborators.map((c) => c.collaboratorName);
    const roster = snapshot.collaborators
      .map((c) => `${c.collaboratorName}: ${c.collaborationInstruction}`)
      .join("\n");
    tools.push({
      name: COLLABORATOR_TOOL,
      description: `Send a message to one of your collaborator agents and get its answer.\n${roster}`,
      inputSchema: {
        type: "object",
        properties: {
          recipient: { type: "string", description: `One of: ${names.join(", ")}` },
          content: { type: "string", description: "The message for the collaborator" },
        },
        required: ["recipient", "content"],
      },
      target: { kind: "collaborators", names },
    });
  }
  return tools;
}
