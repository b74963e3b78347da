/**
 * Durable executions: the emulator process is SIGKILLed mid-execution and a
 * new process on the same database file finishes the work — a callback task
 * answered there, a Wait that fell due while nothing ran, an integration call
 * the dead process had under way.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { Store } from "../../../src/emulator/store/index.js";
import { tempDir } from "../support.js";
import { ROLE, sfnClientFor, sfnEmulator, until } from "./support.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));

async function spawnEmulator(
  dbPath: string,
  mode = "echo",
  leaseMs = 30_000,
): Promise<{ child: ChildProcess; sfn: SFNClient }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      join(fixtures, "ts-resolve.mjs"),
      join(fixtures, "sfn-serve-child.ts"),
      dbPath,
      mode,
      String(leaseMs),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const exited = once(child, "exit").then(() => {
    throw new Error(`emulator child exited before listening: ${stderr}`);
  });
  const [line] = (await Promise.race([once(lines, "line"), exited])) as [string];
  lines.close();
  return { child, sfn: sfnClientFor((JSON.parse(line) as { endpoint: string }).endpoint) };
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

const APPROVAL = JSON.stringify({
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Parameters: { "order.$": "$.order" }, Next: "Approve" },
    Approve: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Parameters: { FunctionName: "notify", Payload: { "token.$": "$$.Task.Token", "order.$": "$.order" } },
      ResultPath: "$.approval",
      Next: "Done",
    },
    Done: { Type: "Pass", End: true },
  },
});

async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
}

/** The token, read back from TaskScheduled's parameters once the task waits. */
async function waitingToken(sfn: SFNClient, executionArn: string): Promise<string> {
  const events = await until(
    () => history(sfn, executionArn),
    (e) => e.some((x) => x.type === "TaskSubmitted"),
    "the callback task",
  );
  const scheduled = events.find((e) => e.type === "TaskScheduled");
  return (
    JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? "{}") as { Payload: { token: string } }
  ).Payload.token;
}

async function finished(sfn: SFNClient, executionArn: string) {
  return until(
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (d) => d.status !== "RUNNING",
    "the execution to end",
  );
}

/** What must match between runs: everything but times and the random part of tokens. */
const comparable = (events: HistoryEvent[]) =>
  JSON.parse(
    JSON.stringify(events, (key, value) => (key === "timestamp" ? undefined : value)).replace(
      /[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{32}/g,
      "TOKEN",
    ),
  );

async function startApproval(sfn: SFNClient) {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: "approval", definition: APPROVAL, roleArn: ROLE }),
  );
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, name: "order-1", input: '{"order":{"id":7}}' }),
  );
  return executionArn as string;
}

