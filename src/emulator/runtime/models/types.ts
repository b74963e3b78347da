/**
 * One interface for every model the runtime can consult (scripted rules, Bedrock's Converse
 * API, an OpenAI-compatible server). The loop owns tools, traces and sessions; an adapter only
 * decides the next move of one orchestration step.
 */
import type { AgentSnapshot } from "../snapshot.js";
import type { Tool } from "../tools.js";

export interface ConversationMessage {
  role: "user" | "assistant";
  text: string;
}

/** What a tool call produced, as the model is told it. */
export interface Observation {
  text: string;
  /** OpenAPI groups: the handler's httpStatusCode. */
  status?: number;
  /** Function groups: the handler's responseState. */
  state?: "FAILURE" | "REPROMPT";
  /** The user denied a call that needed confirmation. */
  denied?: boolean;
}

export interface ToolCall {
  /** Correlates a call with its result for models that need it (Converse toolUseId, OpenAI call id). */
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** Request-body members, when the adapter knows which members are body (the scripted `body:`). */
  body?: Record<string, unknown>;
}

export interface StepRecord {
  call: ToolCall;
  observation: Observation;
}

export interface ModelRequest {
  snapshot: AgentSnapshot;
  tools: Tool[];
  inputText: string;
  /** Earlier turns of the session. */
  history: ConversationMessage[];
  /** This turn's calls and what they returned, oldest first. */
  steps: StepRecord[];
  sessionAttributes: Record<string, string>;
  promptSessionAttributes: Record<string, string>;
}

export type ModelDecision =
  | { kind: "call"; calls: ToolCall[]; rationale?: string }
  | { kind: "answer"; text: string; rationale?: string };

export interface ModelReply {
  decision: ModelDecision;
  /** The provider's raw response, for modelInvocationOutput.rawResponse.content. */
  rawResponse: string;
  usage: { inputTokens: number; outputTokens: number };
}

export interface ProcessingReply {
  rawResponse: string;
  usage: { inputTokens: number; outputTokens: number };
}

export interface ModelAdapter {
  /** "scripted" | "bedrock" | "openai": shown in errors. */
  readonly kind: string;
  decide(request: ModelRequest): Promise<ModelReply>;
  /** PRE_PROCESSING (when the agent enables it): is the input one the agent should handle? */
  preProcess?(request: ModelRequest): Promise<ProcessingReply & { isValid: boolean; rationale: string }>;
  /** POST_PROCESSING (when enabled): the final answer, rewritten for the user. */
  postProcess?(request: ModelRequest, answer: string): Promise<ProcessingReply & { text: string }>;
}

/** Tokens for adapters without a tokenizer (scripted): about four characters each, never zero. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The orchestration prompt in the shape real traces show (`{"system": …, "messages": […]}`). */
export function renderPrompt(request: ModelRequest): string {
  const messages: { role: string; content: string }[] = request.history.map((m) => ({
    role: m.role,
    content: m.text,
  }));
  messages.push({ role: "user", content: request.inputText });
  for (const step of request.steps) {
    messages.push({
      role: "assistant",
      content: JSON.stringify({
        tool_use: { name: step.call.name, input: { ...step.call.input, ...step.call.body } },
      }),
    });
    messages.push({ role: "user", content: JSON.stringify({ tool_result: step.observation.text }) });
  }
  return JSON.stringify({
    system: request.snapshot.definition.instruction ?? "",
    tools: request.tools.map((t) => t.name),
    messages,
  });
}
