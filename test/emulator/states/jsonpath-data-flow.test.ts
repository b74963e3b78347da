/** JSONPath-mode data flow, with the examples of AWS's "Processing input and output" pages. */
import { describe, expect, it } from "vitest";
import { machine, pass, runToEnd } from "./harness.js";

const TASK = "arn:aws:states:::lambda:invoke";
/** A Task whose integration returns `result` (and records what it was called with). */
function task(result: unknown, extra: Record<string, unknown> = {}) {
  const calls: unknown[] = [];
  return {
    calls,
    state: { Type: "Task", Resource: TASK, End: true, ...extra },
    setup: (h: import("./harness.js").Harness) =>
      h.handle("lambda:invoke", (req) => {
        calls.push(req.input);
        return { ok: true, output: result as never };
      }),
  };
}

describe("InputPath, Parameters, ResultSelector, ResultPath, OutputPath", () => {
  it("InputPath selects part of the input (AWS example: $.dataset2)", async () => {
    const t = task("done", { InputPath: "$.dataset2", ResultPath: null });
    const input = {
      comment: "Example for InputPath.",
      dataset1: { val1: 1, val2: 2, val3: 3 },
      dataset2: { val1: "a", val2: "b", val3: "c" },
    };
    const r = await runToEnd(machine({ T: t.state }), input, t.setup);
    expect(t.calls).toEqual([{ val1: "a", val2: "b", val3: "c" }]);
    expect(r.output).toEqual(input);
  });

  it("InputPath null gives the state {} ", async () => {
    const t = task("x", { InputPath: null });
    await runToEnd(machine({ T: t.state }), { a: 1 }, t.setup);
    expect(t.calls).toEqual([{}]);
  });

  it("Parameters: .$ keys take paths, context paths and intrinsics; the suffix is dropped; nested objects too", async () => {
    const t = task("x", {
      Parameters: {
        flagged: true,
        parts: { "first.$": "$.vals[0]", "last.$": "$.vals[-1:]" },
        "weekday.$": "$.weekday",
        "name.$": "$$.Execution.Name",
        "greeting.$": "States.Format('Hello, {}!', $.who)",
        "literal.$": "$",
      },
    });
    await runToEnd(
      machine({ T: t.state }),
      { vals: [0, 10, 20, 30, 40, 50], weekday: "Tuesday", who: "AWS" },
      t.setup,
    );
    const call = t.calls[0] as Record<string, unknown>;
    expect(call.flagged).toBe(true);
    expect(call.parts).toEqual({ first: 0, last: [50] });
    expect(call.weekday).toBe("Tuesday");
    expect(call.name).toBe("exec-1");
    expect(call.greeting).toBe("Hello, AWS!");
    expect(call.literal).toEqual({ vals: [0, 10, 20, 30, 40, 50], weekday: "Tuesday", who: "AWS" });
  });

  it("a Parameters path that matches nothing is States.ParameterPathFailure, which a Catch can catch", async () => {
    const t = task("x", {
      Parameters: { "x.$": "$.missing" },
      Catch: [{ ErrorEquals: ["States.ParameterPathFailure"], Next: "C" }],
      End: undefined,
      Next: "N",
    });
    const r = await runToEnd(machine({ T: t.state, N: pass(), C: pass() }), {}, t.setup);
    expect(r.exec.status).toBe("SUCCEEDED");
    expect((r.output as { Error: string }).Error).toBe("States.ParameterPathFailure");
  });

  it("ResultSelector reshapes the raw result before ResultPath (AWS EMR example)", async () => {
    const raw = {
      resourceType: "elasticmapreduce",
      resource: "createCluster.sync",
      output: { SdkHttpMetadata: { httpStatusCode: 200 }, ClusterId: "AKIAIOSFODNN7EXAMPLE" },
    };
    const t = task(raw, {
      ResultSelector: { "ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType" },
      ResultPath: "$.EMROutput",
    });
    const r = await runToEnd(machine({ T: t.state }), { cluster: "c" }, t.setup);
    expect(r.output).toEqual({
      cluster: "c",
      EMROutput: { ClusterId: "AKIAIOSFODNN7EXAMPLE", ResourceType: "elasticmapreduce" },
    });
  });

  it("ResultPath $.taskresult adds the result to the input (AWS example)", async () => {
    const input = {
      comment: "This is a test of the input and output of a Task state.",
      details: "Default example",
      who: "AWS Step Functions",
    };
    const t = task("Hello, AWS Step Functions!", { ResultPath: "$.taskresult" });
    const r = await runToEnd(machine({ T: t.state }), input, t.setup);
    expect(r.output).toEqual({ ...input, taskresult: "Hello, AWS Step Functions!" });
  });

  it('ResultPath "$" (and the default) replaces the input with the result', async () => {
    for (const extra of [{ ResultPath: "$" }, {}]) {
      const t = task({ only: "result" }, extra);
      const r = await runToEnd(machine({ T: t.state }), { a: 1 }, t.setup);
      expect(r.output).toEqual({ only: "result" });
    }
  });

  it("ResultPath null discards the result and keeps the input", async () => {
    const t = task("ignored", { ResultPath: null });
    const r = await runToEnd(machine({ T: t.state }), { a: 1 }, t.setup);
    expect(r.output).toEqual({ a: 1 });
  });

  it("ResultPath creates missing objects, overwrites existing keys, and fails on a non-object input", async () => {
    const deep = await runToEnd(machine({ P: pass({ Result: 1, ResultPath: "$.a.b.c" }) }), {
      a: { keep: true },
    });
    expect(deep.output).toEqual({ a: { keep: true, b: { c: 1 } } });
    const over = await runToEnd(machine({ P: pass({ Result: 2, ResultPath: "$.a" }) }), { a: 1 });
    expect(over.output).toEqual({ a: 2 });
    const bad = await runToEnd(machine({ P: pass({ Result: 1, ResultPath: "$.a" }) }), "a string");
    expect(bad.exec.status).toBe("FAILED");
    expect(bad.exec.error).toBe("States.ResultPathMatchFailure");
  });

  it("OutputPath filters the output; a missing OutputPath is States.Runtime", async () => {
    const r = await runToEnd(
      machine({ P: pass({ Result: { x: 1, y: 2 }, ResultPath: "$.r", OutputPath: "$.r.x" }) }),
      {},
    );
    expect(r.output).toBe(1);
    const missing = await runToEnd(machine({ P: pass({ OutputPath: "$.nothing" }) }), {});
    expect(missing.exec.error).toBe("States.Runtime");
  });

  it("OutputPath null gives {}", async () => {
    const r = await runToEnd(machine({ P: pass({ OutputPath: null }) }), { a: 1 });
    expect(r.output).toEqual({});
  });

  it("Pass Result is not evaluated: .$ keys stay as written", async () => {
    const r = await runToEnd(machine({ P: pass({ Result: { "x.$": "$.a" } }) }), { a: 1 });
    expect(r.output).toEqual({ "x.$": "$.a" });
  });

  it("Pass Parameters are evaluated", async () => {
    const r = await runToEnd(
      machine({ P: pass({ Parameters: { "x.$": "$.a", y: [1, { "z.$": "$.a" }] } }) }),
      { a: 7 },
    );
    expect(r.output).toEqual({ x: 7, y: [1, { z: 7 }] });
  });

  it("an indefinite path yields an array of matches", async () => {
    const r = await runToEnd(
      machine({ P: pass({ Parameters: { "ids.$": "$.items[*].id", "big.$": "$.items[?(@.n > 1)].id" } }) }),
      {
        items: [
          { id: "a", n: 1 },
          { id: "b", n: 2 },
        ],
      },
    );
    expect(r.output).toEqual({ ids: ["a", "b"], big: ["b"] });
  });
});

