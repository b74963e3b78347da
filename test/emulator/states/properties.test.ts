/** Property: any valid definition built from Pass/Choice/Map/Parallel/Wait/Succeed/Fail runs to a terminal status without crashing. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/emulator/states/types.js";
import { checkDefinition } from "../../../src/emulator/step-functions/definition.js";
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
    // Every state reachable: a chain S0 → S1 → …, a Choice's rule may jump ahead;
    // Succeed and Fail (and no Choice) only at the end.
    const last = specs.length - 1;
    const names = specs.map((_, i) => `S${i}`);
    const states: JsonObject = {};
    specs.forEach((spec, i) => {
      const name = names[i] as string;
      const isLast = i === last;
      const kind = isLast
        ? spec.kind === "Choice"
          ? "Pass"
          : spec.kind
        : spec.kind === "Succeed" || spec.kind === "Fail"
          ? "Pass"
          : spec.kind;
      const flow: JsonObject = isLast ? { End: true } : { Next: names[i + 1] as string };
      const rp: JsonObject = spec.resultPath === undefined ? {} : { ResultPath: spec.resultPath };
      const child: JsonObject = spec.child ?? { StartAt: "X", States: { X: { Type: "Pass", End: true } } };
      switch (kind) {
        case "Pass":
          states[name] = { Type: "Pass", Result: { x: spec.threshold }, ...rp, ...flow };
          break;
        case "Wait":
          states[name] = { Type: "Wait", Seconds: Math.abs(spec.threshold), ...flow };
          break;
        case "Choice":
          states[name] = {
            Type: "Choice",
            Choices: [
              {
                Variable: "$.x",
                NumericLessThan: spec.threshold,
                Next: names[Math.min(last, i + 1 + spec.jump)] as string,
              },
            ],
            Default: names[i + 1] as string,
          };
          break;
        case "Map":
          states[name] = {
            Type: "Map",
            ItemsPath: "$$.Execution.Input.items",
            ItemProcessor: child,
            ...rp,
            ...flow,
          };
          break;
        case "Parallel":
          states[name] = { Type: "Parallel", Branches: [child, child], ...rp, ...flow };
          break;
        case "Succeed":
          states[name] = { Type: "Succeed" };
          break;
        case "Fail":
          states[name] = { Type: "Fail", Error: "Generated", Cause: `at ${i}` };
          break;
      }
    });
    return { StartAt: "S0", States: states };
  });
}

/** State names are unique machine-wide in ASL: renames every state (branches and processors too). */
function uniquify(machine: JsonObject, counter = { n: 0 }): JsonObject {
  const names = new Map<string, string>();
  for (const name of Object.keys(machine.States as JsonObject)) names.set(name, `N${counter.n++}`);
  const rename = (name: unknown): string => names.get(String(name)) ?? String(name);
  const states: JsonObject = {};
  for (const [name, value] of Object.entries(machine.States as JsonObject)) {
    const state = structuredClone(value) as JsonObject;
    if (typeof state.Next === "string") state.Next = rename(state.Next);
    if (typeof state.Default === "string") state.Default = rename(state.Default);
    if (Array.isArray(state.Choices))
      for (const rule of state.Choices as JsonObject[]) rule.Next = rename(rule.Next);
    if (state.ItemProcessor) state.ItemProcessor = uniquify(state.ItemProcessor as JsonObject, counter);
    if (Array.isArray(state.Branches))
      state.Branches = (state.Branches as JsonObject[]).map((b) => uniquify(b, counter));
    states[rename(name)] = state;
  }
  return { ...machine, StartAt: rename(machine.StartAt), States: states };
}

const definitions = machineArb(2).map((m) => uniquify(m));

describe("interpreter properties", () => {
  // Checking is slow (agentctl's full ASL validation), so fewer samples: enough to keep the generator honest.
  it("generates definitions CreateStateMachine accepts", () => {
    fc.assert(
      fc.property(definitions, (definition) => {
        expect(
          checkDefinition(JSON.stringify(definition)).diagnostics.filter((d) => d.severity === "ERROR"),
        ).toEqual([]);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it("never crashes and always ends terminal, with a well-formed history", async () => {
    await fc.assert(
      fc.asyncProperty(
        definitions,
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
      { numRuns: 50 },
    );
  }, 120_000);
});
