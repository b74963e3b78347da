/**
 * The `openai` adapter: any OpenAI-compatible chat-completions server with tool calling
 * (Ollama, vLLM, llama.cpp's server). HTTP failures are renamed to the AWS errors the runtime
 * streams for a failing model: 429 → throttling, 401/403 → access denied, 404 → the model is
 * unknown, other 4xx → validation, 5xx, network errors and timeouts → dependency failed.
 */
import type { ModelAdapter, ModelDecision, ModelReply, ModelRequest, ToolCall } from "./types.js";

interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string | null;
  tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

function named(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

function statusError(status: number, text: string): Error {
  const detail = `HTTP ${status}: ${text.slice(0, 300)}`;
  if (status === 429) return named("ThrottlingException", detail);
  if (status === 401 || status === 403) return named("AccessDeniedException", detail);
  if (status === 404) return named("ResourceNotFoundException", detail);
  if (status >= 400 && status < 500) return named("ValidationException", detail);
  return named("ServiceUnavailableException", detail);
}

export function chatMessages(request: ModelRequest): ChatMessage[] {
  const messages: ChatMessage[] = [
    { role: "system", content: request.snapshot.definition.instruction ?? "" },
  ];
  for (const m of request.history) messages.push({ role: m.role, content: m.text });
  messages.push({ role: "user", content: request.inputText });
  for (const step of request.steps) {
    const args = JSON.stringify({ ...step.call.input, ...step.call.body });
    messages.push({
      role: "assistant",
      content: null,
      tool_calls: [
        { id: step.call.id, type: "function", function: { name: step.call.name, arguments: args } },
      ],
    });
    messages.push({ role: "tool", tool_call_id: step.call.id, content: step.observation.text });
  }
  return messages;
}

function parseArguments(raw: unknown): Record<string, unknown> {
  if (typeof raw !== "string")
    return raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  try {
    const value = JSON.parse(raw) as unknown;
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function readChoice(body: {
  choices?: { message?: { content?: string | null; tool_calls?: unknown[] } }[];
}): ModelDecision {
  const message = body.choices?.[0]?.message;
  if (!message) throw named("ModelErrorException", "the server's answer has no choices[0].message");
  const text = (message.content ?? "").trim();
  const calls: ToolCall[] = (message.tool_calls ?? []).map((raw, i) => {
    const c = raw as { id?: string; function?: { name?: string; arguments?: unknown } };
    return {
      id: c.id ?? `call-${i}`,
      name: c.function?.name ?? "",
      input: parseArguments(c.function?.arguments),
    };
  });
  if (calls.length > 0) return { kind: "call", calls, ...(text ? { rationale: text } : {}) };
  return { kind: "answer", text };
}

export class OpenAiModel implements ModelAdapter {
  readonly kind = "openai";
  private readonly model: string;
  private readonly baseUrl: string;
  private readonly apiKey: string | undefined;
  private readonly timeoutMs: number;

  constructor(model: string, baseUrl: string, apiKey: string | undefined, timeoutMs: number) {
    this.model = model;
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
  }

  async decide(request: ModelRequest): Promise<ModelReply> {
    const payload = {
      model: this.model,
      messages: chatMessages(request),
      temperature: 0,
      ...(request.tools.length > 0
        ? {
            tools: request.tools.map((t) => ({
              type: "function",
              function: { name: t.name, description: t.description, parameters: t.inputSchema },
            })),
          }
        : {}),
    };
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/chat/completions`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
        },
        body: JSON.stringify(payload),
        signal,
      });
    } catch (err) {
      if (signal.aborted)
        throw named("ModelTimeoutException", `${this.baseUrl} did not answer within ${this.timeoutMs} ms`);
      throw named(
        "ServiceUnavailableException",
        `${this.baseUrl} cannot be reached: ${(err as Error).message}`,
      );
    }
    const text = await response.text();
    if (!response.ok) throw statusError(response.status, text);
    let body: Parameters<typeof readChoice>[0] & {
      usage?: { prompt_tokens?: number; completion_tokens?: number };
    };
    try {
      body = JSON.parse(text);
    } catch {
      throw named(
        "ModelErrorException",
        `${this.baseUrl} answered with something that is not JSON: ${text.slice(0, 200)}`,
      );
    }
    return {
      decision: readChoice(body),
      rawResponse: text,
      usage: {
        inputTokens: body.usage?.prompt_tokens ?? 0,
        outputTokens: body.usage?.completion_tokens ?? 0,
      },
    };
  }
}
