/**
 * Regression tests for every pitfall in local-stepfunctions-engine.md §7: what
 * aws-local-stepfunctions gets wrong, which this interpreter must get right.
 */
import { describe, expect, it } from "vitest";
import { Harness, machine, pass, runToEnd } from "./harness.js";

const TASK = "arn:aws:states:::lambda:invoke";
const JSONATA = { QueryLanguage: "JSONata" };

describe("§7 pitfalls", () => {
  it("1. JSONata is honoured: Pass Output is applied, a Task gets its Arguments, a true Condition is taken", async () => {
    const passState = await runToEnd(
      machine({ P: { Type: "Pass", Output: { wrapped: "{% $states.input %}" }, End: true } }, JSONATA),
      { raw: 1 },
    );
    expect(passState.output).toEqual({ wrapped: { raw: 1 } });
    const calls: unknown[] = [];
    await runToEnd(
      machine({ T: { Type: "Task", Resource: TASK, Arguments: { only: "this" }, End: true } }, JSONATA),
      { not: "this" },
      (h) =>
        h.handle("lambda:invoke", (req) => {
          calls.push(req.input);
          return { ok: true, output: 1 };
        }),
    );
    expect(calls).toEqual([{ only: "this" }]);
    const choice = await runToEnd(
      machine(
        {
          C: { Type: "Choice", Choices: [{ Condition: "{% true %}", Next: "Y" }], Default: "N" },
          Y: pass({}),
          N: { Type: "Fail" },
        },
        JSONATA,
      ),
      {},
    );
    expect(choice.exec.status).toBe("SUCCEEDED");
  });

  it("1b. variables are honoured in JSONPath mode", async () => {
    const r = await runToEnd(
      machine({ A: { Type: "Pass", Assign: { v: 7 }, Next: "B" }, B: pass({ Parameters: { "v.$": "$v" } }) }),
      {},
    );
    expect(r.output).toEqual({ v: 7 });
  });

  it("2. no 60 s default Task timeout: an approval callback waits for days", async () => {
    const h = new Harness().handle("lambda:invoke", () => ({ ok: true, output: {} }));
    const arn = await h.start(
      machine({
        Approve: {
          Type: "Task",
          Resource: `${TASK}.waitForTaskToken`,
          Parameters: { "t.$": "$$.Task.Token" },
          End: true,
        },
      }),
    );
    await h.advance(3 * 86_400_000, arn);
    expect(h.state(arn).status).toBe("RUNNING");
  });

  it("3. timeouts over 24.8 days do not fire at once (Task 99,999,999 s; machine 31,536,000 s)", async () => {
    const h = new Harness().handle("lambda:invoke", () => new Promise(() => {}));
    const arn = await h.start(
      machine(
        { T: { Type: "Task", Resource: TASK, TimeoutSeconds: 99_999_999, End: true } },
        { TimeoutSeconds: 31_536_000 },
      ),
    );
    await h.advance(1_000, arn);
    expect(h.state(arn).status).toBe("RUNNING");
    await h.advance(31_536_000_000, arn);
    expect(h.state(arn).status).toBe("TIMED_OUT");
  });

  it("4. a Task that succeeds never takes its States.ALL catcher", async () => {
    const r = await runToEnd(
      machine({
        T: {
          Type: "Task",
          Resource: TASK,
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
          End: true,
        },
        Caught: { Type: "Fail", Error: "WrongPath" },
      }),
      {},
      (h) => h.handle("lambda:invoke", () => ({ ok: true, output: "fine" })),
    );
    expect([r.exec.status, r.output]).toEqual(["SUCCEEDED", "fine"]);
  });

  it("5. IsPresent: false (and every Is*: false) matches", async () => {
    const r = await runToEnd(
      machine({
        C: {
          Type: "Choice",
          Choices: [
            {
              And: [
                { Variable: "$.missing", IsPresent: false },
                { Variable: "$.s", IsNumeric: false },
                { Variable: "$.s", IsNull: false },
                { Variable: "$.s", IsBoolean: false },
                { Variable: "$.n", IsString: false },
                { Variable: "$.s", IsTimestamp: false },
              ],
              Next: "Y",
            },
          ],
          Default: "N",
        },
        Y: pass({ Result: "matched" }),
        N: pass({ Result: "default" }),
      }),
      { s: "text", n: 1 },
    );
    expect(r.output).toBe("matched");
  });

  it.each([0, false, "", null])("6. a falsy Pass Result (%j) is the result", async (value) => {
    const r = await runToEnd(machine({ P: pass({ Result: value }) }), { input: "kept?" });
    expect(r.output).toBe(value);
  });

  it('7. ResultPath "$" replaces the input, also a non-object one', async () => {
    const r = await runToEnd(machine({ P: pass({ Result: { r: 1 }, ResultPath: "$" }) }), { a: 1 });
    expect(r.output).toEqual({ r: 1 });
    const scalar = await runToEnd(
      machine({ P: pass({ Result: { r: 1 }, ResultPath: "$" }) }),
      "just a string",
    );
    expect(scalar.output).toEqual({ r: 1 });
  });

  it("8. a Fail state without Error/Cause leaves both empty", async () => {
    const r = await runToEnd(machine({ F: { Type: "Fail" } }), {});
    expect(r.exec.status).toBe("FAILED");
    expect(r.exec.error ?? "").toBe("");
    expect(r.exec.cause ?? "").toBe("");
    expect(r.h.events(r.arn).at(-1)).toMatchObject({
      type: "ExecutionFailed",
      executionFailedEventDetails: {},
    });
  });

  it("9. the Catch Cause is the integration's cause, verbatim (a Lambda error's JSON string)", async () => {
    const cause = JSON.stringify({ errorMessage: "card declined", errorType: "PaymentError", trace: [] });
    const r = await runToEnd(
      machine({
        T: { Type: "Task", Resource: TASK, Catch: [{ ErrorEquals: ["PaymentError"], Next: "C" }], End: true },
        C: pass(),
      }),
      {},
      (h) => h.handle("lambda:invoke", () => ({ ok: false, error: "PaymentError", cause })),
    );
    expect(r.output).toEqual({ Error: "PaymentError", Cause: cause });
    const failed = r.h.events(r.arn).find((e) => e.type === "TaskFailed");
    expect(failed?.taskFailedEventDetails).toMatchObject({ cause });
  });

  it("10a. nested events are never lost or late: three iterations settling together, all in order", async () => {
    const h = new Harness();
    const release: (() => void)[] = [];
    h.handle(
      "lambda:invoke",
      () => new Promise((resolve) => release.push(() => resolve({ ok: true, output: 1 }))),
    );
    const arn = await h.start(
      machine({
        M: {
          Type: "Map",
          ItemProcessor: machine({ T: { Type: "Task", Resource: TASK, End: true } }),
          Next: "W",
        },
        W: pass(),
      }),
      [1, 2, 3],
    );
    for (const r of release.splice(0)) r();
    await h.settle(arn);
    const events = h.events(arn);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === "MapIterationSucceeded")).toHaveLength(3);
    const exitedAt = events.findIndex((e) => e.type === "MapStateExited");
    expect(events.findLastIndex((e) => e.type === "MapIterationSucceeded")).toBeLessThan(exitedAt);
    expect(events.findIndex((e) => e.type === "PassStateEntered")).toBeGreaterThan(exitedAt);
    for (let i = 1; i < events.length; i++)
      expect(events[i]?.timestamp ?? 0).toBeGreaterThanOrEqual(events[i - 1]?.timestamp ?? 0);
  });

  it("10b. a stopped execution ignores its handlers' late answers", async () => {
    const h = new Harness();
    let answer: (() => void) | undefined;
    h.handle(
      "lambda:invoke",
      () =>
        new Promise((resolve) => {
          answer = () => resolve({ ok: true, output: 1 });
        }),
    );
    const arn = await h.start(machine({ T: { Type: "Task", Resource: TASK, End: true } }));
    await h.driver.stop(arn, "User.Stop", "enough");
    answer?.();
    await h.settle(arn);
    expect(h.state(arn).status).toBe("ABORTED");
    expect(h.types(arn).slice(-2)).toEqual(["TaskStateAborted", "ExecutionAborted"]);
  });

  it("10c. an unregistered integration fails clearly, naming it, and calls nothing real", async () => {
    const r = await runToEnd(
      machine({ T: { Type: "Task", Resource: "arn:aws:states:::dynamodb:putItem", End: true } }),
      {},
    );
    expect(r.exec.error).toBe("States.Runtime");
    expect(r.exec.cause).toContain("dynamodb:putItem");
  });

  it("11. HeartbeatSeconds is honoured and payloads over 256 KiB fail with States.DataLimitExceeded", async () => {
    const h = new Harness().handle("lambda:invoke", () => ({ ok: true, output: {} }));
    const arn = await h.start(
      machine({ T: { Type: "Task", Resource: `${TASK}.waitForTaskToken`, HeartbeatSeconds: 5, End: true } }),
    );
    await h.advance(5_000, arn);
    expect(h.state(arn).error).toBe("States.HeartbeatTimeout");
    const big = await runToEnd(machine({ P: pass({ Result: "x".repeat(300_000) }) }), {});
    expect(big.exec.error).toBe("States.DataLimitExceeded");
  });
});
