/**
 * One run reports every independent problem, each in specific words: a broken
 * state never hides another, and a correct rule is never blamed for its sibling.
 */
import { describe, expect, it } from "vitest";
import { brief, check, lines } from "./helpers.js";

const messages = (text: string) => check(text).map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`);

describe("independent problems are reported together", () => {
  it("Next with End, neither, and an empty Choices list in one run", () => {
    const text = lines(
      "StartAt: A",
      "States:",
      "  A: { Type: Pass, Next: B, End: true }",
      "  B: { Type: Pass }",
      "  C: { Type: Choice, Choices: [], Default: A }",
    );
    const diagnostics = check(text);
    expect(brief(diagnostics)).toEqual([
      "3:29 error asl/terminal-state-with-next",
      "4:3 error asl/missing-next-or-end",
      "5:3 error asl/unreachable-state",
      "5:22 error asl/schema",
    ]);
    expect(diagnostics[1]?.hint).toBe(
      'Add "Next": "<state name>" to continue, or "End": true to finish the execution here.',
    );
    expect(diagnostics[3]?.message).toBe('State "C": Choices must list at least one rule.');
  });

  it("bad values in different states and fields are all reported", () => {
    const text = lines(
      "StartAt: A",
      "States:",
      "  A:",
      "    Type: Task",
      "    Resource: lambda",
      '    TimeoutSeconds: "30"',
      "    Parameters:",
      "      Payload.$: \"States.Formatt('{}', $.x)\"",
      "      Other.$: $.ok",
      "    Retry:",
      "      - { ErrorEquals: [States.ALL], MaxAttempts: -1 }",
      "      - { ErrorEquals: [], IntervalSeconds: 0.5 }",
      "    Next: B",
      "  B: { Type: Wait, Timestamp: tomorrow, Next: C }",
      "  C: { Type: Pass, OutputPath: foo, End: true }",
    );
    expect(messages(text)).toEqual([
      '5:5 asl/schema: State "A": Resource must be an ARN, e.g. arn:aws:states:::lambda:invoke or arn:aws:lambda:us-east-1:123456789012:function:my-function.',
      '6:5 asl/schema: State "A": TimeoutSeconds must be a positive integer.',
      '8:7 asl/unknown-intrinsic: State "A": Parameters.Payload.$ calls "States.Formatt", which is not an intrinsic function.',
      '11:11 asl/schema: State "A": Retry[0].ErrorEquals has "States.ALL", which must be in the last entry of the list.',
      '11:38 asl/schema: State "A": Retry[0].MaxAttempts must be a non-negative integer.',
      '12:11 asl/schema: State "A": Retry[1].ErrorEquals must be a non-empty list of error names, e.g. ["States.TaskFailed"].',
      '12:28 asl/schema: State "A": Retry[1].IntervalSeconds must be a positive integer (seconds before the first retry).',
      '14:20 asl/schema: State "B": Timestamp must be a timestamp such as "2025-01-31T23:59:59Z" (RFC 3339, uppercase T and Z).',
      '15:20 asl/schema: State "C": OutputPath is "foo", which is not a path or intrinsic function.',
    ]);
    const hints = check(text).map((d) => d.hint);
    expect(hints[1]).toBe("Remove the quotes so YAML reads it as a number: 30.");
    expect(hints[2]).toBe('Did you mean "States.Format"?');
  });

  it("never falls back to a vague message", () => {
    const text = lines(
      "QueryLanguage: JSONata",
      "StartAt: A",
      "States:",
      "  A:",
      "    Type: Task",
      "    Resource: arn:aws:states:::lambda:invoke",
      "    TimeoutSeconds: soon",
      "    Arguments: { FunctionName: f }",
      "    Next: W",
      "  W: { Type: Wait, Seconds: -1, Next: M }",
      "  M:",
      "    Type: Map",
      "    MaxConcurrency: many",
      "    ItemProcessor:",
      "      ProcessorConfig: { Mode: DISTRIBUTED }",
      "      StartAt: X",
      "      States: { X: { Type: Succeed } }",
      "    End: true",
    );
    expect(messages(text)).toEqual([
      '7:5 asl/schema: State "A": TimeoutSeconds must be a positive integer or a JSONata expression written {% … %}.',
      '10:20 asl/schema: State "W": Seconds must be a non-negative number or a JSONata expression written {% … %}.',
      '13:5 asl/schema: State "M": MaxConcurrency must be a non-negative number or a JSONata expression written {% … %}.',
      '15:32 asl/schema: State "M": a DISTRIBUTED Map needs ProcessorConfig.ExecutionType "STANDARD" or "EXPRESS".',
    ]);
  });

  it("does not blame a correct JSONata Condition for a broken sibling rule", () => {
    const text = lines(
      "QueryLanguage: JSONata",
      "StartAt: Check",
      "States:",
      "  Check:",
      "    Type: Choice",
      "    Choices:",
      '      - Condition: "{% $states.input.total > 500 %}"',
      "        Next: Done",
      '      - Condition: "{% $states.input.( %}"',
      "        Next: Done",
      "      - Condition: just text",
      "    Default: Done",
      "  Done: { Type: Succeed }",
    );
    expect(messages(text)).toEqual([
      '9:9 asl/jsonata: State "Check": Choices[1].Condition is not a valid JSONata expression: Expected ")" before end of expression at character 17 of the expression.',
      '11:9 asl/schema: State "Check": Choices[2] needs "Next": the state to go to when the rule matches.',
      '11:9 asl/schema: State "Check": Choices[2].Condition must be a JSONata expression written {% … %}.',
    ]);
  });

  it("checks each JSONPath Choice rule on its own", () => {
    const text = lines(
      "StartAt: Check",
      "States:",
      "  Check:",
      "    Type: Choice",
      "    Choices:",
      "      - { Variable: $.ok, BooleanEquals: true, Next: Done }",
      '      - { Variable: $.n, NumericEquals: "5", Next: Done }',
      "      - { Variable: $.s, Next: Done }",
      "      - { Variable: $.s, StringEquals: a, IsPresent: true, Next: Done }",
      "      - And: []",
      "        Next: Done",
      "      - Not: { Variable: $.s, IsNull: true, Next: Done }",
      "        Next: Done",
      "      - { Variable: 'items[0]', IsPresent: true, Next: Done }",
      "    Default: Done",
      "  Done: { Type: Succeed }",
    );
    const diagnostics = check(text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '7:26 State "Check": Choices[1].NumericEquals must be a number.',
      '8:9 State "Check": Choices[2] has no comparison operator.',
      '9:9 State "Check": Choices[3] has 2 operators (StringEquals, IsPresent); a rule has exactly one.',
      '10:9 State "Check": Choices[4].And must be a non-empty list of rules.',
      '12:45 State "Check": Choices[5].Not.Next is not allowed here: only top-level rules have "Next".',
      '14:11 State "Check": Choices[6].Variable is "items[0]", which is not a path or intrinsic function.',
    ]);
    expect(diagnostics[0]?.hint).toBe("Remove the quotes so YAML reads it as a number: 5.");
  });
});

describe("graph checks run whatever else is wrong", () => {
  it("finds unreachable states, unending branches and duplicate names alongside schema errors", () => {
    const text = lines(
      "StartAt: P",
      "States:",
      "  P:",
      "    Type: Parallel",
      "    Branches:",
      "      - StartAt: X",
      "        States:",
      "          X: { Type: Pass, Next: Y }",
      "          Y: { Type: Pass, Next: X }",
      "      - StartAt: Done",
      "        States: { Done: { Type: Succeed } }",
      "    TimeoutSeconds: 5",
      "    Next: Done",
      "  Done: { Type: Succeed }",
      "  Orphan: { Type: Pass, Next: Lost }",
      "  Lost: { Type: Succeed }",
    );
    expect(brief(check(text))).toEqual([
      "7:9 error asl/missing-terminal-state",
      "11:19 error asl/duplicate-state-names",
      "12:5 error asl/unknown-field",
      "15:3 error asl/unreachable-state",
      "16:3 error asl/unreachable-state",
    ]);
  });

  it("reports a missing Next target and still checks the states around it", () => {
    const text = lines(
      "StartAt: A",
      "States:",
      "  A: { Type: Pass, Next: Nowhere }",
      "  B: { Type: Wait, End: true }",
    );
    expect(brief(check(text))).toEqual([
      "3:26 error asl/missing-transition-target",
      "4:3 error asl/unreachable-state",
      "4:3 error asl/wait-duration",
    ]);
  });
});
