/**
 * The `bedrock` adapter: a real foundation model through the Converse API, with the agent's
 * action groups offered as tools — a real model with local tools, nothing deployed. The
 * client comes from the command layer (the user's AWS credentials and region).
 */
import type {
  BedrockRuntimeClient,
  ContentBlock,
  ConverseCommandOutput,
  Message,
} from "@aws-sdk/client-bedrock-runtime";
import type { ModelAdapter, ModelDecision, ModelReply, ModelRequest, ToolCall } from "./types.js";

function timeoutError(ms: number): Error {
  const err = new Error(`the model did not answer within ${ms} ms`);
  err.name = "ModelTimeoutException";
  return err;
}

export function converseMessages(request: ModelRequest): Message[] {
  const messages: Message[] = request.history.map((m) => ({ role: m.role, content: [{ text: m.text }] }));
  messages.push({ role: "user", content: [{ text: request.inputText }] });
  for (const step of request.steps) {
    messages.push({
      role: "assistant",
      content: [
        {
          toolUse: {
            toolUseId: step.call.id,
            name: step.call.name,
            input: { ...step.call.input, ...step.call.body } as never,
          },
        },
      ],
    });
    const failed = step.observation.denied === true || step.observation.state === "REPROMPT";
    messages.push({
      role: "user",
      content: [
        {
          toolResult: {
            toolUseId: step.call.id,
            content: [{ text: step.observation.text }],
            ...(failed ? { status: "error" as const } : {}),
          },
        },
      ],
    });
  }
  return messages;
}

export function readConverse(output: ConverseCommandOutput): ModelDecision {
  const content: ContentBlock[] = output.output?.message?.content ?? [];
  const text = content
    .map((b) => b.text ?? "")
    .filter((t) => t !== "")
    .join("\n")
    .trim();
  const calls: ToolCall[] = content
    .filter((b) => b.toolUse !== undefined)
    .map((b, i) => ({
      id: b.toolUse?.toolUseId ?? `tool-${i}`,
      name: b.toolUse?.name ?? "",
      input: (b.toolUse?.input ?? {}) as Record<string, unknown>,
    }));
  if (calls.length > 0) return { kind: "call", calls, ...(text ? { rationale: text } : {}) };
  return { kind: "answer", text: text.replace(/^<answer>|<\/answer>$/g, "").trim() };
}

export class BedrockModel implements ModelAdapter {
  readonly kind = "bedrock";
  private readonly modelId: string;
  private readonly client: (() => Promise<BedrockRuntimeClient>) | undefined;
  private readonly timeoutMs: number;

  constructor(modelId: string, client: (() => Promise<BedrockRuntimeClient>) | undefined, timeoutMs: number) {
    this.modelId = modelId;
    this.client = client;
    this.timeoutMs = timeoutMs;
  }

  private async runtimeClient(): Promise<BedrockRuntimeClient> {
    if (this.client) return this.client();
    // Without a client from the command layer, the SDK's own defaults (region and credential chain) apply.
    const { BedrockRuntimeClient: Client } = await import("@aws-sdk/client-bedrock-runtime");
    return new Client({});
  }

  async decide(request: ModelRequest): Promise<ModelReply> {
    const { ConverseCommand } = await import("@aws-sdk/client-bedrock-runtime");
    const client = await this.runtimeClient();
    const input = {
      modelId: this.modelId,
      system: [{ text: request.snapshot.definition.instruction ?? "" }],
      messages: converseMessages(request),
      inferenceConfig: { maxTokens: 2048, temperature: 0 },
      ...(request.tools.length > 0
        ? {
            toolConfig: {
              tools: request.tools.map((t) => ({
                toolSpec: {
                  name: t.name,
                  description: t.description || t.name,
                  inputSchema: { json: t.inputSchema as never },
                },
              })),
            },
          }
        : {}),
    };
    const signal = AbortSignal.timeout(this.timeoutMs);
    let output: ConverseCommandOutput;
    try {
      output = await client.send(new ConverseCommand(input), { abortSignal: signal });
    } catch (err) {
      if (signal.aborted) throw timeoutError(this.timeoutMs);
      throw err;
    }
    return {
      decision: readConverse(output),
      rawResponse: JSON.stringify({
        output: output.output,
        stopReason: output.stopReason,
        usage: output.usage,
      }),
      usage: { inputTokens: output.usage?.inputTokens ?? 0, outputTokens: output.usage?.outputTokens ?? 0 },
    };
  }
}
