/**
 * The bedrock (Converse, mocked with aws-sdk-client-mock: no account here) and openai (a fake
 * chat-completions server) adapters drive the same loop: tools from the action groups, the
 * local handler's result sent back, and model failures streamed as the AWS errors.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { BedrockRuntimeClient, ConverseCommand, ThrottlingException } from "@aws-sdk/client-bedrock-runtime";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { emulatorWithClient, errorOf } from "../emulator/support.js";
import { createAgent, FUNCTIONS, invoke, orderValidationGroup, runtimeClient } from "./support.js";

const TOOL = "GET__product-catalog__getProduct";

describe("bedrock adapter", () => {
  const converse = mockClient(BedrockRuntimeClient);
  afterEach(() => converse.reset());
  const bedrockRuntime = async () =>
    new BedrockRuntimeClient({
      region: "us-east-1",
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });

  it("offers the action groups as tools and sends the handler's result back", async () => {
    converse
      .on(ConverseCommand)
      .resolvesOnce({
        output: {
          message: {
            role: "assistant",
            content: [
              { text: "I will look it up." },
              { toolUse: { toolUseId: "tu-1", name: TOOL, input: { productId: "PROD456" } } },
            ],
          },
        },
        stopReason: "tool_use",
        usage: { inputTokens: 120, outputTokens: 30, totalTokens: 150 },
        metrics: { latencyMs: 5 },
      })
      .resolvesOnce({
        output: {
          message: { role: "assistant", content: [{ text: "INVALID: Cloud Gadget is out of stock." }] },
        },
        stopReason: "end_turn",
        usage: { inputTokens: 200, outputTokens: 12, totalTokens: 212 },
        metrics: { latencyMs: 5 },
      });
    await using env = await emulatorWithClient({ runtime: { localHandlers: FUNCTIONS, bedrockRuntime } });
    const agentId = await createAgent(env.client, {
      name: "bedrock-agent",
      tags: { "agentctl:local-model": "bedrock" },
      actionGroups: [orderValidationGroup],
    });
    const out = await invoke(runtimeClient(env.emulator), {
      agentId,
      agentAliasId: "TSTALIASID",
      sessionId: "b-1",
      inputText: "Is PROD456 in stock?",
    });
    expect(out.text).toBe("INVALID: Cloud Gadget is out of stock.");

    const calls = converse.commandCalls(ConverseCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.modelId).toBe("anthropic.claude-3-5-sonnet-20241022-v2:0");
    const spec = calls[0]?.toolConfig?.tools?.[0]?.toolSpec;
    expect(spec?.name).toBe(TOOL);
    expect(spec?.inputSchema?.json).toMatchObject({
      properties: { productId: { type: "string" } },
      required: ["productId"],
    });
    const result = calls[1]?.messages?.at(-1)?.content?.[0]?.toolResult;
    expect(result?.toolUseId).toBe("tu-1");
    expect(JSON.parse(result?.content?.[0]?.text ?? "{}")).toMatchObject({
      productId: "PROD456",
      inStock: false,
    });
    const usage = out.traces.flatMap((t) =>
      t.trace?.orchestrationTrace?.modelInvocationOutput
        ? [t.trace.orchestrationTrace.modelInvocationOutput.metadata?.usage]
        : [],
    );
    expect(usage).toEqual([
      { inputTokens: 120, outputTokens: 30 },
      { inputTokens: 200, outputTokens: 12 },
    ]);
    const rationale = out.traces.find((t) => t.trace?.orchestrationTrace?.rationale)?.trace
      ?.orchestrationTrace?.rationale;
    expect(rationale?.text).toBe("I will look it up.");
  });

  it("streams a throttled model as ThrottlingException", async () => {
    converse
      .on(ConverseCommand)
      .rejects(new ThrottlingException({ message: "Too many tokens", $metadata: {} }));
    await using env = await emulatorWithClient({ runtime: { bedrockRuntime } });
    const agentId = await createAgent(env.client, {
      name: "bedrock-agent",
      tags: { "agentctl:local-model": "bedrock" },
    });
    const err = await errorOf(
      invoke(runtimeClient(env.emulator), {
        agentId,
        agentAliasId: "TSTALIASID",
        sessionId: "b-2",
        inputText: "hi",
      }),
    );
    expect(err.name).toBe("ThrottlingException");
    expect(err.message).toContain("Too many tokens");
  });
});

interface FakeServer {
  url: string;
  requests: Record<string, unknown>[];
  [Symbol.asyncDispose](): Promise<void>;
}

/** A chat-completions server answering with the given replies in order. */
async function fakeOpenAi(replies: { status: number; body: unknown }[]): Promise<FakeServer> {
  const requests: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => {
      text += c.toString();
    });
    req.on("end", () => {
      requests.push({ path: req.url, authorization: req.headers.authorization, ...JSON.parse(text) });
      const reply = replies.shift() ?? { status: 500, body: { error: "no more replies" } };
      res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    [Symbol.asyncDispose]: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("openai adapter", () => {
  it("calls tools through chat completions and answers", async () => {
    await using fake = await fakeOpenAi([
      {
        status: 200,
        body: {
          choices: [
            {
              message: {
                role: "assistant",
                content: null,
                tool_calls: [
                  {
                    id: "c1",
                    type: "function",
                    function: { name: TOOL, arguments: '{"productId":"PROD123"}' },
                  },
                ],
              },
            },
          ],
          usage: { prompt_tokens: 50, completion_tokens: 9 },
        },
      },
      {
        status: 200,
        body: {
          choices: [{ message: { role: "assistant", content: "VALID: in stock." } }],
          usage: { prompt_tokens: 80, completion_tokens: 4 },
        },
      },
    ]);
    await using env = await emulatorWithClient({
      runtime: { localHandlers: FUNCTIONS, openai: { apiKey: "sk-test" } },
    });
    const agentId = await createAgent(env.client, {
      name: "openai-agent",
      tags: {
        "agentctl:local-model": "openai",
        "agentctl:local-endpoint": fake.url,
        "agentctl:local-model-id": "llama3.1",
      },
      actionGroups: [orderValidationGroup],
    });
    const out = await invoke(runtimeClient(env.emulator, true), {
      agentId,
      agentAliasId: "TSTALIASID",
      sessionId: "o-1",
      inputText: "PROD123?",
    });
    expect(out.text).toBe("VALID: in stock.");
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]).toMatchObject({
      path: "/v1/chat/completions",
      authorization: "Bearer sk-test",
      model: "llama3.1",
    });
    const tools = (fake.requests[0]?.tools ?? []) as { function: { name: string } }[];
    expect(tools[0]?.function.name).toBe(TOOL);
    const messages = fake.requests[1]?.messages as { role: string; content: string; tool_call_id?: string }[];
    expect(messages.at(-1)).toMatchObject({ role: "tool", tool_call_id: "c1" });
    expect(JSON.parse(messages.at(-1)?.content ?? "{}")).toMatchObject({
      productId: "PROD123",
      inStock: true,
    });
  });

  it.each([
    [429, "ThrottlingException"],
    [500, "DependencyFailedException"],
    [401, "AccessDeniedException"],
  ])("HTTP %i from the server streams %s", async (status, name) => {
    await using fake = await fakeOpenAi([{ status, body: { error: { message: "nope" } } }]);
    await using env = await emulatorWithClient();
    const agentId = await createAgent(env.client, {
      name: "openai-agent",
      tags: { "agentctl:local-model": "openai", "agentctl:local-endpoint": fake.url },
    });
    const err = await errorOf(
      invoke(runtimeClient(env.emulator), {
        agentId,
        agentAliasId: "TSTALIASID",
        sessionId: "o-2",
        inputText: "hi",
      }),
    );
    expect(err.name).toBe(name);
    expect(err.message).toContain(`HTTP ${status}`);
  });
});
