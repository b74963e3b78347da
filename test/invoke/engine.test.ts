import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { BedrockAgentRuntimeClient } from "@aws-sdk/client-bedrock-agent-runtime";
import { describe, expect, it } from "vitest";
import { agentRuntime } from "../../src/aws/agent-runtime.js";
import type { AwsClients } from "../../src/aws/clients.js";
import { MAX_RETURN_CONTROL_ROUNDS, runTurn, type TurnHooks } from "../../src/core/invoke/engine.js";
import { manifestHandlers } from "../../src/core/invoke/handlers.js";
import { performReturnControl, type ReturnControlOptions } from "../../src/core/invoke/return-control.js";
import { CloudError, FailedError } from "../../src/errors.js";
import { defaultInterpolation } from "../../src/manifest/interpolate.js";
import { loadProject } from "../../src/manifest/load-project.js";
import { decodeEventStream } from "../../src/trace/decode-eventstream.js";
import type { StreamEvent } from "../../src/trace/types.js";
import { repoRoot } from "../helpers/run-cli.js";
import { corpusStreams } from "../trace/corpus.js";
import { fakeRuntime } from "./fake-runtime.js";

const request = {
  agentId: "AGENT12345",
  agentAliasId: "ALIAS12345",
  sessionId: "sess-1",
  inputText: "hi",
  enableTrace: true,
};
const chunk = (text: string): StreamEvent => ({ chunk: { bytes: new TextEncoder().encode(text) } });

function hooks(overrides: Partial<TurnHooks> = {}): TurnHooks & { events: StreamEvent[] } {
  const events: StreamEvent[] = [];
  return {
    events,
    onEvent: (e) => events.push(e),
    returnControl: async () => {
      throw new Error("unexpected return of control");
    },
    ...overrides,
  };
}

async function sampleHandlers() {
  const loaded = await loadProject(repoRoot, defaultInterpolation({}));
  const manifest = loaded.value?.agents.find((a) => a.value.name === "order-validation");
  if (!manifest) throw new Error("sample agent order-validation missing");
  return manifestHandlers(manifest.value, manifest.file);
}

function rocOptions(
  overrides: Partial<ReturnControlOptions> = {},
): ReturnControlOptions & { notes: string[] } {
  const notes: string[] = [];
  return {
    notes,
    handlerFor: async () => undefined,
    prompter: { interactive: false, ask: async () => undefined },
    autoConfirm: false,
    notify: (m) => notes.push(m),
    agent: { name: "order-validation", id: "AGENT12345", alias: "ALIAS12345", version: "1" },
    sessionId: "sess-1",
    inputText: "Check PROD123",
    ...overrides,
  };
}

