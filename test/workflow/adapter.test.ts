/**
 * The adapter Lambda (src/adapter/invoke-agent.ts) against a local stand-in for Bedrock that
 * serves recorded real InvokeAgent responses (corpus/traces/*.eventstream) and constructed
 * failures, decoded by the real SDK client.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type AdapterEvent, invokeAgent, sessionIdFrom } from "../../src/adapter/invoke-agent.js";
import { concat, corpusDir, fakeRuntime, frame } from "./support.js";

const traces = path.join(corpusDir, "traces");
const present = corpusDir !== "" && existsSync(traces);
if (!present)
  console.warn("skipping the adapter's recorded-stream tests: the shared corpus (traces/) is absent");

const event: AdapterEvent = {
  agentName: "calculator",
  agentId: "FQBGXINMYT",
  agentAliasId: "PPY9UTNXJL",
  inputText: "What is 10 + 20?",
  executionName: "order-42",
};

/** The frames of a recording's decoded view (corpus *.jsonl). */
function decoded(name: string): { headers: Record<string, string>; payload: Record<string, unknown> }[] {
  return readFileSync(path.join(traces, `${name}.jsonl`), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

describe.skipIf(!present)("adapter with recorded Bedrock streams", () => {
  it("drains a real stream with an action-group call: completion, session id and a compact summary", async () => {
    const recording = readFileSync(path.join(traces, "test_tool_calls_with_input_params.0.eventstream"));
    await using bedrock = await fakeRuntime(() => ({ status: 200, body: recording }));
    const result = await invokeAgent(event, bedrock.client);

    const frames = decoded("test_tool_calls_with_input_params.0");
    const text = frames
      .filter((f) => f.headers[":event-type"] === "chunk")
      .map((f) => f.payload._bytes_decoded)
      .join("");
    expect(result.completion).toBe(text);
    expect(result.completion).toBe("The sum of 10 and 20 is 30.");
    expect(result).toMatchObject({
      sessionId: "order-42",
      agentName: "calculator",
      agentId: "FQBGXINMYT",
      agentAliasId: "PPY9UTNXJL",
      memoryId: null,
    });
    expect(result.traceSummary).toEqual({
      steps: 2,
      toolCalls: [
        {
          type: "actionGroup",
          name: "action_group_quick_start_6gq19",
          operation: "add_two_numbers",
          parameters: { n1: "10", n2: "20" },
        },
      ],
      errors: [],
      usage: { inputTokens: 728 + 915, outputTokens: 165 + 56 },
    });
    // Never the prompts or the model's raw output.
    const json = JSON.stringify(result);
    for (const f of frames) {
      const input = (f.payload.trace as { orchestrationTrace?: { modelInvocationInput?: { text?: string } } })
        ?.orchestrationTrace?.modelInvocationInput?.text;
      if (input) expect(json).not.toContain(input.slice(0, 80));
    }
    // What was asked of Bedrock: the alias, the derived session id, traces on.
    expect(bedrock.requests).toEqual([
      {
        url: "/agents/FQBGXINMYT/agentAliases/PPY9UTNXJL/sessions/order-42/text",
        body: { enableTrace: true, endSession: false, inputText: "What is 10 + 20?" },
      },
    ]);
  });

  it("summarises a supervisor's collaborator calls, attributing them to the collaborator that made them", async () => {
    const recording = readFileSync(path.join(traces, "test_multi_agent_collaborator.0.eventstream"));
    await using bedrock = await fakeRuntime(() => ({ status: 200, body: recording }));
    const result = await invokeAgent(event, bedrock.client);
    const frames = decoded("test_multi_agent_collaborator.0");
    const collaboratorCalls = frames.filter(
      (f) =>
        (f.payload.trace as { orchestrationTrace?: { invocationInput?: { invocationType?: string } } })
          ?.orchestrationTrace?.invocationInput?.invocationType === "AGENT_COLLABORATOR",
    );
    expect(result.traceSummary.toolCalls.map((c) => c.type)).toEqual(
      collaboratorCalls.map(() => "collaborator"),
    );
    expect(result.traceSummary.toolCalls.some((c) => c.agent === "SimpleSupervisor")).toBe(true);
    expect(result.completion.length).toBeGreaterThan(0);
  });

  it("passes session id and session attributes through, and can turn traces off", async () => {
    const recording = readFileSync(path.join(traces, "test_agent_call_without_traces.0.eventstream"));
    await using bedrock = await fakeRuntime(() => ({ status: 200, body: recording }));
    const result = await invokeAgent(
      {
        ...event,
        sessionId: "s-1",
        sessionAttributes: { orderId: "42" },
        enableTrace: false,
        endSession: true,
      },
      bedrock.client,
    );
    expect(result.sessionId).toBe("s-1");
    expect(result.traceSummary).toEqual({
      steps: 0,
      toolCalls: [],
      errors: [],
      usage: { inputTokens: 0, outputTokens: 0 },
    });
    expect(bedrock.requests[0]).toEqual({
      url: "/agents/FQBGXINMYT/agentAliases/PPY9UTNXJL/sessions/s-1/text",
      body: {
        enableTrace: false,
        endSession: true,
        inputText: "What is 10 + 20?",
        sessionState: { sessionAttributes: { orderId: "42" } },
      },
    });
  });
});

describe("adapter errors become task errors a template can Catch by name", () => {
  const httpError = (status: number, type: string, message: string) => () => ({
    status,
    headers: { "content-type": "application/json", "x-amzn-errortype": type, "x-amzn-requestid": "req-1" },
    body: JSON.stringify({ message }),
  });

  it.each([
    [429, "ThrottlingException", "Agent.Throttling"],
    [404, "ResourceNotFoundException", "Agent.ResourceNotFound"],
    [403, "AccessDeniedException", "Agent.AccessDenied"],
    [400, "ValidationException", "Agent.Validation"],
    [424, "DependencyFailedException", "Agent.DependencyFailed"],
  ])("HTTP %i %s → %s, with the agent and the request id in the message", async (status, type, name) => {
    await using bedrock = await fakeRuntime(httpError(status, type, "it went wrong"));
    const error = await invokeAgent(event, bedrock.client).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe(name);
    expect((error as Error).message).toBe(
      `InvokeAgent on agent calculator (alias PPY9UTNXJL) failed: ${type}: it went wrong (request id req-1)`,
    );
  });

  it("an exception inside the stream (after traces) is mapped the same way", async () => {
    const body = concat([
      frame("event", "trace", {
        agentId: "FQBGXINMYT",
        trace: { orchestrationTrace: { rationale: { text: "…" } } },
      }),
      frame("exception", "dependencyFailedException", {
        message: "Lambda returned FAILURE",
        resourceName: "fn",
      }),
    ]);
    await using bedrock = await fakeRuntime(() => ({ status: 200, body }));
    const error = (await invokeAgent(event, bedrock.client).catch((e: Error) => e)) as Error;
    expect(error.name).toBe("Agent.DependencyFailed");
    expect(error.message).toContain("Lambda returned FAILURE");
  });

  it("return of control fails with Agent.ReturnControlUnsupported naming the action", async () => {
    const body = frame("event", "returnControl", {
      invocationId: "inv-1",
      invocationInputs: [
        { apiInvocationInput: { actionGroup: "catalog", httpMethod: "GET", apiPath: "/products/{id}" } },
      ],
    });
    await using bedrock = await fakeRuntime(() => ({ status: 200, body }));
    const error = (await invokeAgent(event, bedrock.client).catch((e: Error) => e)) as Error;
    expect(error.name).toBe("Agent.ReturnControlUnsupported");
    expect(error.message).toContain("catalog GET /products/{id}");
  });

  it("a payload without the agent or the text is refused before calling Bedrock", async () => {
    await using bedrock = await fakeRuntime(() => ({ status: 500, body: "" }));
    const error = (await invokeAgent({ ...event, inputText: "" }, bedrock.client).catch(
      (e: Error) => e,
    )) as Error;
    expect(error.name).toBe("Agent.Validation");
    expect(error.message).toContain('"inputText" must be a non-empty string');
    expect(bedrock.requests).toEqual([]);
  });

  it("an unreachable endpoint is Agent.Failed", async () => {
    const bedrock = await fakeRuntime(() => ({ status: 200, body: "" }));
    await bedrock[Symbol.asyncDispose]();
    const error = (await invokeAgent(event, bedrock.client).catch((e: Error) => e)) as Error;
    expect(error.name).toBe("Agent.Failed");
  });
});

describe("session ids from execution names", () => {
  it.each([
    ["order-42", "order-42"],
    ["a b/c", "a-b-c"],
    ["x", "x-"],
    ["e".repeat(120), "e".repeat(100)],
  ])("%s → %s", (name, id) => {
    expect(sessionIdFrom(name)).toBe(id);
    expect(sessionIdFrom(name)).toMatch(/^[0-9a-zA-Z._:-]{2,100}$/);
  });
});
