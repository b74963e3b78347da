/** Retry, Catch, error names and matching, Task and machine timeouts, heartbeats, payload limits. */
import { describe, expect, it } from "vitest";
import { errorMatches } from "../../../src/emulator/states/errors.js";
import { retryDelaySeconds } from "../../../src/emulator/states/recovery.js";
import type { Json } from "../../../src/emulator/states/types.js";
import { Harness, machine, pass, runToEnd } from "./harness.js";

const TASK = "arn:aws:states:::lambda:invoke";

/** An integration failing `failures` times with `error`, then answering "ok". */
function flaky(h: Harness, failures: number, error = "Lambda.ServiceException") {
  let calls = 0;
  h.handle("lambda:invoke", () =>
    ++calls <= failures ? { ok: false, error, cause: `attempt ${calls}` } : { ok: true, output: "ok" },
  );
  return () => calls;
}

describe("error matching", () => {
  it("States.ALL matches everything but States.Runtime and States.DataLimitExceeded", () => {
    expect(errorMatches(["States.ALL"], "Lambda.Unknown")).toBe(true);
    expect(errorMatches(["States.ALL"], "States.Timeout")).toBe(true);
    expect(errorMatches(["States.ALL"], "States.Runtime")).toBe(false);
    expect(errorMatches(["States.ALL"], "States.DataLimitExceeded")).toBe(false);
    expect(errorMatches(["States.Runtime"], "States.Runtime")).toBe(false);
  });

  it("States.TaskFailed matches everything but States.Timeout (a heartbeat timeout included)", () => {
    expect(errorMatches(["States.TaskFailed"], "Lambda.Unknown")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "States.HeartbeatTimeout")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "States.Timeout")).toBe(false);
  });

  it("names match exactly", () => {
    expect(errorMatches(["Custom.Error"], "Custom.Error")).toBe(true);
    expect(errorMatches(["Custom.Error"], "custom.error")).toBe(false);
  });
});

describe("Retry", () => {
  it("delays are IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, FULL jitter below", () => {
    expect([0, 1, 2].map((a) => retryDelaySeconds({}, a))).toEqual([1, 2, 4]);
    expect(
      [0, 1, 2, 3].map((a) =>
        retryDelaySeconds({ IntervalSeconds: 3, BackoffRate: 1.5, MaxDelaySeconds: 6 }, a),
      ),
    ).toEqual([3, 4.5, 6, 6]);
    expect(retryDelaySeconds({ IntervalSeconds: 10, JitterStrategy: "FULL" }, 0, () => 0.25)).toBe(2.5);
  });

  it("retries until it succeeds, waiting the backoff each time (history: TaskFailed then TaskScheduled again)", async () => {
    const h = new Harness();
    const calls = flaky(h, 2);
    const arn = await h.start(
      machine({
        T: {
          Type: "Task",
          Resource: TASK,
          Retry: [{ ErrorEquals: ["Lambda.ServiceException"], IntervalSeconds: 2, BackoffRate: 3 }],
          End: true,
        },
      }),
    );
    expect(calls()).toBe(1);
    await h.advance(1_999, arn);
    expect(calls()).toBe(1);
    await h.advance(1, arn);
    expect(calls()).toBe(2);
    await h.advance(5_999, arn);
    expect(calls()).toBe(2);
    await h.advance(1, arn);
    expect(h.state(arn).status).toBe("SUCCEEDED");
    expect(h.types(arn).filter((t) => t.startsWith("Task"))).toEqual([
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskFailed",
      "TaskScheduled",
      "TaskStarted",
      "TaskFailed",
      "TaskScheduled",
      "TaskStarted",
      "TaskSucceeded",
      "TaskStateExited",
    ]);
  });

  it("gives up after MaxAttempts (default 3) and fails with the last error", async () => {
    const r = await runToEnd(
      machine({ T: { Type: "Task", Resource: TASK, Retry: [{ ErrorEquals: ["States.ALL"] }], End: true } }),
      {},
      (h) => flaky(h, 10),
    );
    expect(r.exec.error).toBe("Lambda.ServiceException");
    expect(r.exec.cause).toBe("attempt 4");
  });

  it("MaxAttempts 0 never retries; the first matching retrier decides, later ones are not consulted", async () => {
    const r = await runToEnd(
      machine({
        T: {
          Type: "Task",
          Resource: TASK,
          Retry: [
            { ErrorEquals: ["Lambda.ServiceException"], MaxAttempts: 0 },
            { ErrorEquals: ["States.ALL"], MaxAttempts: 5 },
          ],
          End: true,
        },
      }),
      {},
      (h) => flaky(h, 1),
    );
    expect(r.exec.error).toBe("Lambda.ServiceException");
  });

  it("$$.State.RetryCount counts the retries", async () => {
    const seen: number[] = [];
    const r = await runToEnd(
      machine({
        T: {
          Type: "Task",
          Resource: TASK,
          Parameters: { "n.$": "$$.State.RetryCount" },
          Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1 }],
          End: true,
        },
      }),
      {},
      (h) =>
        h.handle("lambda:invoke", (req) => {
          seen.push((req.input as { n: number }).n);
          return seen.length < 3 ? { ok: false, error: "E" } : { ok: true, output: 1 };
        }),
    );
    expect(r.exec.status).toBe("SUCCEEDED");
    expect(seen).toEqual([0, 1, 2]);
  });

  it("States.Runtime is never retried", async () => {
    const r = await runToEnd(
      machine({
        T: {
          Type: "Task",
          Resource: TASK,
          OutputPath: "$.missing",
          Retry: [{ ErrorEquals: ["States.ALL"] }],
          End: true,
        },
      }),
      {},
      (h) => flaky(h, 0),
    );
    expect(r.exec.error).toBe("States.Runtime");
    expect(r.h.types(r.arn).filter((t) => t === "TaskScheduled")).toHaveLength(1);
  });
});

