import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { ROLE, sfnEmulator, until } from "./support.js";

describe("Step Functions over the wire", () => {
  it("runs a task-token execution end to end", async () => {
    let token = "";
    await using t = await sfnEmulator(
      {},
      {
        integrations: {
          "lambda:invoke": (req) => {
            token = String((req.input as { Payload: { token: string } }).Payload.token);
            return { ok: true, output: { StatusCode: 202 } };
          },
        },
      },
    );
    const definition = JSON.stringify({
      StartAt: "Ask",
      States: {
        Ask: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Parameters: { FunctionName: "notify", Payload: { "token.$": "$$.Task.Token" } },
          End: true,
        },
      },
    });
    const { stateMachineArn } = await t.sfn.send(
      new CreateStateMachineCommand({ name: "m", definition, roleArn: ROLE }),
    );
    const { executionArn } = await t.sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
    await until(
      async () => token,
      (v) => v !== "",
      "the token",
    );
    await t.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok":true}' }));
    const done = await until(
      () => t.sfn.send(new DescribeExecutionCommand({ executionArn })),
      (d) => d.status !== "RUNNING",
      "the end",
    );
    expect(done.status).toBe("SUCCEEDED");
    expect(done.output).toBe('{"ok":true}');
    const history = await t.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(history.events?.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSubmitted",
      "TaskSucceeded",
      "TaskStateExited",
      "ExecutionSucceeded",
    ]);
  });
});
