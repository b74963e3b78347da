/** RedriveExecution at the interpreter: restart where it failed, keeping what succeeded. */
import { describe, expect, it } from "vitest";
import { Harness, machine } from "./harness.js";

const TASK = "arn:aws:states:::lambda:invoke";

describe("redrive", () => {
  it("restarts the failed top-level state with the input it was entered with", async () => {
    let calls = 0;
    const h = new Harness().handle("lambda:invoke", (req) =>
      ++calls === 1 ? { ok: false, error: "Flaky" } : { ok: true, output: req.input },
    );
    const arn = await h.start(
      machine({
        A: { Type: "Pass", Result: { step: "a" }, Next: "T" },
        T: { Type: "Task", Resource: TASK, End: true },
      }),
      {},
    );
    expect(h.state(arn).status).toBe("FAILED");
    h.driver.redrive(arn);
    await h.settle(arn);
    const exec = h.state(arn);
    expect([exec.status, exec.output, exec.redriveCount]).toEqual(["SUCCEEDED", { step: "a" }, 1]);
    const types = h.types(arn);
    expect(types.slice(types.indexOf("ExecutionRedriven"))).toEqual([
      "ExecutionRedriven",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSucceeded",
      "TaskStateExited",
      "ExecutionSucceeded",
    ]);
    // The redriven part is not re-entering A.
    expect(types.filter((t) => t === "PassStateEntered")).toHaveLength(1);
  });

  it("reruns only the Map iterations that did not succeed", async () => {
    const seen: number[] = [];
    let failOnce = true;
    const h = new Harness().handle("lambda:invoke", (req) => {
      const n = req.input as number;
      seen.push(n);
      if (n === 2 && failOnce) {
        failOnce = false;
        return { ok: false, error: "Item.Failed" };
      }
      return { ok: true, output: n * 10 };
    });
    const arn = await h.start(
      machine({
        M: {
          Type: "Map",
          MaxConcurrency: 1,
          ItemProcessor: machine({ T: { Type: "Task", Resource: TASK, End: true } }),
          End: true,
        },
      }),
      [1, 2, 3],
    );
    expect(h.state(arn).status).toBe("FAILED");
    expect(seen).toEqual([1, 2]);
    h.driver.redrive(arn);
    await h.settle(arn);
    expect([h.state(arn).status, h.state(arn).output]).toEqual(["SUCCEEDED", [10, 20, 30]]);
    expect(seen).toEqual([1, 2, 2, 3]);
    const afterRedrive = h.events(arn).slice(h.types(arn).indexOf("ExecutionRedriven"));
    expect(
      afterRedrive
        .filter((e) => e.type === "MapIterationStarted")
        .map((e) => e.mapIterationStartedEventDetails),
    ).toEqual([
      { name: "M", index: 1 },
      { name: "M", index: 2 },
    ]);
  });

  it("reruns only the Parallel branches that did not succeed, also after StopExecution", async () => {
    const calls: string[] = [];
    const h = new Harness().handle("lambda:invoke", (req) => {
      const which = (req.input as { which: string }).which;
      calls.push(which);
      return which === "slow" ? new Promise(() => {}) : { ok: true, output: which };
    });
    const branch = (which: string) =>
      machine({ [`T-${which}`]: { Type: "Task", Resource: TASK, Parameters: { which }, End: true } });
    const arn = await h.start(
      machine({
        P: { Type: "Parallel", Branches: [branch("fast"), branch("slow")], End: true },
      }),
      {},
    );
    await h.driver.stop(arn, "Stop");
    expect(h.state(arn).status).toBe("ABORTED");
    h.handle("lambda:invoke", (req) => {
      calls.push(`again:${(req.input as { which: string }).which}`);
      return { ok: true, output: "slow done" };
    });
    h.driver.redrive(arn);
    await h.settle(arn);
    expect([h.state(arn).status, h.state(arn).output]).toEqual(["SUCCEEDED", ["fast", "slow done"]]);
    expect(calls).toEqual(["fast", "slow", "again:slow"]);
  });
});
