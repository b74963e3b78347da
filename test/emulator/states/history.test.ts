/** The history the interpreter writes: real event types, ids 1..n, previousEventId, §6.4 detail fields. */
import { describe, expect, it } from "vitest";
import type { Json } from "../../../src/emulator/states/types.js";
import { machine, pass, runToEnd } from "./harness.js";

describe("execution history", () => {
  it("a one-Task lambda:invoke execution has AWS's events and fields", async () => {
    const r = await runToEnd(
      machine({
        Research: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: "f", "Payload.$": "$" },
          TimeoutSeconds: 30,
          End: true,
        },
      }),
      { question: "weather in Paris?" },
      (h) =>
        h.handle("lambda:invoke", (req) => ({
          ok: true,
          output: { StatusCode: 200, Payload: { echo: (req.input as { Payload: Json }).Payload } },
        })),
    );
    const events = r.h.events(r.arn);
    expect(events.map((e) => [e.id, e.type, e.previousEventId])).toEqual([
      [1, "ExecutionStarted", 0],
      [2, "TaskStateEntered", 0],
      [3, "TaskScheduled", 2],
      [4, "TaskStarted", 3],
      [5, "TaskSucceeded", 4],
      [6, "TaskStateExited", 5],
      [7, "ExecutionSucceeded", 6],
    ]);
    expect(events[0]?.executionStartedEventDetails).toEqual({
      input: '{"question":"weather in Paris?"}',
      inputDetails: { truncated: false },
      roleArn: "arn:aws:iam::000000000000:role/sfn",
    });
    expect(events[1]?.stateEnteredEventDetails).toEqual({
      name: "Research",
      input: '{"question":"weather in Paris?"}',
      inputDetails: { truncated: false },
    });
    expect(events[2]?.taskScheduledEventDetails).toEqual({
      resourceType: "lambda",
      resource: "invoke",
      region: "us-east-1",
      parameters: '{"FunctionName":"f","Payload":{"question":"weather in Paris?"}}',
      timeoutInSeconds: 30,
    });
    expect(events[3]?.taskStartedEventDetails).toEqual({ resourceType: "lambda", resource: "invoke" });
    expect(events[4]?.taskSucceededEventDetails).toMatchObject({
      resourceType: "lambda",
      resource: "invoke",
      outputDetails: { truncated: false },
    });
    expect(events[5]?.stateExitedEventDetails).toMatchObject({ name: "Research" });
    expect(events[6]?.executionSucceededEventDetails).toEqual({
      output: (events[5]?.stateExitedEventDetails as { output?: string } | undefined)?.output,
      outputDetails: { truncated: false },
    });
    expect(typeof events[0]?.timestamp).toBe("number");
    expect(events[0]?.timestamp).toBe(Date.parse("2026-01-01T00:00:00Z") / 1000);
  });

  it("a plain Lambda ARN produces LambdaFunction* events and the function's own value", async () => {
    const arnFn = "arn:aws:lambda:us-east-1:000000000000:function:Hello";
    const r = await runToEnd(machine({ L: { Type: "Task", Resource: arnFn, End: true } }), { a: 1 }, (h) =>
      h.handle("lambda:invoke", (req) => ({
        ok: true,
        output: { StatusCode: 200, Payload: { got: req.input } },
      })),
    );
    expect(r.output).toEqual({ got: { FunctionName: arnFn, Payload: { a: 1 } } });
    expect(r.h.types(r.arn)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "LambdaFunctionScheduled",
      "LambdaFunctionStarted",
      "LambdaFunctionSucceeded",
      "TaskStateExited",
      "ExecutionSucceeded",
    ]);
    expect(r.h.events(r.arn)[2]?.lambdaFunctionScheduledEventDetails).toMatchObject({
      resource: arnFn,
      input: '{"a":1}',
    });
  });

  it("every state type records its Entered/Exited pair; Fail records FailStateEntered then ExecutionFailed", async () => {
    const r = await runToEnd(
      machine({
        P: { Type: "Pass", Next: "W" },
        W: { Type: "Wait", Seconds: 1, Next: "C" },
        C: { Type: "Choice", Choices: [{ Variable: "$.go", BooleanEquals: true, Next: "S" }], Default: "F" },
        S: { Type: "Succeed" },
        F: { Type: "Fail", Error: "E", Cause: "C" },
      }),
      { go: false },
    );
    expect(r.h.types(r.arn)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "PassStateExited",
      "WaitStateEntered",
      "WaitStateExited",
      "ChoiceStateEntered",
      "ChoiceStateExited",
      "FailStateEntered",
      "ExecutionFailed",
    ]);
    expect(r.h.events(r.arn).at(-1)?.executionFailedEventDetails).toEqual({ error: "E", cause: "C" });
  });

  it("previousEventId always points to an earlier event", async () => {
    const r = await runToEnd(
      machine({
        P: {
          Type: "Parallel",
          Branches: [
            machine({ A: pass() }),
            machine({ M: { Type: "Map", ItemProcessor: machine({ I: pass() }), End: true } }),
          ],
          End: true,
        },
      }),
      [1, 2],
    );
    for (const e of r.h.events(r.arn)) expect(e.previousEventId).toBeLessThan(e.id);
  });
});
