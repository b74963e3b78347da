/** Inline Map and Parallel: results, concurrency, item selection, tolerance, failures and their history. */
import { describe, expect, it } from "vitest";
import { Harness, machine, pass, runToEnd } from "./harness.js";

const TASK = "arn:aws:states:::lambda:invoke";

describe("Map", () => {
  it("runs the processor per item and returns the results in item order (ItemsPath, ResultPath)", async () => {
    const r = await runToEnd(
      machine({
        M: {
          Type: "Map",
          ItemsPath: "$.xs",
          ResultPath: "$.ys",
          ItemProcessor: machine({ P: pass({ Parameters: { "v.$": "States.MathAdd($, 1)" } }) }),
          End: true,
        },
      }),
      { xs: [1, 2, 3] },
    );
    expect(r.output).toEqual({ xs: [1, 2, 3], ys: [{ v: 2 }, { v: 3 }, { v: 4 }] });
  });

  it("ItemSelector sees $$.Map.Item.Index/Value and the Map's input; nested Maps keep their own indexes", async () => {
    const r = await runToEnd(
      machine({
        Outer: {
          Type: "Map",
          ItemSelector: { "i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value", "tag.$": "$.tag" },
          ItemProcessor: machine({
            Inner: {
              Type: "Map",
              ItemsPath: "$.v",
              ItemSelector: {
                "outer.$": "$.i",
                "inner.$": "$$.Map.Item.Index",
                "item.$": "$$.Map.Item.Value",
                "tag.$": "$.tag",
              },
              ItemProcessor: machine({ P: pass() }),
              End: true,
            },
          }),
          ItemsPath: "$.groups",
          End: true,
        },
      }),
      { tag: "t", groups: [["a", "b"], ["c"]] },
    );
    expect(r.output).toEqual([
      [
        { outer: 0, inner: 0, item: "a", tag: "t" },
        { outer: 0, inner: 1, item: "b", tag: "t" },
      ],
      [{ outer: 1, inner: 0, item: "c", tag: "t" }],
    ]);
  });

  it("the legacy Iterator and Parameters fields work too", async () => {
    const r = await runToEnd(
      machine({
        M: {
          Type: "Map",
          Parameters: { "x.$": "$$.Map.Item.Value" },
          Iterator: machine({ P: pass() }),
          End: true,
        },
      }),
      [5],
    );
    expect(r.output).toEqual([{ x: 5 }]);
  });

  it("MaxConcurrency limits iterations in flight", async () => {
    const h = new Harness();
    const pending: (() => void)[] = [];
    let inFlight = 0;
    let maxSeen = 0;
    h.handle("lambda:invoke", () => {
      inFlight++;
      maxSeen = Math.max(maxSeen, inFlight);
      return new Promise((resolve) =>
        pending.push(() => {
          inFlight--;
          resolve({ ok: true, output: 1 });
        }),
      );
    });
    const arn = await h.start(
      machine({
        M: {
          Type: "Map",
          MaxConcurrency: 2,
          ItemProcessor: machine({ T: { Type: "Task", Resource: TASK, End: true } }),
          End: true,
        },
      }),
      [1, 2, 3, 4, 5],
    );
    for (let i = 0; i < 10 && h.state(arn).status === "RUNNING"; i++) {
      for (const release of pending.splice(0)) release();
      await h.settle(arn);
    }
    expect(h.state(arn).status).toBe("SUCCEEDED");
    expect(maxSeen).toBe(2);
  });

  it("an empty item list succeeds at once with []", async () => {
    const r = await runToEnd(
      machine({ M: { Type: "Map", ItemProcessor: machine({ P: pass() }), End: true } }),
      [],
    );
    expect(r.output).toEqual([]);
    expect(r.h.types(r.arn)).toEqual([
      "ExecutionStarted",
      "MapStateEntered",
      "MapStateStarted",
      "MapStateSucceeded",
      "MapStateExited",
      "ExecutionSucceeded",
    ]);
  });

  it("a non-array ItemsPath is States.Runtime", async () => {
    const r = await runToEnd(
      machine({ M: { Type: "Map", ItemsPath: "$.x", ItemProcessor: machine({ P: pass() }), End: true } }),
      { x: 1 },
    );
    expect(r.exec.error).toBe("States.Runtime");
  });

  it("a failing iteration fails the Map with its error and aborts the others", async () => {
    const h = new Harness().handle("lambda:invoke", () => new Promise(() => {}));
    const arn = await h.start(
      machine({
        M: {
          Type: "Map",
          ItemProcessor: machine({
            C: { Type: "Choice", Choices: [{ Variable: "$", NumericEquals: 2, Next: "F" }], Default: "T" },
            F: { Type: "Fail", Error: "Item.Bad", Cause: "two" },
            T: { Type: "Task", Resource: TASK, End: true },
          }),
          End: true,
        },
      }),
      [1, 2, 3],
    );
    expect([h.state(arn).status, h.state(arn).error]).toEqual(["FAILED", "Item.Bad"]);
    const types = h.types(arn);
    expect(types).toContain("MapIterationFailed");
    expect(types.filter((t) => t === "MapIterationAborted")).toHaveLength(2);
    expect(types.slice(-2)).toEqual(["MapStateFailed", "ExecutionFailed"]);
    expect(Object.keys(h.state(arn).frames)).toEqual(["0"]);
  });

  it("StopExecution during a Map records the aborts, innermost first", async () => {
    const h = new Harness().handle("lambda:invoke", () => new Promise(() => {}));
    const arn = await h.start(
      machine({
        M: {
          Type: "Map",
          ItemProcessor: machine({ T: { Type: "Task", Resource: TASK, End: true } }),
          End: true,
        },
      }),
      [1, 2],
    );
    await h.driver.stop(arn, "Stop", "now");
    expect(h.types(arn).slice(-6)).toEqual([
      "TaskStateAborted",
      "MapIterationAborted",
      "TaskStateAborted",
      "MapIterationAborted",
      "MapStateAborted",
      "ExecutionAborted",
    ]);
  });

  it("ToleratedFailureCount and ToleratedFailurePercentage", async () => {
    const failOdd = machine({
      C: {
        Type: "Choice",
        Choices: [
          { Variable: "$", NumericEquals: 1, Next: "F" },
          { Variable: "$", NumericEquals: 3, Next: "F" },
        ],
        Default: "P",
      },
      F: { Type: "Fail", Error: "Odd" },
      P: pass(),
    });
    const tolerated = await runToEnd(
      machine({ M: { Type: "Map", ToleratedFailureCount: 2, ItemProcessor: failOdd, End: true } }),
      [1, 2, 3, 4],
    );
    expect(tolerated.exec.status).toBe("SUCCEEDED");
    expect(tolerated.output).toEqual([{ Error: "Odd", Cause: "" }, 2, { Error: "Odd", Cause: "" }, 4]);
    const exceeded = await runToEnd(
      machine({ M: { Type: "Map", ToleratedFailurePercentage: 25, ItemProcessor: failOdd, End: true } }),
      [1, 2, 3, 4],
    );
    expect(exceeded.exec.error).toBe("States.ExceedToleratedFailureThreshold");
  });

  it("distributed Map is refused with a clear error", async () => {
    const r = await runToEnd(
      machine({
        M: {
          Type: "Map",
          ItemProcessor: {
            ...machine({ P: pass() }),
            ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
          },
          End: true,
        },
      }),
      [1],
    );
    expect(r.exec.error).toBe("States.Runtime");
    expect(r.exec.cause).toContain("does not emulate distributed Map");
  });

  it("history: MapStateStarted{length}, MapIterationStarted/Succeeded{name,index}, in order", async () => {
    const r = await runToEnd(
      machine({ M: { Type: "Map", ItemProcessor: machine({ P: pass() }), End: true } }),
      ["a", "b", "c"],
    );
    const events = r.h.events(r.arn);
    expect(events.find((e) => e.type === "MapStateStarted")?.mapStateStartedEventDetails).toEqual({
      length: 3,
    });
    const started = events
      .filter((e) => e.type === "MapIterationStarted")
      .map((e) => e.mapIterationStartedEventDetails);
    const succeeded = events
      .filter((e) => e.type === "MapIterationSucceeded")
      .map((e) => e.mapIterationSucceededEventDetails);
    expect(started).toEqual([0, 1, 2].map((index) => ({ name: "M", index })));
    expect(succeeded).toEqual([0, 1, 2].map((index) => ({ name: "M", index })));
    const position = (type: string) => events.findIndex((e) => e.type === type);
    expect(events.findLastIndex((e) => e.type === "MapIterationSucceeded")).toBeLessThan(
      position("MapStateSucceeded"),
    );
    expect(position("MapStateSucceeded")).toBeLessThan(position("MapStateExited"));
  });
});