describe("Catch", () => {
  it("the default ResultPath replaces the input with {Error, Cause}; a ResultPath keeps the input", async () => {
    const def = (resultPath?: string) =>
      machine({
        T: {
          Type: "Task",
          Resource: TASK,
          Catch: [
            {
              ErrorEquals: ["Lambda.ServiceException"],
              Next: "C",
              ...(resultPath ? { ResultPath: resultPath } : {}),
            },
          ],
          End: true,
        },
        C: pass(),
      });
    expect((await runToEnd(def(), { a: 1 }, (h) => flaky(h, 1))).output).toEqual({
      Error: "Lambda.ServiceException",
      Cause: "attempt 1",
    });
    expect((await runToEnd(def("$.error"), { a: 1 }, (h) => flaky(h, 1))).output).toEqual({
      a: 1,
      error: { Error: "Lambda.ServiceException", Cause: "attempt 1" },
    });
  });

  it("the first matching catcher wins; Retry runs before Catch", async () => {
    const r = await runToEnd(
      machine({
        T: {
          Type: "Task",
          Resource: TASK,
          Retry: [{ ErrorEquals: ["E"], MaxAttempts: 1, IntervalSeconds: 1 }],
          Catch: [
            { ErrorEquals: ["Other"], Next: "A" },
            { ErrorEquals: ["E"], Next: "B" },
            { ErrorEquals: ["States.ALL"], Next: "A" },
          ],
          End: true,
        },
        A: pass({ Result: "A" }),
        B: pass({ Result: "B" }),
      }),
      {},
      (h) => flaky(h, 5, "E"),
    );
    expect(r.output).toBe("B");
    expect(r.h.types(r.arn).filter((t) => t === "TaskScheduled")).toHaveLength(2);
  });

  it("catches a failed Map or Parallel", async () => {
    const r = await runToEnd(
      machine({
        P: {
          Type: "Parallel",
          Branches: [machine({ F: { Type: "Fail", Error: "Branch.Broke", Cause: "c" } })],
          Catch: [{ ErrorEquals: ["Branch.Broke"], Next: "C" }],
          End: true,
        },
        C: pass(),
      }),
      {},
    );
    expect(r.output).toEqual({ Error: "Branch.Broke", Cause: "c" });
  });
});

