import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateStateMachineFile } from "../../src/asl/validate.js";
import { brief, check, lines } from "./helpers.js";

describe("structure and graph errors (asl-validator and field checks)", () => {
  it("points at a transition to a state that does not exist", () => {
    const diagnostics = check(lines("StartAt: A", "States:", "  A:", "    Type: Pass", "    Next: B"));
    expect(brief(diagnostics)).toEqual([
      "2:1 error asl/missing-terminal-state",
      "5:11 error asl/missing-transition-target",
    ]);
    expect(diagnostics[1]?.hint).toBe("States here: A.");
  });

  it("points at an unreachable state", () => {
    const text = lines("StartAt: A", "States:", "  A:", "    Type: Succeed", "  B:", "    Type: Succeed");
    expect(brief(check(text))).toEqual(["5:3 error asl/unreachable-state"]);
  });

  it("suggests the field a misspelt one was meant to be", () => {
    const text = lines(
      "StartAt: A",
      "States:",
      "  A:",
      "    Type: Task",
      "    Resouce: arn:aws:states:::lambda:invoke",
      "    End: true",
    );
    const diagnostics = check(text);
    expect(brief(diagnostics)).toEqual(["3:3 error asl/missing-field", "5:5 error asl/unknown-field"]);
    expect(diagnostics[1]?.hint).toBe('Did you mean "Resource"?');
  });

  it("suggests the state type a misspelt one was meant to be", () => {
    const diagnostics = check(lines("StartAt: A", "States:", "  A:", "    Type: Passs", "    End: true"));
    expect(brief(diagnostics)).toEqual(["4:11 error asl/unknown-state-type"]);
    expect(diagnostics[0]?.hint).toBe('Did you mean "Pass"?');
  });

  it("explains JSONPath fields in a JSONata state", () => {
    const text = lines(
      "QueryLanguage: JSONata",
      "StartAt: A",
      "States:",
      "  A:",
      "    Type: Task",
      "    Resource: arn:aws:states:::lambda:invoke",
      "    Parameters: { FunctionName: f }",
      "    End: true",
    );
    const diagnostics = check(text);
    expect(brief(diagnostics)).toEqual(["7:5 error asl/jsonpath-field-in-jsonata"]);
    expect(diagnostics[0]?.hint).toContain('"Arguments"');
  });

  it("rejects End on a Choice state", () => {
    const text = lines(
      "StartAt: A",
      "States:",
      "  A:",
      "    Type: Choice",
      "    Choices: [{ Variable: $.x, IsPresent: true, Next: B }]",
      "    Default: B",
      "    End: true",
      "  B: { Type: Succeed }",
    );
    expect(brief(check(text))).toEqual(["7:5 error asl/unknown-field"]);
  });

  it("reports a bad path at its key", () => {
    const text = lines(
      "StartAt: A",
      "States:",
      "  A:",
      "    Type: Pass",
      "    Parameters:",
      "      x.$: not a path",
      "    End: true",
    );
    expect(brief(check(text))).toEqual(["6:7 error asl/schema"]);
  });

  it("reports a Wait state without a duration at the state", () => {
    expect(brief(check(lines("StartAt: A", "States:", "  A:", "    Type: Wait", "    End: true")))).toEqual([
      "3:3 error asl/wait-duration",
    ]);
  });

  it("gives the same verdict for JSON and YAML", () => {
    const json = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } }, null, 2);
    expect(brief(check(json, "wf.asl.json"))).toEqual([
      "3:3 error asl/missing-terminal-state",
      "6:15 error asl/missing-transition-target",
    ]);
  });
});

