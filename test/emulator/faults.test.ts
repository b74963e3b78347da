import http from "node:http";
import { CreateAgentCommand, GetAgentCommand } from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import { parseFaultSpec, startEmulator } from "../../src/emulator/index.js";
import { clientFor, createReadyAgent, emulatorWithClient, errorOf, prepare } from "./support.js";

describe("parseFaultSpec", () => {
  it("reads rates and a seed", () => {
    expect(parseFaultSpec("throttle=0.1, error500=0.05,prepareFailure=0.2,seed=42")).toEqual({
      throttle: 0.1,
      error500: 0.05,
      prepareFailure: 0.2,
      seed: 42,
    });
    expect(parseFaultSpec("")).toMatchObject({ throttle: 0, error500: 0, prepareFailure: 0 });
  });

  it.each([
    ["throttle=2", /between 0 and 1/],
    ["throttle=abc", /not a number/],
    ["throttle", /name=value/],
    ["slowness=0.5", /Unknown fault "slowness"/],
    ["seed=1.5", /integer/],
    ["throttle=0.1,throttle=0.2", /twice/],
  ])("rejects %s with a clear message", (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });

  it("makes startEmulator reject a bad spec", async () => {
    await expect(startEmulator({ dbPath: ":memory:", faults: "nope=1" })).rejects.toThrow(/Unknown fault/);
  });
});

describe("injected faults", () => {
  it("throttles with 429 ThrottlingException and fails with 500 InternalServerException", async () => {
    await using throttled = await emulatorWithClient({ faults: "throttle=1" });
    const t = await errorOf(throttled.client.send(new GetAgentCommand({ agentId: "AAAAAAAAAA" })));
    expect(t.name).toBe("ThrottlingException");
    expect(t.$metadata?.httpStatusCode).toBe(429);
    await using broken = await emulatorWithClient({ faults: "error500=1" });
    const e = await errorOf(broken.client.send(new GetAgentCommand({ agentId: "AAAAAAAAAA" })));
    expect(e.name).toBe("InternalServerException");
    expect(e.$metadata?.httpStatusCode).toBe(500);
  });

  it("never faults the emulator's own endpoints", async () => {
    await using t = await emulatorWithClient({ faults: "throttle=1" });
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get(`${t.emulator.endpoint}/_agentctl/health`, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on("error", reject);
    });
    expect(status).toBe(200);
  });

  it("is repeatable for a given seed", async () => {
    const outcomes = async () => {
      await using t = await emulatorWithClient({ faults: "throttle=0.5,seed=7" });
      const seen: string[] = [];
      for (let i = 0; i < 20; i++) {
        const r = await t.client.send(new CreateAgentCommand({ agentName: `a${i}` })).catch((e: Error) => e);
        seen.push(r instanceof Error ? r.name : "ok");
      }
      return seen;
    };
    const first = await outcomes();
    expect(first).toContain("ok");
    expect(first).toContain("ThrottlingException");
    expect(await outcomes()).toEqual(first);
  });

  it("lets the SDK's own retries ride over throttling", async () => {
    await using emulator = await startEmulator({ dbPath: ":memory:", faults: "throttle=0.3,seed=3" });
    const client = clientFor(emulator, 10);
    for (let i = 0; i < 5; i++) await client.send(new CreateAgentCommand({ agentName: `retry${i}` }));
    client.destroy();
  });

  it("ends PrepareAgent FAILED when prepareFailure fires", async () => {
    await using t = await emulatorWithClient({ faults: "prepareFailure=1" });
    const agentId = await createReadyAgent(t.client, "unlucky");
    const failed = await prepare(t.client, agentId);
    expect(failed.agentStatus).toBe("FAILED");
    expect(failed.failureReasons?.join(" ")).toContain("Injected failure");
  });
});