describe("timeouts", () => {
  it("a Task without TimeoutSeconds never times out on its own (no 60 s default)", async () => {
    const h = new Harness().handle("lambda:invoke", () => new Promise(() => {}));
    const arn = await h.start(machine({ T: { Type: "Task", Resource: TASK, End: true } }));
    await h.advance(3_600_000, arn);
    expect(h.state(arn).status).toBe("RUNNING");
  });

  it("TimeoutSeconds and TimeoutSecondsPath fail the task with States.Timeout", async () => {
    for (const extra of [{ TimeoutSeconds: 30 }, { TimeoutSecondsPath: "$.t" }] as Record<string, Json>[]) {
      const h = new Harness().handle("lambda:invoke", () => new Promise(() => {}));
      const arn = await h.start(machine({ T: { Type: "Task", Resource: TASK, End: true, ...extra } }), {
        t: 30,
      });
      await h.advance(29_999, arn);
      expect(h.state(arn).status).toBe("RUNNING");
      await h.advance(1, arn);
      expect([h.state(arn).status, h.state(arn).error]).toEqual(["FAILED", "States.Timeout"]);
      expect(h.types(arn)).toContain("TaskTimedOut");
    }
  });

  it("timers past 24.8 days (2^31-1 ms) stay correct", async () => {
    const days = (n: number) => n * 86_400_000;
    const h = new Harness().handle("lambda:invoke", () => new Promise(() => {}));
    const arn = await h.start(
      machine({
        W: { Type: "Wait", Seconds: 30 * 86_400, Next: "T" },
        T: { Type: "Task", Resource: TASK, TimeoutSeconds: 99_999_999, End: true },
      }),
    );
    await h.advance(days(29), arn);
    expect(h.types(arn)).not.toContain("WaitStateExited");
    await h.advance(days(1), arn);
    expect(h.types(arn)).toContain("TaskStarted");
    await h.advance(days(365), arn);
    expect(h.state(arn).status).toBe("RUNNING");
  });

  it("machine TimeoutSeconds ends the execution with ExecutionTimedOut", async () => {
    const h = new Harness();
    const arn = await h.start(
      machine({ W: { Type: "Wait", Seconds: 100, End: true } }, { TimeoutSeconds: 10 }),
    );
    await h.advance(10_000, arn);
    expect([h.state(arn).status, h.state(arn).error]).toEqual(["TIMED_OUT", "States.Timeout"]);
    expect(h.types(arn).at(-1)).toBe("ExecutionTimedOut");
  });

  it("a Wait with Timestamp or TimestampPath wakes at that time; SecondsPath reads the input", async () => {
    for (const [wait, input] of [
      [{ Timestamp: "2026-01-01T00:01:00Z" }, {}],
      [{ TimestampPath: "$.at" }, { at: "2026-01-01T00:01:00Z" }],
      [{ SecondsPath: "$.s" }, { s: 60 }],
    ] as const) {
      const h = new Harness();
      const arn = await h.start(machine({ W: { Type: "Wait", ...wait, End: true } }), input);
      await h.advance(59_999, arn);
      expect(h.state(arn).status).toBe("RUNNING");
      await h.advance(1, arn);
      expect(h.state(arn).status).toBe("SUCCEEDED");
    }
  });

  it("HeartbeatSeconds fails a callback task with States.HeartbeatTimeout unless heartbeats arrive", async () => {
    let token = "";
    const h = new Harness().handle("lambda:invoke", (req) => {
      token = req.ctx.taskToken ?? "";
      return { ok: true, output: {} };
    });
    const arn = await h.start(
      machine({
        T: {
          Type: "Task",
          Resource: `${TASK}.waitForTaskToken`,
          HeartbeatSeconds: 10,
          Parameters: { "t.$": "$$.Task.Token" },
          End: true,
        },
      }),
    );
    await h.advance(9_000, arn);
    expect(await h.driver.heartbeat(arn, token)).toBe("ok");
    await h.advance(9_000, arn);
    expect(h.state(arn).status).toBe("RUNNING");
    await h.advance(1_000, arn);
    expect([h.state(arn).status, h.state(arn).error]).toEqual(["FAILED", "States.HeartbeatTimeout"]);
    expect(await h.driver.answerToken(arn, token, { ok: true, output: 1 })).toBe("timed-out");
  });
});

describe("payload limits", () => {
  it("a state output over 256 KiB is States.DataLimitExceeded, which States.ALL does not catch", async () => {
    const r = await runToEnd(
      machine({
        T: { Type: "Task", Resource: TASK, Catch: [{ ErrorEquals: ["States.ALL"], Next: "C" }], End: true },
        C: pass(),
      }),
      {},
      (h) => h.handle("lambda:invoke", () => ({ ok: true, output: "x".repeat(262_145) })),
    );
    expect([r.exec.status, r.exec.error]).toEqual(["FAILED", "States.DataLimitExceeded"]);
  });

  it("exactly 256 KiB passes", async () => {
    const r = await runToEnd(machine({ P: pass() }), "x".repeat(262_142));
    expect(r.exec.status).toBe("SUCCEEDED");
  });
});