describe("Parallel", () => {
  it("returns one result per branch, in branch order, each branch with the state's input", async () => {
    const r = await runToEnd(
      machine({
        P: {
          Type: "Parallel",
          Parameters: { "x.$": "$.x" },
          Branches: [
            machine({ A: pass({ Parameters: { "a.$": "$.x" } }) }),
            machine({ W: { Type: "Wait", Seconds: 5, Next: "B" }, B: pass({ Result: "b" }) }),
          ],
          ResultSelector: { "first.$": "$[0]", "second.$": "$[1]" },
          End: true,
        },
      }),
      { x: 1 },
    );
    expect(r.output).toEqual({ first: { a: 1 }, second: "b" });
    const types = r.h.types(r.arn);
    expect(types.slice(0, 3)).toEqual(["ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted"]);
    expect(types.slice(-3)).toEqual(["ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"]);
  });

  it("a failing branch fails the state and the other branches stop", async () => {
    const h = new Harness().handle("lambda:invoke", () => new Promise(() => {}));
    const arn = await h.start(
      machine({
        P: {
          Type: "Parallel",
          Branches: [
            machine({ T: { Type: "Task", Resource: TASK, End: true } }),
            machine({ F: { Type: "Fail", Error: "Boom" } }),
          ],
          End: true,
        },
      }),
    );
    expect([h.state(arn).status, h.state(arn).error]).toEqual(["FAILED", "Boom"]);
    expect(h.types(arn).slice(-2)).toEqual(["ParallelStateFailed", "ExecutionFailed"]);
  });

  it("can be retried as a whole", async () => {
    let calls = 0;
    const r = await runToEnd(
      machine({
        P: {
          Type: "Parallel",
          Branches: [machine({ T: { Type: "Task", Resource: TASK, End: true } })],
          Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1 }],
          End: true,
        },
      }),
      {},
      (h) =>
        h.handle("lambda:invoke", () =>
          ++calls === 1 ? { ok: false, error: "E" } : { ok: true, output: "ok" },
        ),
    );
    expect(r.output).toEqual(["ok"]);
    expect(r.h.types(r.arn).filter((t) => t === "ParallelStateStarted")).toHaveLength(2);
  });
});
