/**
 * A model's tool call resolved against the agent's tools: which action, collaborator, knowledge
 * base or user question it is, with the values in Bedrock's shapes (`{name, type, value}`,
 * every value a string, §4.2), ready for the Lambda event, the trace and return of control.
 */
import type { ToolCall } from "./models/types.js";
import { COLLABORATOR_TOOL, type ParamSpec, type Tool, type ToolTarget } from "./tools.js";

export interface EventParameter {
  name: string;
  type: string;
  value: string;
}

export interface ActionInvocation {
  kind: "action";
  call: ToolCall;
  target: Extract<ToolTarget, { kind: "api" | "function" }>;
  parameters: EventParameter[];
  requestBody?: { content: Record<string, { properties: EventParameter[] }> };
}

export type Invocation =
  | ActionInvocation
  | { kind: "collaborator"; call: ToolCall; collaboratorName: string; text: string }
  | { kind: "knowledgeBase"; call: ToolCall; knowledgeBaseId: string; text: string }
  | { kind: "askUser"; call: ToolCall; question: string }
  | { kind: "unknown"; call: ToolCall; problem: string };

const asString = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

function toParameters(values: Record<string, unknown>, specs: ParamSpec[]): EventParameter[] {
  return Object.entries(values).map(([name, value]) => ({
    name,
    type: specs.find((s) => s.name === name)?.type ?? (typeof value === "number" ? "number" : "string"),
    value: asString(value),
  }));
}

export function resolveCall(call: ToolCall, tools: Tool[]): Invocation {
  const tool = tools.find((t) => t.name === call.name);
  if (!tool) {
    return {
      kind: "unknown",
      call,
      problem: `There is no tool named ${call.name}. Tools: ${tools.map((t) => t.name).join(", ")}.`,
    };
  }
  const t = tool.target;
  switch (t.kind) {
    case "api": {
      const bodyNames = new Set(t.body?.properties.map((p) => p.name) ?? []);
      const paramValues: Record<string, unknown> = {};
      const bodyValues: Record<string, unknown> = { ...call.body };
      for (const [k, v] of Object.entries(call.input)) {
        if (call.body === undefined && bodyNames.has(k)) bodyValues[k] = v;
        else paramValues[k] = v;
      }
      const hasBody = t.body !== undefined && Object.keys(bodyValues).length > 0;
      return {
        kind: "action",
        call,
        target: t,
        parameters: toParameters(paramValues, t.parameters),
        ...(hasBody && t.body
          ? {
              requestBody: {
                content: { [t.body.mediaType]: { properties: toParameters(bodyValues, t.body.properties) } },
              },
            }
          : {}),
      };
    }
    case "function":
      return { kind: "action", call, target: t, parameters: toParameters(call.input, t.parameters) };
    case "collaborators": {
      const recipient = asString(call.input.recipient ?? "");
      if (!t.names.includes(recipient)) {
        return {
          kind: "unknown",
          call,
          problem: `${COLLABORATOR_TOOL}: there is no collaborator named ${recipient}. Collaborators: ${t.names.join(", ")}.`,
        };
      }
      return {
        kind: "collaborator",
        call,
        collaboratorName: recipient,
        text: asString(call.input.content ?? ""),
      };
    }
    case "knowledgeBase":
      return {
        kind: "knowledgeBase",
        call,
        knowledgeBaseId: t.knowledgeBaseId,
        text: asString(call.input.searchQuery ?? ""),
      };
    case "userInput":
      return { kind: "askUser", call, question: asString(call.input.question ?? "") };
  }
}
