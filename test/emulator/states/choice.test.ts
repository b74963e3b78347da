/** JSONPath Choice rules: every operator and its Path form, Is* both ways, combinators, no match. */
import { describe, expect, it } from "vitest";
import { machine, pass, runToEnd } from "./harness.js";

async function matches(rule: Record<string, unknown>, input: unknown): Promise<boolean | string> {
  const r = await runToEnd(
    machine({
      C: { Type: "Choice", Choices: [{ ...rule, Next: "Yes" }], Default: "No" },
      Yes: pass({ Result: true }),
      No: pass({ Result: false }),
    }),
    input as never,
  );
  return r.exec.status === "SUCCEEDED" ? (r.output as boolean) : String(r.exec.error);
}

describe("Choice rules", () => {
  const input = {
    s: "apple",
    n: 5,
    b: true,
    t: "2026-01-01T10:00:00Z",
    other: { s: "banana", n: 5, t: "2026-01-01T10:00:00Z", b: true },
    nul: null,
  };

  it.each([
    ["StringEquals", "$.s", "apple", true],
    ["StringEquals", "$.s", "pear", false],
    ["StringLessThan", "$.s", "banana", true],
    ["StringGreaterThan", "$.s", "banana", false],
    ["StringLessThanEquals", "$.s", "apple", true],
    ["StringGreaterThanEquals", "$.s", "apple", true],
    ["NumericEquals", "$.n", 5, true],
    ["NumericLessThan", "$.n", 5, false],
    ["NumericGreaterThan", "$.n", 4.5, true],
    ["NumericLessThanEquals", "$.n", 5, true],
    ["NumericGreaterThanEquals", "$.n", 6, false],
    ["BooleanEquals", "$.b", true, true],
    ["BooleanEquals", "$.b", false, false],
    ["TimestampEquals", "$.t", "2026-01-01T10:00:00Z", true],
    ["TimestampLessThan", "$.t", "2026-01-01T10:00:01Z", true],
    ["TimestampGreaterThan", "$.t", "2026-01-01T10:00:01Z", false],
    ["TimestampLessThanEquals", "$.t", "2026-01-01T11:00:00+01:00", true],
    ["TimestampGreaterThanEquals", "$.t", "2025-12-31T23:59:59Z", true],
  ])("%s %s %j → %s", async (operator, variable, value, expected) => {
    expect(await matches({ Variable: variable, [operator]: value }, input)).toBe(expected);
  });

  it.each([
    ["StringEqualsPath", "$.s", "$.other.s", false],
    ["StringLessThanPath", "$.s", "$.other.s", true],
    ["StringGreaterThanPath", "$.s", "$.other.s", false],
    ["StringLessThanEqualsPath", "$.s", "$.s", true],
    ["StringGreaterThanEqualsPath", "$.other.s", "$.s", true],
    ["NumericEqualsPath", "$.n", "$.other.n", true],
    ["NumericLessThanPath", "$.n", "$.other.n", false],
    ["NumericGreaterThanPath", "$.n", "$.other.n", false],
    ["NumericLessThanEqualsPath", "$.n", "$.other.n", true],
    ["NumericGreaterThanEqualsPath", "$.n", "$.other.n", true],
    ["BooleanEqualsPath", "$.b", "$.other.b", true],
    ["TimestampEqualsPath", "$.t", "$.other.t", true],
    ["TimestampLessThanPath", "$.t", "$.other.t", false],
    ["TimestampGreaterThanPath", "$.t", "$.other.t", false],
    ["TimestampLessThanEqualsPath", "$.t", "$.other.t", true],
    ["TimestampGreaterThanEqualsPath", "$.t", "$.other.t", true],
  ])("%s %s %s → %s", async (operator, variable, path, expected) => {
    expect(await matches({ Variable: variable, [operator]: path }, input)).toBe(expected);
  });

  it("a type mismatch is no match, not an error", async () => {
    expect(await matches({ Variable: "$.s", NumericEquals: 5 }, input)).toBe(false);
    expect(await matches({ Variable: "$.n", StringEquals: "5" }, input)).toBe(false);
    expect(await matches({ Variable: "$.s", TimestampEquals: "2026-01-01T10:00:00Z" }, input)).toBe(false);
  });

  it("StringMatches: * wildcards, escaped \\* literal", async () => {
    expect(await matches({ Variable: "$.f", StringMatches: "log-*.txt" }, { f: "log-2026.txt" })).toBe(true);
    expect(
      await matches({ Variable: "$.f", StringMatches: "*ESCALATE*" }, { f: "please ESCALATE now" }),
    ).toBe(true);
    expect(await matches({ Variable: "$.f", StringMatches: "a\\*b" }, { f: "a*b" })).toBe(true);
    expect(await matches({ Variable: "$.f", StringMatches: "a\\*b" }, { f: "axxb" })).toBe(false);
  });

  it.each([
    ["IsPresent", "$.s", true, true],
    ["IsPresent", "$.missing", true, false],
    ["IsPresent", "$.missing", false, true],
    ["IsPresent", "$.s", false, false],
    ["IsNull", "$.nul", true, true],
    ["IsNull", "$.s", false, true],
    ["IsNumeric", "$.n", true, true],
    ["IsNumeric", "$.s", false, true],
    ["IsString", "$.s", true, true],
    ["IsString", "$.n", false, true],
    ["IsBoolean", "$.b", true, true],
    ["IsBoolean", "$.s", false, true],
    ["IsTimestamp", "$.t", true, true],
    ["IsTimestamp", "$.s", false, true],
    ["IsTimestamp", "$.t", false, false],
  ])("%s on %s = %s → %s", async (operator, variable, value, expected) => {
    expect(await matches({ Variable: variable, [operator]: value }, input)).toBe(expected);
  });

  it("And, Or, Not (AWS example: a value between 20 and 30, or not a type)", async () => {
    const between = {
      And: [
        { Variable: "$.value", NumericGreaterThanEquals: 20 },
        { Variable: "$.value", NumericLessThan: 30 },
      ],
    };
    expect(await matches(between, { value: 25 })).toBe(true);
    expect(await matches(between, { value: 30 })).toBe(false);
    expect(
      await matches(
        {
          Or: [
            { Variable: "$.v", StringEquals: "a" },
            { Variable: "$.v", StringEquals: "b" },
          ],
        },
        { v: "b" },
      ),
    ).toBe(true);
    expect(await matches({ Not: { Variable: "$.type", StringEquals: "Private" } }, { type: "Public" })).toBe(
      true,
    );
  });

  it("a comparison on a missing Variable is States.Runtime", async () => {
    expect(await matches({ Variable: "$.missing", StringEquals: "x" }, {})).toBe("States.Runtime");
  });

  it("no match and no Default is States.NoChoiceMatched", async () => {
    const r = await runToEnd(
      machine({
        C: { Type: "Choice", Choices: [{ Variable: "$.a", NumericEquals: 1, Next: "Y" }] },
        Y: pass(),
      }),
      { a: 2 },
    );
    expect(r.exec.status).toBe("FAILED");
    expect(r.exec.error).toBe("States.NoChoiceMatched");
  });

  it("applies InputPath and OutputPath, and Assign of the state and of the matched rule", async () => {
    const r = await runToEnd(
      machine({
        C: {
          Type: "Choice",
          InputPath: "$.in",
          OutputPath: "$.x",
          Assign: { "s.$": "$.x" },
          Choices: [{ Variable: "$.x", NumericEquals: 1, Assign: { rule: "first" }, Next: "Y" }],
        },
        Y: pass({ Parameters: { "v.$": "$", "s.$": "$s", "rule.$": "$rule" } }),
      }),
      { in: { x: 1 } },
    );
    expect(r.output).toEqual({ v: 1, s: 1, rule: "first" });
  });
});
