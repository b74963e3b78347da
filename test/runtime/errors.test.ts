/**
 * What InvokeAgent refuses before the stream starts (restJson1 HTTP errors) and what fails
 * inside it (exception messages): the SDK must see the AWS error names.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { http1 } from "../emulator/raw-http.js";
import { createReadyAgent, emulatorWithClient, errorOf, tempDir } from "../emulator/support.js";
import { createAgent, FUNCTIONS, invoke, orderValidation, runtimeClient } from "./support.js";

describe("InvokeAgent errors", () => {
  it("answers unknown agents and aliases with 404 ResourceNotFoundException, bad input with ValidationException", async () => {
    await using env = await emulatorWithClient({ runtime: { localHandlers: FUNCTIONS } });
    const agentId = await createAgent(env.client, orderValidation());
    const rt = runtimeClient(env.emulator);
    const base = { agentId, agentAliasId: "TSTALIASID", sessionId: "s-1", inputText: "PROD123" };

    const alias = await errorOf(invoke(rt, { ...base, agentAliasId: "NOSUCHALIA" }));
    expect(alias.name).toBe("ResourceNotFoundException");
    expect(alias.$metadata?.httpStatusCode).toBe(404);
    const agent = await errorOf(invoke(rt, { ...base, agentId: "NOSUCHAGEN" }));
    expect(agent.name).toBe("ResourceNotFoundException");

    const session = await errorOf(invoke(rt, { ...base, sessionId: "bad session!" }));
    expect(session.name).toBe("ValidationException");
    expect(session.message).toContain(
      "at 'sessionId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z._:-]+",
    );
    const short = await errorOf(invoke(rt, { ...base, sessionId: "x" }));
    expect(short.message).toContain("Member must have length greater than or equal to 2");
    const empty = await errorOf(invoke(rt, { ...base, inputText: "" }));
    expect(empty.name).toBe("ValidationException");
  });

  it("refuses an unprepared draft behind TSTALIASID", async () => {
    await using env = await emulatorWithClient();
    const agentId = await createReadyAgent(env.client, "never-prepared");
    const err = await errorOf(
      invoke(runtimeClient(env.emulator), {
        agentId,
        agentAliasId: "TSTALIASID",
        sessionId: "s-1",
        inputText: "hi",
      }),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.message).toContain("must be PREPARED");
  });

  it("sends the response headers of a real InvokeAgent over HTTP/1.1", async () => {
    await using env = await emulatorWithClient({ runtime: { localHandlers: FUNCTIONS } });
    const agentId = await createAgent(env.client, orderValidation());
    const res = await http1(
      env.emulator.endpoint,
      "POST",
      `/agents/${agentId}/agentAliases/TSTALIASID/sessions/s-9/text`,
      JSON.stringify({ inputText: "PROD123", memoryId: "mem-1" }),
      {
        "content-type": "application/json",
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.amazon.eventstream");
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    expect(res.headers["x-amzn-bedrock-agent-content-type"]).toBe("application/json");
    expect(res.headers["x-amz-bedrock-agent-session-id"]).toBe("s-9");
    expect(res.headers["x-amz-bedrock-agent-memory-id"]).toBe("mem-1");
    expect(res.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("streams an exception naming the agent and the input when no script rule matches", async () => {
    using dir = tempDir();
    const script = path.join(dir.path, "strict.yaml");
    writeFileSync(script, "version: 1\nrules:\n  - match: 'PROD\\d+'\n    answers: [{ text: ok }]\n");
    await using env = await emulatorWithClient();
    const agentId = await createAgent(env.client, { name: "strict", script });
    const err = await errorOf(
      invoke(runtimeClient(env.emulator), {
        agentId,
        agentAliasId: "TSTALIASID",
        sessionId: "s-1",
        inputText: "hello there",
      }),
    );
    expect(err.name).toBe("DependencyFailedException");
    expect(err.message).toContain("strict");
    expect(err.message).toContain('"hello there"');
    // In-stream: the modeled error class without an HTTP status of its own (aws-behaviour.md §0 fact 4).
    expect(err.$metadata?.httpStatusCode).toBeUndefined();
  });

  it("streams a validationException for an agent without a local model", async () => {
    await using env = await emulatorWithClient();
    const agentId = await createAgent(env.client, { name: "no-model" });
    const err = await errorOf(
      invoke(runtimeClient(env.emulator), {
        agentId,
        agentAliasId: "TSTALIASID",
        sessionId: "s-1",
        inputText: "hi",
      }),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.message).toContain("agentctl:local-model");
  });
});