describe("the context object", () => {
  it("exposes Execution, StateMachine and State", async () => {
    const r = await runToEnd(machine({ P: pass({ Parameters: { "ctx.$": "$$" } }) }), { q: 1 });
    const ctx = (r.output as { ctx: Record<string, Record<string, unknown>> }).ctx;
    expect(ctx.Execution).toMatchObject({
      Id: r.arn,
      Name: "exec-1",
      Input: { q: 1 },
      RoleArn: "arn:aws:iam::000000000000:role/sfn",
      RedriveCount: 0,
    });
    expect(ctx.Execution?.StartTime).toBe("2026-01-01T00:00:00.000Z");
    expect(ctx.StateMachine).toEqual({
      Id: "arn:aws:states:us-east-1:000000000000:stateMachine:test",
      Name: "test",
    });
    expect(ctx.State).toMatchObject({ Name: "P", RetryCount: 0 });
    expect(ctx.Task).toBeUndefined();
  });

  it("keeps the execution's input and start time inside Map iterations and Parallel branches", async () => {
    const inner = machine({
      I: pass({
        Parameters: {
          "input.$": "$$.Execution.Input",
          "start.$": "$$.Execution.StartTime",
          "state.$": "$$.State.Name",
        },
      }),
    });
    const r = await runToEnd(
      machine({
        Par: { Type: "Parallel", Branches: [inner], Next: "M" },
        M: { Type: "Map", ItemsPath: "$$.Execution.Input.items", ItemProcessor: inner, End: true },
      }),
      { items: [1] },
    );
    expect(r.output).toEqual([{ input: { items: [1] }, start: "2026-01-01T00:00:00.000Z", state: "I" }]);
  });
});

