import { describe, expect, it } from "vitest";
import { stripJsonComments } from "../../src/asl/json-source.js";
import { brief, check, lines } from "./helpers.js";

describe("comments in JSON definitions", () => {
  const commented = lines(
    "{",
    '  "StartAt": "A", // first state',
    '  "States": {',
    "    /* the only state */",
    '    "A": { "Type": "Succeed" }',
    "  }",
    "}",
  );

  it("reports each // and /* */ comment at its line:col, then checks the rest", () => {
    const diagnostics = check(commented, "wf.asl.json");
    expect(brief(diagnostics)).toEqual(["2:19 error asl/json-comment", "4:5 error asl/json-comment"]);
    expect(diagnostics[0]?.hint).toMatch(/"Comment" field/);
  });

  it("keeps checking after stripping comments", () => {
    const text = lines(
      "{",
      '  "StartAt": "Check", // decide',
      '  "States": {',
      '    "Check": {',
      '      "Type": "Choice",',
      '      "Choices": [{ "Variable": "$.x", "StringContains": "ok", "Next": "Done" }],',
      '      "Default": "Done"',
      "    },",
      '    "Done": { "Type": "Succeed" }',
      "  }",
      "}",
    );
    expect(brief(check(text, "wf.asl.json"))).toEqual([
      "2:23 error asl/json-comment",
      "6:40 error asl/unknown-operator",
    ]);
  });

  it("reports # comments as errors like // and /* */: Step Functions rejects all three", () => {
    const text = lines(
      "{",
      '  "StartAt": "A", # first',
      '  "States": { // the states',
      '    "A": { "Type": "Succeed" } /* the only one */',
      "  }",
      "}",
    );
    const diagnostics = check(text, "wf.json");
    expect(brief(diagnostics)).toEqual([
      "2:19 error asl/json-comment",
      "3:15 error asl/json-comment",
      "4:32 error asl/json-comment",
    ]);
    for (const d of diagnostics) expect(d.message).toMatch(/Step Functions rejects the definition/);
  });

  it("reports a block comment that is never closed", () => {
    const text = lines(
      "{",
      '  "StartAt": "A",',
      '  "States": { "A": { "Type": "Succeed" } }',
      "}",
      "/* unfinished",
    );
    const diagnostics = check(text, "wf.json");
    expect(brief(diagnostics)).toEqual(["5:1 error asl/json-comment"]);
    expect(diagnostics[0]?.message).toMatch(/never closed/);
  });

  it("leaves comment-like text inside strings and YAML # comments alone", () => {
    const json = lines(
      "{",
      '  "Comment": "see https://example.com/a#b and /* this */ \\" // too",',
      '  "StartAt": "A",',
      '  "States": { "A": { "Type": "Succeed" } }',
      "}",
    );
    expect(check(json, "wf.asl.json")).toEqual([]);
    const yaml = lines("# a YAML comment", "StartAt: A # first", "States:", "  A: { Type: Succeed }");
    expect(check(yaml)).toEqual([]);
    const flowYaml = lines("{ StartAt: A,  # first", "  States: { A: { Type: Succeed } } }");
    expect(check(flowYaml, "wf.asl.yaml")).toEqual([]);
  });

  it("blanks comments without moving anything else", () => {
    const stripped = stripJsonComments('{"a": 1, // x\n"b": "//"}');
    expect(stripped.text).toBe('{"a": 1,     \n"b": "//"}');
    expect(stripped.comments).toEqual([{ line: 1, column: 10, style: "line", terminated: true }]);
  });
});
