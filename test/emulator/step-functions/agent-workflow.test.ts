/**
 * The workflow shape agentctl exists for (aws-behaviour.md §6.1, JSONata): a Lambda adapter
 * calls an agent, a Choice escalates to a human through `.waitForTaskToken`, the answer arrives
 * with SendTaskSuccess. Run over the wire with in-test Lambda handlers.
 */
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import type { IntegrationHandler } from "../../../src/emulator/index.js";
import type { TaskOutcome } from "../../../src/emulator/states/types.js";
import { ROLE, sfnEmulator, until } from "./support.js";

const WORKFLOW = {
  Comment: "Research with agent A, review with agent B",
  QueryLanguage: "JSONata",
  StartAt: "Research",
  States: {
    Research: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Arguments: {
        FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:agentctl-invoke-agent",
        Payload: {
          agentId: "AGENT12345",
          agentAliasId: "ALIAS12345",
          sessionId: "{% $states.context.Execution.Name %}",
          inputText: "{% $states.input.question %}",
        },
      },
      Output: "{% $states.result.Payload %}",
      Retry: [
        {
          ErrorEquals: ["Lambda.ServiceException", "Lambda.TooManyRequestsException", "ThrottlingException"],
          IntervalSeconds: 1,
          MaxAttempts: 4,
          BackoffRate: 2,
          JitterStrategy: "FULL",
        },
      ],
      Catch: [{ ErrorEquals: ["States.ALL"], Output: "{% $states.errorOutput %}", Next: "Failed" }],
      Next: "NeedsHuman",
    },
    NeedsHuman: {
      Type: "Choice",
      Choices: [
        {
          Condition:
            "{% $exists($states.input.returnControl) or $contains($states.input.completion, 'ESCALATE') %}",
          Next: "WaitForHuman",
        },
      ],
      Default: "Done",
    },
    WaitForHuman: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Arguments: {
        FunctionName: "agentctl-notify",
        Payload: { token: "{% $states.context.Task.Token %}", pending: "{% $states.input %}" },
      },
      HeartbeatSeconds: 3600,
      TimeoutSeconds: 86400,
      Next: "Done",
    },
    Done: { Type: "Succeed" },
    Failed: { Type: "Fail", Error: "AgentFailed", Cause: "See execution history" },
  },
};

describe("the agent workflow of §6.1", () => {
  it("escalates to a human and finishes with the human's answer", async () => {
    const notified: { token: string; pending: unknown }[] = [];
    let throttled = false;
    const lambda: IntegrationHandler = ({ input }): TaskOutcome => {
      const { FunctionName, Payload } = input as { FunctionName: string; Payload: Record<string, unknown> };
      if (FunctionName.endsWith(":agentctl-invoke-agent")) {
        // One throttle first: the Retry must absorb it.
        if (!throttled) {
          throttled = true;
          return { ok: false, error: "ThrottlingException", cause: "slow down" };
        }
        return {
          ok: true,
          output: {
            StatusCode: 200,
            ExecutedVersion: "$LATEST",
            Payload: {
              completion: `ESCALATE: ${String(Payload.inputText)}`,
              sessionId: Payload.sessionId as string,
            },
          },
        };
      }
      notified.push(Payload as { token: string; pending: unknown });
      return { ok: true, output: { StatusCode: 200, Payload: null } };
    };
    await using t = await sfnEmulator({}, { integrations: { "lambda:invoke": lambda } });
    const { stateMachineArn } = await t.sfn.send(
      new CreateStateMachineCommand({
        name: "research",
        definition: JSON.stringify(WORKFLOW),
        roleArn: ROLE,
      }),
    );
    const { executionArn } = await t.sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: "session-1",
        input: '{"question":"refund order 7?"}',
      }),
    );
    await until(
      async () => notified.length,
      (n) => n === 1,
      "the human to be notified",
    );
    expect(notified[0]?.pending).toEqual({ completion: "ESCALATE: refund order 7?", sessionId: "session-1" });
    await t.sfn.send(
      new SendTaskSuccessCommand({ taskToken: notified[0]?.token, output: '{"approved":true,"by":"ana"}' }),
    );
    const done = await until(
      () => t.sfn.send(new DescribeExecutionCommand({ executionArn })),
      (d) => d.status !== "RUNNING",
      "the end",
    );
    expect([done.status, done.output]).toEqual(["SUCCEEDED", '{"approved":true,"by":"ana"}']);
    const types = ((await t.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? []).map(
      (e) => e.type,
    );
    expect(types).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskFailed",
      "TaskScheduled",
      "TaskStarted",
      "TaskSucceeded",
      "TaskStateExited",
      "ChoiceStateEntered",
      "ChoiceStateExited",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSubmitted",
      "TaskSucceeded",
      "TaskStateExited",
      "SucceedStateEntered",
      "SucceedStateExited",
      "ExecutionSucceeded",
    ]);
  });
});