describe("durable Step Functions executions", () => {
  it("survives SIGKILL while waiting on a task token and completes on SendTaskSuccess in a new process, with the same history", async () => {
    // The uninterrupted run, for comparison.
    let reference: HistoryEvent[];
    {
      // The same echoing handler as the child processes'.
      const echo = (req: { input: unknown }) => ({
        ok: true as const,
        output: { StatusCode: 200, Payload: (req.input as { Payload: never }).Payload },
      });
      await using t = await sfnEmulator({}, { integrations: { "lambda:invoke": echo } });
      const arn = await startApproval(t.sfn);
      await t.sfn.send(
        new SendTaskSuccessCommand({
          taskToken: await waitingToken(t.sfn, arn),
          output: '{"approved":true}',
        }),
      );
      expect((await finished(t.sfn, arn)).status).toBe("SUCCEEDED");
      reference = await history(t.sfn, arn);
    }
    using dir = tempDir();
    const dbPath = join(dir.path, "sfn.db");
    const first = await spawnEmulator(dbPath);
    const arn = await startApproval(first.sfn);
    const token = await waitingToken(first.sfn, arn);
    await kill(first.child);
    first.sfn.destroy();

    const second = await spawnEmulator(dbPath);
    try {
      expect((await second.sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status).toBe(
        "RUNNING",
      );
      await second.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
      const done = await finished(second.sfn, arn);
      expect(done.status).toBe("SUCCEEDED");
      expect(JSON.parse(done.output ?? "null")).toEqual({ order: { id: 7 }, approval: { approved: true } });
      const events = await history(second.sfn, arn);
      expect(comparable(events)).toEqual(comparable(reference));
    } finally {
      await kill(second.child);
      second.sfn.destroy();
    }
  }, 60_000);

  it("resumes positions inside Parallel branches and Map iterations after SIGKILL", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "sfn.db");
    const callback = {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Parameters: { Payload: { "token.$": "$$.Task.Token" } },
      End: true,
    };
    const definition = JSON.stringify({
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "Each",
              States: {
                Each: {
                  Type: "Map",
                  ItemProcessor: { StartAt: "Ask", States: { Ask: callback } },
                  End: true,
                },
              },
            },
            { StartAt: "Counted", States: { Counted: { Type: "Pass", Result: "other branch", End: true } } },
          ],
          End: true,
        },
      },
    });
    const first = await spawnEmulator(dbPath);
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({ name: "nested", definition, roleArn: ROLE }),
    );
    const { executionArn } = await first.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '["a","b"]' }),
    );
    const events = await until(
      () => history(first.sfn, executionArn as string),
      (e) => e.filter((x) => x.type === "TaskSubmitted").length === 2,
      "both iterations to wait",
    );
    const tokens = events
      .filter((e) => e.type === "TaskScheduled")
      .map(
        (e) =>
          (JSON.parse(e.taskScheduledEventDetails?.parameters ?? "{}") as { Payload: { token: string } })
            .Payload.token,
      );
    await kill(first.child);
    first.sfn.destroy();
    const second = await spawnEmulator(dbPath);
    try {
      await second.sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[1], output: '"second"' }));
      await second.sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: '"first"' }));
      const done = await finished(second.sfn, executionArn as string);
      expect(done.status).toBe("SUCCEEDED");
      expect(JSON.parse(done.output ?? "null")).toEqual([["first", "second"], "other branch"]);
    } finally {
      await kill(second.child);
      second.sfn.destroy();
    }
  }, 60_000);

  it("is never half-advanced: killed in the middle of a long run, it resumes from the last committed transition", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "sfn.db");
    // Long enough to be caught mid-run (about a second of durable transitions).
    const count = 4_000;
    const states: Record<string, unknown> = {};
    for (let i = 0; i < count; i++)
      states[`S${i}`] = {
        Type: "Pass",
        Parameters: { "n.$": "States.MathAdd($.n, 1)" },
        ...(i === count - 1 ? { End: true } : { Next: `S${i + 1}` }),
      };
    const first = await spawnEmulator(dbPath);
    const definition = JSON.stringify({ StartAt: "S0", States: states });
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({ name: "long", definition, roleArn: ROLE }),
    );
    const { executionArn } = await first.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"n":0}' }),
    );
    await until(
      () => history(first.sfn, executionArn as string),
      (e) => e.length > 20,
      "the run to get going",
    );
    await kill(first.child);
    first.sfn.destroy();
    // Read the file the dead process left: mid-run, and consistent (the state's event count matches the history).
    {
      const store = new Store(dbPath);
      const row = store.db.statement("SELECT status, doc FROM sfn_executions").get() as {
        status: string;
        doc: string;
      };
      const events = store.db.statement("SELECT count(*) AS n FROM sfn_history").get() as { n: number };
      store.close();
      expect(row.status).toBe("RUNNING");
      expect(Number(events.n)).toBeLessThan(2 * count);
      expect((JSON.parse(row.doc) as { nextEventId: number }).nextEventId).toBe(Number(events.n) + 1);
    }
    const second = await spawnEmulator(dbPath);
    try {
      const done = await finished(second.sfn, executionArn as string);
      expect([done.status, done.output]).toEqual(["SUCCEEDED", `{"n":${count}}`]);
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await second.sfn.send(
          new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }),
        );
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
      // Every state entered and exited exactly once, in order: nothing lost, nothing repeated.
      const entered = events
        .filter((e) => e.type === "PassStateEntered")
        .map((e) => e.stateEnteredEventDetails?.name);
      expect(entered).toEqual(Array.from({ length: count }, (_, i) => `S${i}`));
      expect(events.filter((e) => e.type === "PassStateExited")).toHaveLength(count);
    } finally {
      await kill(second.child);
      second.sfn.destroy();
    }
  }, 60_000);

  it("fires a Wait that fell due while no emulator was running", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "sfn.db");
    const first = await spawnEmulator(dbPath);
    const definition = JSON.stringify({
      StartAt: "W",
      States: { W: { Type: "Wait", Seconds: 1, Next: "P" }, P: { Type: "Pass", Result: "woke", End: true } },
    });
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({ name: "waiter", definition, roleArn: ROLE }),
    );
    const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    await until(
      () => history(first.sfn, executionArn as string),
      (e) => e.some((x) => x.type === "WaitStateEntered"),
      "the wait",
    );
    await kill(first.child);
    first.sfn.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const second = await spawnEmulator(dbPath);
    try {
      const done = await finished(second.sfn, executionArn as string);
      expect([done.status, done.output]).toEqual(["SUCCEEDED", '"woke"']);
    } finally {
      await kill(second.child);
      second.sfn.destroy();
    }
  }, 60_000);

  it("re-dispatches an integration call whose process died once its claim lapses", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "sfn.db");
    const first = await spawnEmulator(dbPath, "hang", 300);
    const definition = JSON.stringify({
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { Payload: { n: 1 } },
          OutputPath: "$.Payload",
          End: true,
        },
      },
    });
    const { stateMachineArn } = await first.sfn.send(
      new CreateStateMachineCommand({ name: "call", definition, roleArn: ROLE }),
    );
    const { executionArn } = await first.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    await until(
      () => history(first.sfn, executionArn as string),
      (e) => e.some((x) => x.type === "TaskStarted"),
      "the call",
    );
    await kill(first.child);
    first.sfn.destroy();
    const second = await spawnEmulator(dbPath, "echo", 300);
    try {
      const done = await finished(second.sfn, executionArn as string);
      expect([done.status, done.output]).toEqual(["SUCCEEDED", '{"n":1}']);
      const types = (await history(second.sfn, executionArn as string)).map((e) => e.type);
      expect(types).toEqual([
        "ExecutionStarted",
        "TaskStateEntered",
        "TaskScheduled",
        "TaskStarted",
        "TaskSucceeded",
        "TaskStateExited",
        "ExecutionSucceeded",
      ]);
    } finally {
      await kill(second.child);
      second.sfn.destroy();
    }
  }, 60_000);
});
