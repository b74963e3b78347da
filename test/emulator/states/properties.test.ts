/** Property: any valid definition built from Pass/Choice/Map/Parallel/Wait/Succeed/Fail runs to a terminal status without crashing. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/emulator/states/types.js";
import { runToEnd } from "./harness.js";

type Kind = "Pass" | "Choice" | "Map" | "Parallel" | "Wait" | "Succeed" | "Fail";

/** A machine of `count` states where every transition goes forward, so it always ends. */
function machineArb(depth: number): fc.Arbitrary<JsonObject> {
  const kinds: Kind[] =
    depth > 0
      ? ["Pass", "Choice", "Map", "Parallel", "Wait", "Succeed", "Fail"]
      : ["Pass", "Choice", "Wait", "Succeed", "Fail"];
  const stateArb = fc.record({
    kind: fc.constantFrom(...kinds),
    threshold: fc.integer({ min: -5, max: 5 }),
    jump: fc.nat(3),
    resultPath: fc.constantFrom(undefined, "$.r", "$", null),
    child: depth > 0 ? machineArb(depth - 1) : fc.constant(undefined),
  });
  return fc.array(stateArb, { minLength: 1, maxLength: 6 }).map((specs) => {
    const names = specs.map((_, i) => `S${i}`);
    const states: JsonObject = {};
    specs.forEach((spec, i) => {
      const next = i + 1 + spec.jump < names.length ? names[i + 1 + spec.jump] : undefined;
      const flow: JsonObject = next ? { Next: next } : { End: true };
      const rp: JsonObject = spec.resultPath === undefined ? {} : { ResultPath: spec.resultPath };
      const child: JsonObject = spec.child ?? { StartAt: "X", States: { X: { Type: "Pass", End: true } } };
      switch (spec.kind) {
        case "Pass":
          states[names[i] as string] = { Type: "Pass", Result: { x: spec.threshold }, ...rp, ...flow };
          break;
        case "Wait":
          states[names[i] as string] = { Type: "Wait", Seconds: Math.abs(spec.threshold), ...flow };
          break;
        case "Choice":
          states[names[i] as string] = {
            Type: "Choice",
            Choices: [{ Variable: "$.x", NumericLessThan: spec.threshold, Next: next ?? "End" }],
            Default: next ?? "End",
          };
          break;
        case "Map":
          states[names[i] as string] = {
            Type: "Map",
            ItemsPath: "$$.Execution.Input.items",
            ItemProcessor: child,
            ...rp,
            ...flow,
          };
          break;
        case "Parallel":
          states[names[i] as string] = { Type: "Parallel", Branches: [child, child], ...rp, ...flow };
          break;
        case "Succeed":
          states[names[i] as string] = { Type: "Succeed" };
          break;
        case "Fail":
          states[names[i] as string] = { Type: "Fail", Error: "Generated", Cause: `at ${i}` };
          break;
      }
    });
    states.End = { Type: "Succeed" };
    return { StartAt: "S0", States: states };
  });
}

describe("interpreter properties", () => {
  it("never crashes and always ends terminal, with a well-formed history", async () => {
    await fc.assert(
      fc.asyncProperty(
        machineArb(2),
        fc.record({ x: fc.integer({ min: -10, max: 10 }), items: fc.array(fc.integer(), { maxLength: 3 }) }),
        async (definition, input) => {
          const r = await runToEnd(definition, input);
          expect(["SUCCEEDED", "FAILED"]).toContain(r.exec.status);
          const events = r.h.events(r.arn);
          expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
          expect(events.at(-1)?.type).toMatch(/^Execution(Succeeded|Failed)$/);
          expect(Object.keys(r.exec.frames)).toEqual(["0"]);
          // The only failures: a Fail state, or data the generated paths do not fit (e.g. ResultPath into a number).
          if (r.exec.status === "FAILED")
            expect(["Generated", "States.ResultPathMatchFailure", "States.Runtime"]).toContain(r.exec.error);
          if (r.exec.error === "States.Runtime") expect(r.exec.cause).toMatch(/path/i);
        },
      ),
      { numRuns: 60 },
    );
  });
});
