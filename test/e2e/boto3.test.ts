/**
 * Issue 7 end to end: boto3's invoke_agent, against the emulator `agentctl local serve` runs for
 * the deployed sample, reads the same final text and the same trace events as
 * `agentctl invoke --json`. Skips with the reason when python3 or boto3 is missing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerRecord, type ServerRecord } from "../../src/core/local/server-record.js";
import { sampleCopy } from "../deploy/helpers.js";
import { boto3Missing, isolatedPythonEnv, runPython } from "../helpers/python.js";
import { repoRoot, spawnCliAsync } from "../helpers/run-cli.js";
import { cliIn, deploy } from "./support.js";

const skipReason = boto3Missing();
if (skipReason) console.warn(`skipping boto3 end-to-end invoke: ${skipReason}`);

const invokeAgentScript = path.join(repoRoot, "test/python/invoke_agent.py");
const boto3Invoke = (vars: Record<string, string>) => runPython(invokeAgentScript, isolatedPythonEnv(vars));

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(skipReason !== undefined)("boto3 invoke_agent on the served, deployed sample", () => {
  let project: ReturnType<typeof sampleCopy>;
  let serve: ReturnType<typeof spawnCliAsync> | undefined;
  let server: ServerRecord;

  beforeAll(async () => {
    project = sampleCopy();
    serve = spawnCliAsync(["local", "serve", "--access-log", "access.ndjson"], { cwd: project.dir });
    server = await until(() => readServerRecord(project.dir), "local serve's server.json");
    // The in-process CLI finds server.json and deploys to that emulator, not one of its own.
    await deploy(project.dir);
  }, 60_000);

  afterAll(async () => {
    serve?.child.kill("SIGINT");
    const stopped = await serve;
    project[Symbol.dispose]();
    expect(stopped?.code).toBe(0);
  });

  it("reads the final text and the trace event kinds agentctl invoke --json reads", async () => {
    const inputText = 'Validate order ORD-9 with items [{"productId":"PROD123"},{"productId":"PROD456"}]';
    const js = await cliIn(project.dir)([
      "--json",
      "invoke",
      "order-validation",
      inputText,
      "--session-id",
      "js-e2e",
    ]);
    expect(js.code).toBe(0);
    const lines = js.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
    const result = lines.at(-1)?.result as { text: string; agentId: string; agentAliasId: string };
    expect(result.text).toBe("INVALID: Cloud Gadget (PROD456) is out of stock.");
    const events = lines.slice(0, -1);

    const run = await boto3Invoke({
      ENDPOINT: server.endpoint,
      AGENT_ID: result.agentId,
      ALIAS_ID: result.agentAliasId,
      SESSION_ID: "py-e2e",
      INPUT_TEXT: inputText,
    });
    expect(run.stderr).toBe("");
    const py = JSON.parse(run.stdout) as {
      text: string;
      sessionId: string;
      events: string[];
      traces: { shape: string; agentId: string; agentVersion: string }[];
      error: string | null;
    };
    expect(py.error).toBeNull();
    expect(py.sessionId).toBe("py-e2e");
    expect(py.text).toBe(result.text);
    expect(py.events).toEqual(events.map((e) => Object.keys(e)[0]));
    const shapeOf = (e: Record<string, Record<string, unknown>>) => {
      const part = e.trace?.trace as Record<string, Record<string, unknown>>;
      const outer = Object.keys(part)[0] as string;
      return `${outer}.${Object.keys(part[outer] ?? {})[0]}`;
    };
    expect(py.traces.map((t) => t.shape)).toEqual(events.filter((e) => e.trace).map(shapeOf));
    expect(py.traces.map((t) => t.shape)).toContain("orchestrationTrace.observation");
    // Both clients, and the deploy before them, talked to the one served emulator.
    const served = readFileSync(path.join(project.dir, "access.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { operation: string }).operation);
    expect(served).toContain("CreateAgent");
    expect(served.filter((o) => o === "InvokeAgent")).toHaveLength(2);
    // The alias serves version 1, not the draft.
    expect(new Set(py.traces.map((t) => `${t.agentId}/${t.agentVersion}`))).toEqual(
      new Set([`${result.agentId}/1`]),
    );
  });
});