describe("invoke engine", () => {
  it.skipIf(corpusStreams.length === 0)(
    "drains recorded streams: every event seen, the answer assembled",
    async () => {
      for (const file of corpusStreams) {
        const events = decodeEventStream(new Uint8Array(readFileSync(file)));
        const h = hooks();
        const result = await runTurn(fakeRuntime([() => events]), request, h);
        const answer = events
          .map((e) => (e.chunk ? new TextDecoder().decode((e.chunk as { bytes: Uint8Array }).bytes) : ""))
          .join("");
        expect(result.text, path.basename(file)).toBe(answer);
        expect(h.events).toEqual(events);
        expect(result.returnControlRounds).toBe(0);
      }
    },
  );

  it.skipIf(corpusStreams.length === 0)(
    "through the real SDK client and adapter, the same events arrive",
    async () => {
      const file =
        corpusStreams.find((f) => f.includes("tool_calls_with_input_params")) ?? (corpusStreams[0] as string);
      const body = readFileSync(file);
      const client = new BedrockAgentRuntimeClient({
        region: "us-east-1",
        credentials: { accessKeyId: "t", secretAccessKey: "t" },
        requestHandler: {
          handle: async () => ({
            response: {
              statusCode: 200,
              headers: {
                "content-type": "application/vnd.amazon.eventstream",
                "x-amz-bedrock-agent-session-id": "from-aws",
              },
              body: Readable.from([body]),
            },
          }),
        },
      });
      const runtime = agentRuntime({ bedrockAgentRuntime: async () => client } as unknown as AwsClients);
      const h = hooks();
      const result = await runTurn(runtime, request, h);
      expect(result.sessionId).toBe("from-aws");
      expect(result.text).toContain("30");
      expect(h.events.length).toBe(decodeEventStream(new Uint8Array(body)).length);
    },
  );

  it("returns control: runs the sample's product-catalog handler and sends its result back with the same invocation id", async () => {
    const handlerFor = await sampleHandlers();
    const runtime = fakeRuntime([
      () => [
        {
          returnControl: {
            invocationId: "inv-77",
            invocationInputs: [
              {
                apiInvocationInput: {
                  actionGroup: "product-catalog",
                  apiPath: "/products/{productId}",
                  httpMethod: "GET",
                  parameters: [{ name: "productId", type: "string", value: "PROD456" }],
                  actionInvocationType: "RESULT",
                },
              },
            ],
          },
        },
      ],
      () => [chunk("INVALID: PROD456 is out of stock")],
    ]);
    const h = hooks({
      returnControl: (payload) => performReturnControl(payload, rocOptions({ handlerFor })),
    });
    const result = await runTurn(runtime, { ...request, sessionAttributes: { customer: "c-1" } }, h);
    expect(result.text).toBe("INVALID: PROD456 is out of stock");
    expect(result.returnControlRounds).toBe(1);
    expect(runtime.calls).toHaveLength(2);
    expect(runtime.calls[0]?.sessionState?.sessionAttributes).toEqual({ customer: "c-1" });
    const second = runtime.calls[1];
    expect(second?.sessionId).toBe("sess-1");
    expect(second?.sessionState?.invocationId).toBe("inv-77");
    const [res] = second?.sessionState?.returnControlInvocationResults ?? [];
    expect(res).toMatchObject({
      apiResult: {
        actionGroup: "product-catalog",
        apiPath: "/products/{productId}",
        httpMethod: "GET",
        httpStatusCode: 200,
      },
    });
    const body = JSON.parse(
      (res as { apiResult: { responseBody: Record<string, { body: string }> } }).apiResult.responseBody[
        "application/json"
      ]?.body ?? "{}",
    );
    expect(body).toMatchObject({ productId: "PROD456", inStock: false });
  });

  it("stops a return-of-control loop with a clear error", async () => {
    const runtime = fakeRuntime([() => [{ returnControl: { invocationId: "again", invocationInputs: [] } }]]);
    const error = await runTurn(runtime, request, hooks({ returnControl: async () => [] })).catch((e) => e);
    expect(error).toBeInstanceOf(FailedError);
    expect(error.message).toMatch(`returned control ${MAX_RETURN_CONTROL_ROUNDS} times`);
    expect(runtime.calls).toHaveLength(MAX_RETURN_CONTROL_ROUNDS + 1);
  });

  it("ends the turn with the AWS error an in-stream exception names (decoded or thrown by the SDK)", async () => {
    const decoded = await runTurn(
      fakeRuntime([
        () => [chunk("par"), { dependencyFailedException: { message: "Lambda failed", resourceName: "fn" } }],
      ]),
      request,
      hooks(),
    ).catch((e) => e);
    expect(decoded).toBeInstanceOf(CloudError);
    expect(decoded.awsName).toBe("DependencyFailedException");
    expect(decoded.message).toBe("Lambda failed");

    const thrown = Object.assign(new Error("Rate exceeded"), {
      name: "ThrottlingException",
      $fault: "client",
      $metadata: {},
    });
    const h = hooks();
    const err = await runTurn(
      fakeRuntime([() => [chunk("a"), thrown as unknown as StreamEvent]]),
      request,
      h,
    ).catch((e) => e);
    expect(err).toBe(thrown);
    expect(h.events.at(-1)).toEqual({ throttlingException: { message: "Rate exceeded" } });
  });
});

