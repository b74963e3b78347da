/**
 * The sample's order workflow end to end on the emulator, through the real CLI as a user
 * runs it: deploy, then run-workflow with the sample inputs. Each path is asserted on the
 * execution's history and on what reached the outbox or the agents.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../helpers/run-cli.js";

const SAMPLE = ["agentctl.yaml", "agents", "openapi", "templates", "order.json", "order-out-of-stock.json"];

function sampleCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "agentctl-sample-workflow-"));
  for (const entry of SAMPLE) cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

/** Edits the sample template in a copy: `edit` gets and returns its YAML text. */
function editTemplate(dir: string, edit: (text: string) => string): void {
  const file = path.join(dir, "templates/order-workflow.asl.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
}

interface Run {
  code: number;
  events: { type: string; [k: string]: unknown }[];
  result: { status: string; output?: unknown; error?: string; cause?: string; executionArn: string };
  stdout: string;
}

async function runWorkflow(dir: string, input: string, ...flags: string[]): Promise<Run> {
  const r = await runCli(["--json", "run-workflow", input, ...flags], { cwd: dir });
  const lines = r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const last = lines.at(-1);
  if (!last?.result) throw new Error(`run-workflow gave no result (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, events: lines.slice(0, -1), result: last.result, stdout: r.stdout };
}

const enteredStates = (run: Run) =>
  run.events
    .filter((e) => e.type.endsWith("StateEntered"))
    .map((e) => (e.stateEnteredEventDetails as { name: string }).name);

describe("the sample order workflow", () => {
  let dir: string;
  beforeAll(async () => {
    dir = sampleCopy();
    const deployed = await runCli(["deploy"], { cwd: dir });
    expect(deployed.code, deployed.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("ships a valid order and prints the tracking number", async () => {
    const run = await runWorkflow(dir, "order.json");
    expect(run.code).toBe(0);
    expect(run.result.status).toBe("SUCCEEDED");
    expect(enteredStates(run)).toEqual([
      "ValidateOrder",
      "CheckValidation",
      "CheckApproval",
      "ShipOrder",
      "CheckShipment",
      "OrderComplete",
    ]);
    expect(JSON.stringify(run.result.output)).toMatch(
      /SHIPPED: order ORD-1001, tracking number TRACK-ORD-1001-\d{4}/,
    );
    const human = await runCli(["run-workflow", "order.json"], { cwd: dir });
    expect(human.stdout).toMatch(/◆ agent order-validation: .*1 tool call/);
    expect(human.stdout).toContain("TRACK-ORD-1001-");
    expect(human.stdout).toContain("■ SUCCEEDED");
    expect(await approvalRequests(dir, "ORD-1001")).toBe(0);
  });

  it("routes an out-of-stock order to the failure notification and ends FAILED saying why", async () => {
    const run = await runWorkflow(dir, "order-out-of-stock.json");
    expect(run.code).toBe(1);
    expect(run.result.status).toBe("FAILED");
    expect(enteredStates(run)).toEqual([
      "ValidateOrder",
      "CheckValidation",
      "ValidationFailed",
      "NotifyFailure",
      "OrderFailed",
    ]);
    expect(`${run.result.error} ${run.result.cause}`).toMatch(/PROD456/);
    expect(run.stdout).toContain("NOTIFIED");
    expect(await approvalRequests(dir, "ORD789")).toBe(0);
  });

  it("waits for approval over the threshold; approve from another process continues it", async () => {
    writeFileSync(
      path.join(dir, "big.json"),
      JSON.stringify({ orderId: "ORD-2002", items: [{ productId: "PROD123", quantity: 9 }], total: 899.91 }),
    );
    const started = await runCli(
      ["--json", "run-workflow", "big.json", "--name", "big-approve", "--detach"],
      { cwd: dir },
    );
    expect(started.code, started.stderr).toBe(0);
    await untilWaiting(dir, "big-approve");
    const outbox = await runCli(["local", "outbox", "--topic", "order-approvals"], { cwd: dir });
    expect(outbox.stdout).toContain("Order ORD-2002 totals 899.91 USD and needs approval");
    expect((await runCli(["approve", "big-approve"], { cwd: dir })).code).toBe(0);
    const done = await finished(dir, "big-approve");
    expect(done.status).toBe("SUCCEEDED");
    expect(JSON.stringify(done.output)).toMatch(
      /SHIPPED: order ORD-2002, tracking number TRACK-ORD-2002-\d{4}/,
    );
    expect(await approvalRequests(dir, "ORD-2002")).toBe(1);
  });

  it("a rejection fails the order with the reviewer's cause", async () => {
    writeFileSync(
      path.join(dir, "big2.json"),
      JSON.stringify({ orderId: "ORD-2003", items: [{ productId: "PROD123", quantity: 9 }], total: 899.91 }),
    );
    await runCli(["run-workflow", "big2.json", "--name", "big-reject", "--detach"], { cwd: dir });
    await untilWaiting(dir, "big-reject");
    expect((await runCli(["reject", "big-reject", "--cause", "over budget"], { cwd: dir })).code).toBe(0);
    const done = await finished(dir, "big-reject");
    expect(done.status).toBe("FAILED");
    const replay = await runCli(["execution", "big-reject"], { cwd: dir });
    expect(replay.stdout).toContain("Rejected");
    expect(replay.stdout).toContain("over budget");
    expect(replay.stdout).toContain("↷ WaitForApproval caught Rejected");
    expect(replay.stdout).toContain("NOTIFIED");
    expect(await approvalRequests(dir, "ORD-2003")).toBe(1);
  });
});

describe("the sample workflow's failure paths (edited copies)", () => {
  it("a shipping failure notifies and fails", async () => {
    const dir = sampleCopy();
    try {
      editTemplate(dir, (t) =>
        t.replace(
          "      Agent: shipping\n",
          '      Agent: shipping\n      SessionAttributes:\n        shippingFailureRate: "1"\n',
        ),
      );
      expect((await runCli(["deploy"], { cwd: dir })).code).toBe(0);
      const run = await runWorkflow(dir, "order.json");
      expect(run.result.status).toBe("FAILED");
      expect(enteredStates(run)).toEqual([
        "ValidateOrder",
        "CheckValidation",
        "CheckApproval",
        "ShipOrder",
        "CheckShipment",
        "ShippingFailed",
        "NotifyFailure",
        "OrderFailed",
      ]);
      expect(run.result).toMatchObject({ error: "ShippingFailed" });
      expect(run.result.cause).toContain("could not create a shipment for order ORD-1001");
      expect(await approvalRequests(dir, "ORD-1001")).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an approval nobody answers times out into the failure path", async () => {
    const dir = sampleCopy();
    try {
      editTemplate(dir, (t) => t.replace("TimeoutSeconds: 86400", "TimeoutSeconds: 1"));
      expect((await runCli(["deploy"], { cwd: dir })).code).toBe(0);
      writeFileSync(
        path.join(dir, "big.json"),
        JSON.stringify({
          orderId: "ORD-2004",
          items: [{ productId: "PROD123", quantity: 9 }],
          total: 899.91,
        }),
      );
      const run = await runWorkflow(dir, "big.json");
      expect(run.result.status).toBe("FAILED");
      expect(run.events.map((e) => e.type)).toContain("TaskTimedOut");
      expect(enteredStates(run)).toEqual([
        "ValidateOrder",
        "CheckValidation",
        "CheckApproval",
        "WaitForApproval",
        "NotifyFailure",
        "OrderFailed",
      ]);
      expect(run.result).toMatchObject({ error: "States.Timeout" });
      expect(await approvalRequests(dir, "ORD-2004")).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** How many approval requests for `orderId` the workflow published to the outbox. */
async function approvalRequests(dir: string, orderId: string): Promise<number> {
  const r = await runCli(["--json", "local", "outbox", "--topic", "order-approvals"], { cwd: dir });
  const { messages } = JSON.parse(r.stdout) as { messages: { Message: string }[] };
  return messages.filter((m) => m.Message.includes(`Order ${orderId} `)).length;
}

async function untilWaiting(dir: string, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await runCli(["execution", name], { cwd: dir });
    if (r.stdout.includes("approve:")) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`${name} never waited for approval`);
}

async function finished(dir: string, name: string): Promise<Run["result"]> {
  for (let i = 0; i < 100; i++) {
    const r = await runCli(["--json", "execution", name], { cwd: dir });
    const last = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}");
    if (last.result && last.result.status !== "RUNNING") return last.result;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`${name} did not finish`);
}