describe("variables (Assign) in JSONPath mode", () => {
  it("assigns from the result and reads $name later, including $name.path", async () => {
    const r = await runToEnd(
      machine({
        A: {
          Type: "Pass",
          Result: { id: 42, tags: ["x"] },
          Assign: { "order.$": "$", fixed: "v", "firstTag.$": "$.tags[0]" },
          Next: "B",
        },
        B: pass({ Parameters: { "id.$": "$order.id", "fixed.$": "$fixed", "tag.$": "$firstTag" } }),
      }),
      {},
    );
    expect(r.output).toEqual({ id: 42, fixed: "v", tag: "x" });
  });

  it("evaluates all assignments of a state against the old values", async () => {
    const r = await runToEnd(
      machine({
        A: { Type: "Pass", Assign: { x: 1 }, Next: "B" },
        B: { Type: "Pass", Assign: { x: 2, "old.$": "$x" }, Next: "C" },
        C: pass({ Parameters: { "x.$": "$x", "old.$": "$old" } }),
      }),
      {},
    );
    expect(r.output).toEqual({ x: 2, old: 1 });
  });

  it("lets Map iterations read outer variables but keeps their own assignments inside", async () => {
    const r = await runToEnd(
      machine({
        A: { Type: "Pass", Assign: { outer: "o" }, Next: "M" },
        M: {
          Type: "Map",
          ItemProcessor: machine({
            I: { Type: "Pass", Assign: { inner: "i" }, Next: "J" },
            J: pass({ Parameters: { "outer.$": "$outer", "inner.$": "$inner" } }),
          }),
          Next: "After",
        },
        After: pass({ Parameters: { "outer.$": "$outer", "mapped.$": "$" } }),
      }),
      [1],
    );
    expect(r.output).toEqual({ outer: "o", mapped: [{ outer: "o", inner: "i" }] });
    expect(r.exec.frames["0"]?.vars).toEqual({ outer: "o" });
  });

  it("records assignedVariables on the StateExited event", async () => {
    const r = await runToEnd(machine({ A: pass({ Assign: { x: { y: 1 } } }) }), {});
    const exited = r.h.events(r.arn).find((e) => e.type === "PassStateExited") as Record<
      string,
      { assignedVariables?: unknown }
    >;
    expect(exited.stateExitedEventDetails?.assignedVariables).toEqual({ x: '{"y":1}' });
  });
});