describe("return of control on the client", () => {
  const fn = (actionInvocationType: string) => ({
    invocationId: "i",
    invocationInputs: [
      {
        functionInvocationInput: {
          actionGroup: "orders",
          function: "cancel",
          actionInvocationType,
          parameters: [{ name: "id", type: "string", value: "O-1" }],
        },
      },
    ],
  });

  it("denies an action needing confirmation when there is no terminal and no --yes, and says so", async () => {
    const options = rocOptions({
      handlerFor: async () => () => {
        throw new Error("must not run");
      },
    });
    const results = await performReturnControl(fn("USER_CONFIRMATION_AND_RESULT"), options);
    expect(results).toEqual([
      { functionResult: { actionGroup: "orders", function: "cancel", confirmationState: "DENY" } },
    ]);
    expect(options.notes.join("\n")).toMatch(
      /Denied orders cancel\(id=O-1\): it needs confirmation and there is no terminal.*--yes/,
    );
  });

  it("--yes confirms; USER_CONFIRMATION_AND_RESULT then runs the handler with the Lambda event", async () => {
    const seen: Record<string, unknown>[] = [];
    const handler = (event: Record<string, unknown>) => {
      seen.push(event);
      return {
        messageVersion: "1.0",
        response: {
          actionGroup: "orders",
          function: "cancel",
          functionResponse: { responseBody: { TEXT: { body: "cancelled" } } },
        },
      };
    };
    const results = await performReturnControl(
      fn("USER_CONFIRMATION_AND_RESULT"),
      rocOptions({ autoConfirm: true, handlerFor: async () => handler }),
    );
    expect(results).toEqual([
      {
        functionResult: {
          actionGroup: "orders",
          function: "cancel",
          confirmationState: "CONFIRM",
          responseBody: { TEXT: { body: "cancelled" } },
        },
      },
    ]);
    expect(seen[0]).toMatchObject({
      messageVersion: "1.0",
      actionGroup: "orders",
      function: "cancel",
      sessionId: "sess-1",
      inputText: "Check PROD123",
      parameters: [{ name: "id", value: "O-1" }],
    });
    const confirmOnly = await performReturnControl(
      fn("USER_CONFIRMATION"),
      rocOptions({ autoConfirm: true, handlerFor: async () => handler }),
    );
    expect(confirmOnly).toEqual([
      { functionResult: { actionGroup: "orders", function: "cancel", confirmationState: "CONFIRM" } },
    ]);
    expect(seen).toHaveLength(1);
  });

  it("asks on a terminal: confirmation, and the result of an action without a handler", async () => {
    const answers = ["maybe", "y", '{"ok":true}'];
    const questions: string[] = [];
    const prompter = {
      interactive: true,
      ask: async (q: string) => {
        questions.push(q);
        return answers.shift();
      },
    };
    const results = await performReturnControl(fn("USER_CONFIRMATION_AND_RESULT"), rocOptions({ prompter }));
    expect(questions[0]).toMatch(/Confirm\? \[y\/N\]/);
    expect(questions).toHaveLength(3);
    expect(results[0]).toEqual({
      functionResult: {
        actionGroup: "orders",
        function: "cancel",
        confirmationState: "CONFIRM",
        responseBody: { TEXT: { body: '{"ok":true}' } },
      },
    });
  });

  it("without a handler or a terminal it fails and says how to fix it; a malformed handler response says what is missing", async () => {
    await expect(performReturnControl(fn("RESULT"), rocOptions())).rejects.toThrow(
      /no local handler, and there is no terminal/,
    );
    await expect(
      performReturnControl(fn("RESULT"), rocOptions({ handlerFor: async () => () => ({ response: {} }) })),
    ).rejects.toThrow(/returned no response.functionResponse.responseBody/);
  });

  it("a handler that throws becomes a FAILURE result the agent sees", async () => {
    const options = rocOptions({
      handlerFor: async () => () => {
        throw new Error("db down");
      },
    });
    const [result] = await performReturnControl(fn("RESULT"), options);
    expect(result).toEqual({
      functionResult: {
        actionGroup: "orders",
        function: "cancel",
        responseState: "FAILURE",
        responseBody: { TEXT: { body: "The action failed: db down" } },
      },
    });
    expect(options.notes[0]).toMatch(/threw: db down/);
  });
});
