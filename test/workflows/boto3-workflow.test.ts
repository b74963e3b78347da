/**
 * boto3's `stepfunctions` client runs the deployed sample workflow on the emulator
 * `agentctl local serve` runs (test/python/sfn_sample_workflow.py): finds the state machine
 * deploy made, answers the approval task token it reads from the history, ships a small order
 * straight through, and gets InvalidExecutionInput for input that is not JSON.
 * Skips with the reason when python3 or boto3 is missing.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerRecord, type ServerRecord } from "../../src/core/local/server-record.js";
import { boto3Missing, isolatedPythonEnv, runPython } from "../helpers/python.js";
import { repoRoot, runCli, spawnCliAsync } from "../helpers/run-cli.js";

const SAMPLE = ["agentctl.yaml", "agents", "openapi", "templates", "order.json", "order-out-of-stock.json"];
const script = path.join(repoRoot, "test/python/sfn_sample_workflow.py");

const skipReason = boto3Missing();
if (skipReason) console.warn(`skipping boto3 sample workflow: ${skipReason}`);

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(skipReason !== undefined)(
  "boto3 stepfunctions on the served, deployed sample workflow",
  () => {
    let dir: string;
    let serve: ReturnType<typeof spawnCliAsync> | undefined;
    let server: ServerRecord;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), "agentctl-boto3-workflow-"));
      for (const entry of SAMPLE)
        cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
      serve = spawnCliAsync(["local", "serve"], { cwd: dir });
      server = await until(() => readServerRecord(dir), "local serve's server.json");
      // The in-process CLI finds server.json and deploys to the served emulator.
      const deployed = await runCli(["deploy"], { cwd: dir });
      expect(deployed.code, deployed.stderr).toBe(0);
    }, 60_000);

    afterAll(async () => {
      if (serve?.child.pid !== undefined) process.kill(serve.child.pid, "SIGINT");
      const stopped = await serve;
      rmSync(dir, { recursive: true, force: true });
      expect(stopped?.code, stopped?.stderr).toBe(0);
    });

    it("approves by task token, ships a small order, rejects input that is not JSON", async () => {
      const { code, output } = await runPython(
        script,
        isolatedPythonEnv({ ENDPOINT: server.endpoint, PROJECT: dir }),
      );
      expect(code, `sfn_sample_workflow.py failed:\n${output}`).toBe(0);
      expect(output).toMatch(/SHIPPED: order ORD-5005, tracking number TRACK-ORD-5005-\d{4}/);
      // The CLI, another client on the same emulator, sees what boto3 did.
      const listed = await runCli(["--json", "executions"], { cwd: dir });
      const executions = (JSON.parse(listed.stdout) as { executions: { name: string; status: string }[] })
        .executions;
      expect(executions.find((e) => e.name === "boto3-approve")?.status).toBe("SUCCEEDED");
      expect(executions.filter((e) => e.status === "SUCCEEDED")).toHaveLength(2);
    }, 120_000);
  },
);
