/**
 * Step Functions' size limit, and definitions with thousands of states (which
 * used to take seconds to minutes: several checks compared every state with
 * every other). No timing assertions: these only have to finish.
 */
import { describe, expect, it } from "vitest";
import { MAX_DEFINITION_CHARACTERS } from "../../src/asl/validate.js";
import { brief, check, lines } from "./helpers.js";

/** A one-state definition whose JSON text (as deploy sends it) is exactly `size` characters. */
function definitionOfSize(size: number): string {
  const skeleton = (comment: string) =>
    JSON.stringify({ Comment: comment, StartAt: "A", States: { A: { Type: "Succeed" } } });
  return skeleton("x".repeat(size - skeleton("").length));
}

function chain(count: number, state: (i: number, next: string | undefined) => object): string {
  const states: Record<string, object> = {};
  for (let i = 0; i < count; i++) states[`S${i}`] = state(i, i + 1 < count ? `S${i + 1}` : undefined);
  return JSON.stringify({ StartAt: "S0", States: states }, null, 1);
}

describe("definition size", () => {
  it("is an error above 1,048,576 characters of JSON", () => {
    expect(MAX_DEFINITION_CHARACTERS).toBe(1_048_576);
    const atLimit = definitionOfSize(MAX_DEFINITION_CHARACTERS);
    expect(atLimit.length).toBe(MAX_DEFINITION_CHARACTERS);
    expect(check(atLimit, "wf.asl.json")).toEqual([]);
    const diagnostics = check(definitionOfSize(MAX_DEFINITION_CHARACTERS + 1), "wf.asl.json");
    expect(brief(diagnostics)).toEqual(["1:1 error asl/definition-too-large"]);
    expect(diagnostics[0]?.message).toContain("1,048,577 characters");
  });

  it("is measured on the JSON deploy sends, not on the file", () => {
    // Indentation and YAML comments make the file larger than the limit; its JSON is small.
    const padding = Array.from({ length: 12_000 }, () => `# ${"-".repeat(90)}`);
    const yaml = lines(...padding, "StartAt: A", "States:", "  A: { Type: Succeed }");
    expect(yaml.length).toBeGreaterThan(MAX_DEFINITION_CHARACTERS);
    expect(check(yaml)).toEqual([]);
  });

  it("counts a multi-line YAML prompt as its JSON-escaped text", () => {
    const prompt = `${"word ".repeat(15)}\n`.repeat(14_000); // ~1.1 M characters once in JSON
    const text = JSON.stringify({
      StartAt: "A",
      States: { A: { Type: "Pass", Result: { prompt }, End: true } },
    });
    expect(brief(check(text, "wf.asl.json"))).toEqual(["1:1 error asl/definition-too-large"]);
  });
});

describe("definitions with many states", () => {
  it("validates 10,000 valid states with no diagnostics", () => {
    const text = chain(10_000, (i, next) => {
      const flow = next ? { Next: next } : { End: true };
      if (i % 3 === 0 && next)
        return {
          Type: "Choice",
          Choices: [{ Variable: "$.n", NumericGreaterThan: 5, Next: next }],
          Default: next,
        };
      if (i % 3 === 1) return { Type: "Pass", Parameters: { "n.$": "$.n" }, ResultPath: "$.p", ...flow };
      return {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        ...(i % 10 === 2 ? { Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 2 }] } : {}),
        ...flow,
      };
    });
    expect(JSON.stringify(JSON.parse(text)).length).toBeLessThan(1_048_576);
    expect(check(text, "wf.asl.json")).toEqual([]);
  });

  it("reports every problem of thousands of broken states", () => {
    // 2,000 rather than 10,000: locating each of 20,000 diagnostics in the source is itself slow.
    const text = chain(2_000, () => ({ Type: "Pass" }));
    const diagnostics = check(text, "wf.asl.json");
    expect(diagnostics.filter((d) => d.code === "asl/missing-next-or-end")).toHaveLength(2_000);
    // Nothing goes anywhere: every state after the first is unreachable, and nothing ends.
    expect(diagnostics.filter((d) => d.code === "asl/unreachable-state")).toHaveLength(1_999);
    expect(diagnostics.filter((d) => d.code === "asl/missing-terminal-state")).toHaveLength(1);
  });

  it("checks transitions of 40,000 states", () => {
    const text = chain(40_000, (_, next) => (next ? { Type: "Pass", Next: next } : { Type: "Succeed" }));
    const diagnostics = check(text.replace('"Next": "S39999"', '"Next": "S39999O"'), "wf.asl.json");
    expect(diagnostics.map((d) => d.code)).toEqual([
      "asl/definition-too-large",
      "asl/missing-transition-target",
      "asl/unreachable-state",
    ]);
    expect(diagnostics[1]?.hint).toBe('Did you mean "S39999"?');
  });
});
