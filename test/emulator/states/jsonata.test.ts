/** JSONata mode: QueryLanguage, Arguments, Output, Assign, Condition, Items, $states, AWS's functions. */
import { describe, expect, it } from "vitest";
import { type Harness, machine, pass, runToEnd } from "./harness.js";

const JSONATA = { QueryLanguage: "JSONata" };
const lambda = (h: Harness, calls: unknown[], result: unknown = { Payload: { answer: 42 } }) =>
  h.handle("lambda:invoke", (req) => {
    calls.push(req.input);
    return { ok: true, output: result as never };
  });

describe("JSONata states", () => {
  it("Pass: Output replaces the output; without it the input passes through", async () => {
    const r = await runToEnd(
      machine(
        {
          A: { Type: "Pass", Output: { doubled: "{% $states.input.n * 2 %}", fixed: "x" }, Next: "B" },
          B: pass(),
        },
        JSONATA,
      ),
      { n: 21 },
    );
    expect(r.output).toEqual({ doubled: 42, fixed: "x" });
  });

  it("Task: Arguments are what the integration receives; Output shapes $states.result", async () => {
    const calls: unknown[] = [];
    const r = await runToEnd(
      machine(
        {
          Research: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            Arguments: {
              FunctionName: "f",
              Payload: {
                sessionId: "{% $states.context.Execution.Name %}",
                inputText: "{% $states.input.question %}",
              },
            },
            Output: "{% $states.result.Payload %}",
            End: true,
          },
        },
        JSONATA,
      ),
      { question: "weather in Paris?" },
      (h) => lambda(h, calls),
    );
    expect(calls).toEqual([
      { FunctionName: "f", Payload: { sessionId: "exec-1", inputText: "weather in Paris?" } },
    ]);
    expect(r.output).toEqual({ answer: 42 });
  });

  it("Task without Output: the result is the output", async () => {
    const r = await runToEnd(
      machine({ T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } }, JSONATA),
      { a: 1 },
      (h) => lambda(h, [], "raw"),
    );
    expect(r.output).toBe("raw");
  });

  it("QueryLanguage on one state only (a JSONPath machine with a JSONata state)", async () => {
    const r = await runToEnd(
      machine({
        A: { Type: "Pass", Parameters: { "x.$": "$.x" }, Next: "B" },
        B: { Type: "Pass", QueryLanguage: "JSONata", Output: "{% $states.input.x + 1 %}", End: true },
      }),
      { x: 1 },
    );
    expect(r.output).toBe(2);
  });

  it("Assign and Output see the variables as they were before the state", async () => {
    const r = await runToEnd(
      machine(
        {
          A: { Type: "Pass", Assign: { count: 1 }, Next: "B" },
          B: {
            Type: "Pass",
            Assign: { count: "{% $count + 1 %}", previous: "{% $count %}" },
            Output: "{% $count %}",
            Next: "C",
          },
          C: {
            Type: "Pass",
            Output: { count: "{% $count %}", previous: "{% $previous %}", out: "{% $states.input %}" },
            End: true,
          },
        },
        JSONATA,
      ),
      {},
    );
    expect(r.output).toEqual({ count: 2, previous: 1, out: 1 });
  });

  it("Choice: Condition picks the rule; a rule's Output and Assign apply", async () => {
    const def = machine(
      {
        NeedsHuman: {
          Type: "Choice",
          Choices: [
            {
              Condition:
                "{% $exists($states.input.returnControl) or $contains($states.input.completion, 'ESCALATE') %}",
              Output: { why: "escalated" },
              Assign: { path: "human" },
              Next: "Human",
            },
          ],
          Default: "Done",
        },
        Human: { Type: "Pass", Output: { why: "{% $states.input.why %}", path: "{% $path %}" }, End: true },
        Done: { Type: "Succeed" },
      },
      JSONATA,
    );
    expect((await runToEnd(def, { completion: "please ESCALATE" })).output).toEqual({
      why: "escalated",
      path: "human",
    });
    expect((await runToEnd(def, { completion: "fine" })).output).toEqual({ completion: "fine" });
  });

  it("a Condition that is not a boolean is States.QueryEvaluationError", async () => {
    const r = await runToEnd(
      machine(
        { C: { Type: "Choice", Choices: [{ Condition: "{% 'yes' %}", Next: "Y" }] }, Y: pass() },
        JSONATA,
      ),
      {},
    );
    expect(r.exec.error).toBe("States.QueryEvaluationError");
  });

  it("Map: Items and ItemSelector with $states.context.Map.Item", async () => {
    const r = await runToEnd(
      machine(
        {
          M: {
            Type: "Map",
            Items: "{% $states.input.orders %}",
            ItemSelector: {
              order: "{% $states.context.Map.Item.Value %}",
              index: "{% $states.context.Map.Item.Index %}",
              tax: "{% $states.input.tax %}",
            },
            ItemProcessor: machine({
              P: {
                Type: "Pass",
                Output: "{% $states.input.order * (1 + $states.input.tax) + $states.input.index %}",
                End: true,
              },
            }),
            Output: "{% $sum($states.result) %}",
            End: true,
          },
        },
        JSONATA,
      ),
      { orders: [10, 20], tax: 0.5 },
    );
    expect(r.output).toBe(15 + 31);
  });

  it("Map: MaxConcurrency and ToleratedFailureCount from expressions", async () => {
    const r = await runToEnd(
      machine(
        {
          M: {
            Type: "Map",
            Items: "{% $states.input.xs %}",
            MaxConcurrency: "{% $states.input.limit %}",
            ToleratedFailureCount: "{% $states.input.tolerate %}",
            ItemProcessor: machine({
              C: {
                Type: "Choice",
                Choices: [{ Condition: "{% $states.input = 2 %}", Next: "F" }],
                Default: "P",
              },
              F: { Type: "Fail", Error: "Two" },
              P: { Type: "Pass", End: true },
            }),
            End: true,
          },
        },
        JSONATA,
      ),
      { xs: [1, 2, 3], limit: 1, tolerate: 1 },
    );
    expect(r.output).toEqual([1, { Error: "Two", Cause: "" }, 3]);
  });

  it("Wait: Seconds from an expression", async () => {
    const r = await runToEnd(
      machine({ W: { Type: "Wait", Seconds: "{% $states.input.delay %}", End: true } }, JSONATA),
      { delay: 5 },
    );
    expect(r.exec.status).toBe("SUCCEEDED");
    const exited = r.h.events(r.arn).find((e) => e.type === "WaitStateExited") as { timestamp: number };
    expect(exited.timestamp - (r.h.events(r.arn)[0]?.timestamp ?? 0)).toBeGreaterThanOrEqual(5);
  });

  it("Fail: Error and Cause from expressions", async () => {
    const r = await runToEnd(
      machine(
        {
          F: {
            Type: "Fail",
            Error: "{% 'Bad.' & $states.input.kind %}",
            Cause: "{% $string($states.input.n) %}",
          },
        },
        JSONATA,
      ),
      { kind: "Order", n: 3 },
    );
    expect([r.exec.status, r.exec.error, r.exec.cause]).toEqual(["FAILED", "Bad.Order", "3"]);
  });

  it("Catch: $states.errorOutput, Output and Assign of the catcher", async () => {
    const r = await runToEnd(
      machine(
        {
          T: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            Catch: [
              {
                ErrorEquals: ["States.ALL"],
                Output: { caught: "{% $states.errorOutput.Error %}", input: "{% $states.input.a %}" },
                Assign: { cause: "{% $states.errorOutput.Cause %}" },
                Next: "C",
              },
            ],
            End: true,
          },
          C: { Type: "Pass", Output: { out: "{% $states.input %}", cause: "{% $cause %}" }, End: true },
        },
        JSONATA,
      ),
      { a: 1 },
      (h) => h.handle("lambda:invoke", () => ({ ok: false, error: "Lambda.Unknown", cause: "boom" })),
    );
    expect(r.output).toEqual({ out: { caught: "Lambda.Unknown", input: 1 }, cause: "boom" });
  });

  it("AWS's added functions: $partition, $range, $hash, $random, $uuid, $parse", async () => {
    const r = await runToEnd(
      machine(
        {
          P: {
            Type: "Pass",
            Output: {
              partition: "{% $partition([1,2,3,4,5], 2) %}",
              range: "{% $range(0, 10, 5) %}",
              hash: "{% $hash('abc', 'MD5') %}",
              random: "{% $random() %}",
              uuid: "{% $uuid() %}",
              parse: "{% $parse('{\"a\": [1]}') %}",
            },
            End: true,
          },
        },
        JSONATA,
      ),
      {},
    );
    const out = r.output as Record<string, unknown>;
    expect(out.partition).toEqual([[1, 2], [3, 4], [5]]);
    expect(out.range).toEqual([0, 5, 10]);
    expect(out.hash).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(typeof out.random === "number" && out.random >= 0 && out.random < 1).toBe(true);
    expect(out.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.parse).toEqual({ a: [1] });
  });

  it("an evaluation error or an undefined result is States.QueryEvaluationError, catchable on a Task", async () => {
    const bad = await runToEnd(
      machine({ P: { Type: "Pass", Output: "{% $number('x') + $undefinedFn() %}", End: true } }, JSONATA),
      {},
    );
    expect(bad.exec.error).toBe("States.QueryEvaluationError");
    const missing = await runToEnd(
      machine({ P: { Type: "Pass", Output: { x: "{% $states.input.nothing %}" }, End: true } }, JSONATA),
      {},
    );
    expect(missing.exec.error).toBe("States.QueryEvaluationError");
    expect(missing.exec.cause).toContain("Output/x");
    const caught = await runToEnd(
      machine(
        {
          T: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            Arguments: "{% $error('nope') %}",
            Catch: [{ ErrorEquals: ["States.QueryEvaluationError"], Next: "C" }],
            End: true,
          },
          C: { Type: "Pass", End: true },
        },
        JSONATA,
      ),
      {},
    );
    expect(caught.exec.status).toBe("SUCCEEDED");
  });

  it("$states.context carries the task token of a callback task", async () => {
    const calls: { Payload: { token: string } }[] = [];
    const r = await runToEnd(
      machine(
        {
          T: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
            Arguments: { Payload: { token: "{% $states.context.Task.Token %}" } },
            TimeoutSeconds: 60,
            End: true,
          },
        },
        JSONATA,
      ),
      {},
      (h) => lambda(h, calls as unknown[], {}),
    );
    expect(calls[0]?.Payload.token).toMatch(/\./);
    expect(r.exec.error).toBe("States.Timeout");
  });
});