describe("transitions and skeleton", () => {
  it("keeps a Map processor's transitions inside it", () => {
    const text = lines(
      "StartAt: M",
      "States:",
      "  M:",
      "    Type: Map",
      "    ItemProcessor:",
      "      StartAt: X",
      "      States:",
      "        X: { Type: Pass, Next: Outside }",
      "    Next: Outside",
      "  Outside: { Type: Succeed }",
    );
    const diagnostics = check(text);
    expect(brief(diagnostics)).toEqual([
      "7:7 error asl/missing-terminal-state",
      "8:32 error asl/map-outbound-transition-target",
    ]);
    expect(diagnostics[1]?.hint).toContain('put "Next": "Outside" on the Map state itself');
  });

  it("rejects a jump into a Map processor", () => {
    const text = lines(
      "StartAt: A",
      "States:",
      "  A: { Type: Pass, Next: X }",
      "  M:",
      "    Type: Map",
      "    ItemProcessor: { StartAt: X, States: { X: { Type: Succeed } } }",
      "    End: true",
    );
    expect(brief(check(text))).toEqual([
      "3:26 error asl/missing-transition-target",
      "4:3 error asl/unreachable-state",
    ]);
  });

  it("suggests the state a misspelt StartAt meant", () => {
    const diagnostics = check(lines("StartAt: Valdate", "States:", "  Validate: { Type: Succeed }"));
    expect(brief(diagnostics)).toEqual([
      "1:10 error asl/missing-transition-target",
      "3:3 error asl/unreachable-state",
    ]);
    expect(diagnostics[0]?.hint).toBe('Did you mean "Validate"?');
  });

  it("does not mistake payload keys named States or Next for the state machine's", () => {
    const text = lines(
      "StartAt: A",
      "States:",
      "  A:",
      "    Type: Task",
      "    Resource: arn:aws:states:::lambda:invoke",
      "    Parameters:",
      "      FunctionName: f",
      "      Payload: { States: CA, Next: page2, Default: x }",
      "    End: true",
    );
    expect(check(text)).toEqual([]);
  });

  it("reports a broken skeleton without crashing", () => {
    expect(brief(check(lines("StartAt: A", "States: [1, 2]")))).toEqual(["2:9 error asl/schema"]);
    expect(brief(check(lines("StartAt: A", "States:", "  A: hello")))).toEqual(["3:6 error asl/schema"]);
    expect(brief(check(lines("Comment: nothing else")))).toEqual([
      "1:1 error asl/missing-field",
      "1:1 error asl/missing-field",
    ]);
  });

  it("reports an invalid JSONata expression once, at its field", () => {
    const text = lines(
      "QueryLanguage: JSONata",
      "StartAt: A",
      "States:",
      "  A:",
      "    Type: Pass",
      '    Output: "{% $states.input.( %}"',
      "    End: true",
    );
    expect(brief(check(text))).toEqual(["6:5 error asl/jsonata"]);
  });
});

describe("files that are not a definition", () => {
  it("recognises a CloudFormation template", () => {
    const text = lines(
      "AWSTemplateFormatVersion: '2010-09-09'",
      "Resources:",
      "  Machine: { Type: AWS::StepFunctions::StateMachine }",
    );
    expect(brief(check(text))).toEqual(["1:1 error asl/not-a-state-machine"]);
  });

  it("reports a non-object and a syntax error without throwing", () => {
    expect(brief(check("- a\n- b\n"))).toEqual(["1:1 error asl/not-an-object"]);
    expect(brief(check('{"StartAt": "A",, }', "wf.json"))[0]).toMatch(/^1:\d+ error asl\/invalid$/);
  });

  it("warns when a .json file is YAML rather than JSON", () => {
    const trailingComma = lines(
      "{",
      '  "StartAt": "A",',
      '  "States": { "A": { "Type": "Succeed" }, },',
      "}",
    );
    expect(brief(check(trailingComma, "wf.asl.json"))).toEqual(["3:43 warning asl/not-json"]);
    // A CloudFormation tag is explained by the parser; one warning at that place, not two.
    const tagged = lines(
      "{",
      '  "StartAt": "A",',
      '  "States": { "A": { "Type": "Succeed", "Comment": !Sub "x" } }',
      "}",
    );
    expect(brief(check(tagged, "wf.asl.json"))).toEqual([
      expect.stringMatching(/^3:52 warning asl\/(not-json|unresolved-tag)$/),
    ]);
  });

  it("reports a missing file as a diagnostic", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "agentctl-asl-"));
    try {
      const missing = path.join(dir, "nope.asl.json");
      expect(brief(await validateStateMachineFile(missing, { agentNames: [] }))).toEqual([
        "1:1 error asl/unreadable",
      ]);
      const file = path.join(dir, "ok.asl.yaml");
      await writeFile(file, "StartAt: A\nStates:\n  A: { Type: Succeed }\n");
      expect(await validateStateMachineFile(file, { agentNames: [] })).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
