/**
 * Two emulators on one database file (as `agentctl local serve` beside a CLI
 * command): both poll the same timers and accept the same tokens, and every
 * transition still happens exactly once.
 */
import { join } from "node:path";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { errorOf, tempDir } from "../support.js";
import { ROLE, sfnEmulator, until } from "./support.js";

describe("two emulators sharing a database file", () => {
  it("fire each Wait once and apply each task answer once", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "shared.db");
    const tokens: string[] = [];
    const integrations = {
      "lambda:invoke": (req: { ctx: { taskToken?: string } }) => {
        if (req.ctx.taskToken) tokens.push(req.ctx.taskToken);
        return { ok: true as const, output: {} };
      },
    };
    await using a = await sfnEmulator({ dbPath }, { integrations });
    await using b = await sfnEmulator({ dbPath }, { integrations });
    const definition = JSON.stringify({
      StartAt: "W",
      States: {
        W: { Type: "Wait", Seconds: 1, Next: "Ask" },
        Ask: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { "t.$": "$$.Task.Token" },
          Next: "Done",
        },
        Done: { Type: "Pass", End: true },
      },
    });
    const { stateMachineArn } = await a.sfn.send(
      new CreateStateMachineCommand({ name: "shared", definition, roleArn: ROLE }),
    );
    const arns: string[] = [];
    for (let i = 0; i < 4; i++) {
      const via = i % 2 === 0 ? a.sfn : b.sfn;
      arns.push(
        (await via.send(new StartExecutionCommand({ stateMachineArn, name: `e${i}` })))
          .executionArn as string,
      );
    }
    await until(
      async () => tokens.length,
      (n) => n >= 4,
      "every execution to wait for its token",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tokens).toHaveLength(4);
    // Answer every token in both processes at once: exactly one answer per token is applied.
    const answers = await Promise.allSettled(
      tokens.flatMap((taskToken) =>
        [a.sfn, b.sfn].map((c) => c.send(new SendTaskSuccessCommand({ taskToken, output: '"ok"' }))),
      ),
    );
    expect(answers.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    for (const r of answers)
      if (r.status === "rejected") expect((r.reason as Error).name).toBe("TaskDoesNotExist");
    for (const executionArn of arns) {
      const done = await until(
        () => b.sfn.send(new DescribeExecutionCommand({ executionArn })),
        (d) => d.status !== "RUNNING",
        "the end",
      );
      expect(done.status).toBe("SUCCEEDED");
      const events = (await a.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
      expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === "WaitStateExited")).toHaveLength(1);
      expect(events.filter((e) => e.type === "TaskSucceeded")).toHaveLength(1);
    }
    expect(
      (await errorOf(a.sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: "{}" })))).name,
    ).toBe("TaskDoesNotExist");
  }, 30_000);
});
