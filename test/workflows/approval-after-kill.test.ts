/**
 * An execution waiting for approval outlives the process that started it: `run-workflow` is
 * SIGKILLed while the sample order waits in WaitForApproval, and later processes list it as
 * RUNNING, approve it by name and see it ship. The approval request reached the topic once.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli, spawnCliAsync } from "../helpers/run-cli.js";

const SAMPLE = ["agentctl.yaml", "agents", "openapi", "templates", "order.json", "order-out-of-stock.json"];
const NAME = "big-after-kill";
const ORDER = { orderId: "ORD-4004", items: [{ productId: "PROD123", quantity: 9 }], total: 899.91 };

interface HistoryEvent {
  type: string;
  id: number;
  stateEnteredEventDetails?: { name: string };
  stateExitedEventDetails?: { name: string };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("approval after the run-workflow process was killed", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "agentctl-approval-kill-"));
    for (const entry of SAMPLE)
      cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
    writeFileSync(path.join(dir, "big.json"), JSON.stringify(ORDER));
    const deployed = await runCli(["deploy"], { cwd: dir });
    expect(deployed.code, deployed.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists it RUNNING, approves it by name, and it ships with the one request published", async () => {
    const run = spawnCliAsync(["run-workflow", "big.json", "--name", NAME], { cwd: dir });
    let stdout = "";
    run.child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    const token = await until(async () => {
      if (run.child.exitCode !== null) throw new Error(`run-workflow exited early:\n${(await run).stderr}`);
      return /approve: agentctl approve (\S+)/.exec(stdout)?.[1];
    }, "run-workflow to print the approve line");
    run.child.kill("SIGKILL");
    const killed = await run;
    expect(killed.code).toBe(-1);
    expect(killed.stdout).not.toContain("SUCCEEDED");

    const listed = await runCli(["--json", "executions"], { cwd: dir });
    expect(listed.code, listed.stderr).toBe(0);
    const executions = (JSON.parse(listed.stdout) as { executions: { name: string; status: string }[] })
      .executions;
    expect(executions.find((e) => e.name === NAME)?.status).toBe("RUNNING");

    const approved = await runCli(["approve", NAME], { cwd: dir });
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain("approved WaitForApproval");

    const finished = await until(async () => {
      const r = await runCli(["--json", "execution", NAME], { cwd: dir });
      expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
      const lines = r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { result?: { status: string; output?: unknown } } & HistoryEvent);
      const result = lines.at(-1)?.result;
      return result && result.status !== "RUNNING" ? { result, events: lines.slice(0, -1) } : undefined;
    }, `${NAME} to finish`);
    expect(finished.result.status).toBe("SUCCEEDED");
    expect(JSON.stringify(finished.result.output)).toMatch(
      /SHIPPED: order ORD-4004, tracking number TRACK-ORD-4004-\d{4}/,
    );

    // Within WaitForApproval: the task was submitted (the request published), then succeeded on
    // the approval; nothing failed or timed out in between.
    const events = finished.events;
    const entered = events.findIndex((e) => e.stateEnteredEventDetails?.name === "WaitForApproval");
    const exited = events.findIndex((e) => e.stateExitedEventDetails?.name === "WaitForApproval");
    expect(entered).toBeGreaterThanOrEqual(0);
    expect(exited).toBeGreaterThan(entered);
    const inside = events.slice(entered + 1, exited).map((e) => e.type);
    expect(inside).toEqual(["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"]);
    expect(events.filter((e) => e.stateEnteredEventDetails?.name === "WaitForApproval")).toHaveLength(1);

    const human = await runCli(["execution", NAME], { cwd: dir });
    expect(human.stdout).toMatch(/ShipOrder[\s\S]*TRACK-ORD-4004-\d{4}/);
    expect(human.stdout).toContain("■ SUCCEEDED");

    const outbox = await runCli(["--json", "local", "outbox", "--topic", "order-approvals"], { cwd: dir });
    expect(outbox.code, outbox.stderr).toBe(0);
    const requests = (JSON.parse(outbox.stdout) as { messages: { Message: string }[] }).messages.filter((m) =>
      m.Message.includes("Order ORD-4004"),
    );
    expect(requests.map((m) => m.Message)).toEqual([
      `Order ORD-4004 totals 899.91 USD and needs approval. Task token: ${token}`,
    ]);
  }, 120_000);
});
