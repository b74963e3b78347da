/**
 * The workflow commands against the emulator's Step Functions, through the real CLI:
 * a state machine with an approval step (sns:publish.waitForTaskToken) deployed by hand
 * under the name deploy gives it, then run-workflow, approve/reject by execution name
 * or token, executions, execution, stop and the outbox.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateStateMachineCommand, GetExecutionHistoryCommand, SFNClient } from "@aws-sdk/client-sfn";
import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { runCli } from "../helpers/run-cli.js";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const DEFINITION = {
  StartAt: "Ask",
  States: {
    Ask: {
      Type: "Task",
      Resource: "arn:aws:states:::sns:publish.waitForTaskToken",
      Parameters: {
        TopicArn: "arn:aws:sns:us-east-1:000000000000:approvals",
        "Message.$": "States.Format('Approve order {}. Task token: {}', $.orderId, $$.Task.Token)",
      },
      ResultPath: "$.approval",
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Rejected" }],
      Next: "Done",
    },
    Done: { Type: "Succeed" },
    Rejected: { Type: "Fail", ErrorPath: "$.error.Error", CausePath: "$.error.Cause" },
  },
};

let emulator: RunningEmulator;
let dir: string;
let sfn: SFNClient;

const cli = (...argv: string[]) => runCli(["--endpoint-url", emulator.endpoint, ...argv], { cwd: dir });

async function waitingOn(executionArn: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const history = await sfn
      .send(new GetExecutionHistoryCommand({ executionArn }))
      .catch((err: Error) => (err.name === "ExecutionDoesNotExist" ? undefined : Promise.reject(err)));
    if (history?.events?.some((e) => e.type === "TaskSubmitted")) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${executionArn} never reached its approval step`);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "agentctl-workflow-cmds-"));
  mkdirSync(path.join(dir, "templates"));
  writeFileSync(path.join(dir, "templates/flow.asl.json"), JSON.stringify(DEFINITION));
  writeFileSync(
    path.join(dir, "agentctl.yaml"),
    "name: demo\nworkflows:\n  - name: flow\n    template: templates/flow.asl.json\n  - name: quick\n    template: templates/flow.asl.json\n    type: EXPRESS\n",
  );
  writeFileSync(path.join(dir, "order.json"), '{ "orderId": "ORD-7", "total": 900 }\n');
  writeFileSync(path.join(dir, "broken.json"), '{\n  "orderId": "ORD-7",\n  "total": 900,\n}\n');
  emulator = await startEmulator({ dbPath: ":memory:", port: 0 });
  const common = { endpoint: emulator.endpoint, region: "us-east-1", credentials };
  sfn = new SFNClient(common);
  const sns = new SNSClient(common);
  await sns.send(new CreateTopicCommand({ Name: "approvals" }));
  sns.destroy();
  await sfn.send(
    new CreateStateMachineCommand({
      name: "demo-quick",
      type: "EXPRESS",
      definition: JSON.stringify({
        StartAt: "Total",
        States: { Total: { Type: "Pass", Parameters: { "order.$": "$.orderId", checked: true }, End: true } },
      }),
      roleArn: "arn:aws:iam::000000000000:role/demo-quick",
    }),
  );
  await sfn.send(
    new CreateStateMachineCommand({
      name: "demo-flow",
      definition: JSON.stringify(DEFINITION),
      roleArn: "arn:aws:iam::000000000000:role/demo-flow",
    }),
  );
});

afterAll(async () => {
  sfn.destroy();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("workflow commands", () => {
  it("follows a run live, prints the approval commands, and exits 0 once it is approved by execution name", async () => {
    const running = cli("run-workflow", "order.json", "--workflow", "flow", "--name", "approve-me");
    await waitingOn("arn:aws:states:us-east-1:000000000000:execution:demo-flow:approve-me");
    const approved = await cli("--json", "approve", "approve-me", "--output", '{"by":"ana"}');
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ approved: true, state: "Ask" });
    const run = await running;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("→ Ask Task");
    expect(run.stdout).toMatch(/approve: agentctl approve \S{81,}/);
    expect(run.stdout).toContain("✓ Ask");
    expect(run.stdout).toMatch(/■ SUCCEEDED\noutput: .*"by":"ana"/);
  });

  it("rejects by token with the reviewer's cause: the run ends FAILED with exit 1", async () => {
    const started = await cli(
      "--json",
      "run-workflow",
      "order.json",
      "--workflow",
      "flow",
      "--name",
      "reject-me",
      "--detach",
    );
    expect(started.code).toBe(0);
    const { executionArn } = JSON.parse(started.stdout) as { executionArn: string };
    await waitingOn(executionArn);
    const replay = await cli("execution", "reject-me");
    const token = /approve: agentctl approve (\S+)/.exec(replay.stdout)?.[1];
    expect(token).toBeDefined();
    expect((await cli("reject", token ?? "", "--cause", "over budget")).code).toBe(0);
    const follow = await cli("--json", "execution", "reject-me");
    const lines = follow.stdout.trim().split("\n");
    expect(JSON.parse(lines.at(-1) ?? "{}").result).toMatchObject({
      status: "FAILED",
      error: "Rejected",
      cause: "over budget",
    });
    expect(lines.slice(0, -1).map((l) => JSON.parse(l).type)).toContain("TaskFailed");
  });

  it("lists executions, stops one, and shows the approval requests in the outbox", async () => {
    const started = await cli(
      "--json",
      "run-workflow",
      "order.json",
      "--workflow",
      "flow",
      "--name",
      "stop-me",
      "--detach",
    );
    await waitingOn(JSON.parse(started.stdout).executionArn);
    expect((await cli("stop", "stop-me", "--cause", "test")).code).toBe(0);
    const listed = await cli("--json", "executions");
    const rows = JSON.parse(listed.stdout).executions as { name: string; status: string }[];
    expect(Object.fromEntries(rows.map((r) => [r.name, r.status]))).toMatchObject({
      "approve-me": "SUCCEEDED",
      "reject-me": "FAILED",
      "stop-me": "ABORTED",
    });
    expect(
      JSON.parse((await cli("--json", "executions", "--status", "aborted")).stdout).executions,
    ).toHaveLength(1);
    const outbox = await cli("local", "outbox", "--topic", "approvals");
    expect(outbox.stdout.match(/Approve order ORD-7\. Task token: /g)).toHaveLength(3);
  });

  it("refuses input that is not JSON with its line and column, starting nothing", async () => {
    const before = JSON.parse((await cli("--json", "executions")).stdout).executions.length;
    const bad = await cli("run-workflow", "broken.json", "--workflow", "flow");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("broken.json:4:1");
    expect(JSON.parse((await cli("--json", "executions")).stdout).executions.length).toBe(before);
    const unknown = await cli("run-workflow", "order.json", "--workflow", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Its workflows: flow, quick");
  });

  it("runs an EXPRESS workflow synchronously (EXPRESS keeps no history) and prints its output", async () => {
    const run = await cli("run-workflow", "order.json", "--workflow", "quick");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("■ SUCCEEDED");
    const json = await cli("--json", "run-workflow", "order.json", "--workflow", "quick");
    expect(JSON.parse(json.stdout).result).toMatchObject({
      status: "SUCCEEDED",
      output: { order: "ORD-7", checked: true },
    });
  });
});
