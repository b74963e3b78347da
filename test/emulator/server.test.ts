import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http2 from "node:http2";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateAgentCommand, ListAgentsCommand } from "@aws-sdk/client-bedrock-agent";
import { BedrockAgentRuntimeClient, InvokeAgentCommand } from "@aws-sdk/client-bedrock-agent-runtime";
import { ListActivitiesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { http1, type RawResponse } from "./raw-http.js";
import { clientFor, createReadyAgent, emulatorWithClient, errorOf } from "./support.js";

function h2(endpoint: string, method: string, path: string, body?: string) {
  return new Promise<RawResponse>((resolve, reject) => {
    const session = http2.connect(endpoint);
    session.on("error", reject);
    const stream = session.request({
      ":method": method,
      ":path": path,
      ...(body ? { "content-type": "application/json" } : {}),
    });
    let status = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    stream.on("response", (h) => {
      status = Number(h[":status"]);
      headers = h as typeof headers;
    });
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      session.close();
      resolve({ status, headers, body: Buffer.concat(chunks).toString("utf8") });
    });
    stream.on("error", reject);
    stream.end(body);
  });
}

const expectAwsError = (res: RawResponse, status: number, type: string) => {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toBe("application/json");
  expect(res.headers["x-amzn-errortype"]).toBe(type);
  expect(res.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
  const parsed = JSON.parse(res.body) as { message?: string };
  expect(parsed.message?.length).toBeGreaterThan(0);
  return parsed;
};

describe("the emulator's HTTP server", () => {
  it("binds 127.0.0.1 and reports its identity on /_agentctl/health", async () => {
    await using t = await emulatorWithClient({ region: "eu-central-1" });
    expect(t.emulator.endpoint).toBe(`http://127.0.0.1:${t.emulator.port}`);
    const res = await http1(t.emulator.endpoint, "GET", "/_agentctl/health");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: true,
      pid: process.pid,
      region: "eu-central-1",
      dbPath: ":memory:",
    });
  });

  it("refuses to start on a port that is taken, with a clear message", async () => {
    await using t = await emulatorWithClient();
    await expect(startEmulator({ dbPath: ":memory:", port: t.emulator.port })).rejects.toThrow(
      /cannot start on 127\.0\.0\.1:\d+: .*EADDRINUSE/,
    );
  });

  it("answers HTTP/2 (h2c, prior knowledge) exactly like HTTP/1.1", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "both-protocols");
    const one = await http1(t.emulator.endpoint, "GET", `/agents/${agentId}/`);
    const two = await h2(t.emulator.endpoint, "GET", `/agents/${agentId}/`);
    expect(two.status).toBe(200);
    expect(two.body).toBe(one.body);
    expect(two.headers["content-type"]).toBe(one.headers["content-type"]);
    expect(two.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await h2(t.emulator.endpoint, "GET", "/agents/AAAAAAAAAA/");
    expectAwsError(missing, 404, "ResourceNotFoundException");
  });

  it("answers malformed requests with AWS-shaped errors and keeps working", async () => {
    await using t = await emulatorWithClient();
    const { endpoint } = t.emulator;
    expectAwsError(
      await http1(endpoint, "PUT", "/agents/", "{not json", { "content-type": "application/json" }),
      400,
      "SerializationException",
    );
    expectAwsError(await http1(endpoint, "PUT", "/agents/", "[1,2]"), 400, "SerializationException");
    const unknown = expectAwsError(
      await http1(endpoint, "GET", "/no/such/thing"),
      404,
      "UnknownOperationException",
    );
    expect(unknown.message).toContain("/no/such/thing");
    const wrongMethod = expectAwsError(
      await http1(endpoint, "PATCH", "/agents/"),
      404,
      "UnknownOperationException",
    );
    expect(wrongMethod.message).toContain("PATCH");
    expectAwsError(await http1(endpoint, "GET", "/agents/%E0%A4%A/"), 400, "ValidationException");
    // A JSON body is accepted whatever the Content-Type says.
    const lenient = await http1(endpoint, "PUT", "/agents/", JSON.stringify({ agentName: "form-typed" }), {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(lenient.status).toBe(202);
    const listed = await t.client.send(new ListAgentsCommand({}));
    expect(listed.agentSummaries?.map((a) => a.agentName)).toEqual(["form-typed"]);
  });

  it("refuses a body over 10 MiB with 413 and stays usable", async () => {
    await using t = await emulatorWithClient();
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    const res = await http1(t.emulator.endpoint, "PUT", "/agents/", big, {
      "content-type": "application/json",
    });
    expectAwsError(res, 413, "RequestEntityTooLargeException");
    const created = await t.client.send(new CreateAgentCommand({ agentName: "after-the-flood" }));
    expect(created.agent?.agentStatus).toBe("CREATING");
  });

  it("answers a Step Functions operation it does not emulate in awsJson1_0 so SDK clients see a clear code", async () => {
    await using t = await emulatorWithClient();
    const raw = await http1(t.emulator.endpoint, "POST", "/", "{}", {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "AWSStepFunctions.ListActivities",
    });
    expect(raw.status).toBe(400);
    expect(raw.headers["content-type"]).toBe("application/x-amz-json-1.0");
    expect(raw.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
    expect(JSON.parse(raw.body)).toMatchObject({ __type: "UnknownOperationException" });
    const sfn = new SFNClient({
      endpoint: t.emulator.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
    const err = await errorOf(sfn.send(new ListActivitiesCommand({})));
    sfn.destroy();
    expect(err.name).toBe("UnknownOperationException");
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it("routes runtime paths to bedrock-agent-runtime, reached by the JS client over HTTP/2", async () => {
    await using t = await emulatorWithClient();
    const runtime = new BedrockAgentRuntimeClient({
      endpoint: t.emulator.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
    const err = await errorOf(
      runtime.send(
        new InvokeAgentCommand({
          agentId: "AAAAAAAAAA",
          agentAliasId: "TSTALIASID",
          sessionId: "s1",
          inputText: "hi",
        }),
      ),
    );
    runtime.destroy();
    // The runtime answered (the control plane would say UnknownOperationException): no such agent.
    expect(err.name).toBe("ResourceNotFoundException");
    expect(err.$metadata?.httpStatusCode).toBe(404);
    expect(err.message).toContain("AAAAAAAAAA");
  });

  it("wipes all state on POST /_agentctl/reset", async () => {
    await using t = await emulatorWithClient();
    await createReadyAgent(t.client, "to-be-wiped");
    const res = await http1(t.emulator.endpoint, "POST", "/_agentctl/reset");
    expect(res.status).toBe(200);
    expect((await t.client.send(new ListAgentsCommand({}))).agentSummaries).toEqual([]);
  });

  it("writes one NDJSON access-log line per request, without headers or credentials", async () => {
    const dir = mkdtempSync(join(tmpdir(), "agentctl-log-"));
    try {
      const accessLogFile = join(dir, "access.ndjson");
      {
        await using emulator = await startEmulator({ dbPath: ":memory:", accessLogFile });
        const client = clientFor(emulator);
        await client.send(new CreateAgentCommand({ agentName: "logged" }));
        await errorOf(client.send(new CreateAgentCommand({ agentName: "logged" })));
        await http1(emulator.endpoint, "GET", "/nowhere");
        client.destroy();
      }
      const text = readFileSync(accessLogFile, "utf8");
      const lines = text
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => [l.operation, l.status, l.errorType])).toEqual([
        ["CreateAgent", 202, undefined],
        ["CreateAgent", 409, "ConflictException"],
        ["Unknown", 404, "UnknownOperationException"],
      ]);
      for (const line of lines) {
        expect(Object.keys(line).sort()).toEqual(
          [
            "durationMs",
            "operation",
            "requestId",
            "status",
            "time",
            ...(line.errorType ? ["errorType"] : []),
          ].sort(),
        );
      }
      expect(text).not.toMatch(/authorization|Credential=|test\/\d{8}/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the emulator's HTTP server with garbage input", () => {
  it("answers bytes that are not HTTP with an AWS-shaped 400 and keeps serving", async () => {
    await using t = await emulatorWithClient();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(t.emulator.port, "127.0.0.1", () =>
        socket.write("this is not http\r\n\r\n"),
      );
      let text = "";
      socket.on("data", (c) => {
        text += String(c);
      });
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(reply).toContain("x-amzn-ErrorType: SerializationException");
    expect(reply).toMatch(/x-amzn-RequestId: [0-9a-f-]{36}/);
    expect((await t.client.send(new ListAgentsCommand({}))).agentSummaries).toEqual([]);
  });
});
