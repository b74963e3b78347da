import { describe, expect, it } from "vitest";
import { brief, check, lines } from "./helpers.js";

describe("arn:aws:states:::bedrock:invokeAgent", () => {
  const task = (resource: string) =>
    lines(
      "StartAt: Validate",
      "States:",
      "  Validate:",
      "    Type: Task",
      `    Resource: ${resource}`,
      "    Parameters:",
      "      ModelId: anthropic.claude-3-haiku-20240307-v1:0",
      "      Body: { prompt: hi }",
      "    End: true",
    );

  it("is reported at the Resource value with the agentctl:invokeAgent fix", () => {
    const diagnostics = check(task("arn:aws:states:::bedrock:invokeAgent"));
    expect(brief(diagnostics)).toEqual(["5:15 error asl/bedrock-invoke-agent"]);
    expect(diagnostics[0]?.hint).toContain("Resource: agentctl:invokeAgent");
  });

  it("is reported with a suffix too", () => {
    expect(brief(check(task("arn:aws:states:::bedrock:invokeAgent.waitForTaskToken")))).toEqual([
      "5:15 error asl/bedrock-invoke-agent",
    ]);
  });

  it("accepts the real Bedrock integration (InvokeModel)", () => {
    expect(check(task("arn:aws:states:::bedrock:invokeModel"))).toEqual([]);
  });

  it("warns that the SDK integration cannot read the agent's stream", () => {
    expect(brief(check(task("arn:aws:states:::aws-sdk:bedrockagentruntime:invokeAgent")))).toEqual([
      "5:15 warning asl/sdk-invoke-agent",
    ]);
  });
});

describe("Choice operators ASL does not have", () => {
  const choice = (rule: string[], language?: string) =>
    lines(
      ...(language ? [`QueryLanguage: ${language}`] : []),
      "StartAt: Check",
      "States:",
      "  Check:",
      "    Type: Choice",
      "    Choices:",
      ...rule,
      "    Default: Done",
      "  Done:",
      "    Type: Succeed",
    );

  it("StringContains: error at the key, StringMatches in the hint", () => {
    const diagnostics = check(
      choice(["      - Variable: $.answer", "        StringContains: VALID", "        Next: Done"]),
    );
    expect(brief(diagnostics)).toEqual(["7:9 error asl/unknown-operator"]);
    expect(diagnostics[0]?.hint).toContain('"StringMatches": "*VALID*"');
  });

  it("StringMatches with wildcards passes", () => {
    expect(
      check(choice(["      - Variable: $.answer", '        StringMatches: "*VALID*"', "        Next: Done"])),
    ).toEqual([]);
  });

  it("finds StringContains nested in And/Not", () => {
    const rule = [
      "      - And:",
      "          - Variable: $.a",
      "            IsPresent: true",
      "          - Not:",
      "              Variable: $.a",
      "              StringContains: x",
      "        Next: Done",
    ];
    expect(brief(check(choice(rule)))).toEqual(["11:15 error asl/unknown-operator"]);
  });

  it("suggests the closest operator for a misspelt one", () => {
    const diagnostics = check(
      choice(["      - Variable: $.n", "        NumericGreaterThen: 5", "        Next: Done"]),
    );
    expect(brief(diagnostics)).toEqual(["7:9 error asl/unknown-operator"]);
    expect(diagnostics[0]?.hint).toBe('Did you mean "NumericGreaterThan"?');
  });

  it("points JSONata users at $contains in a Condition", () => {
    const rule = [
      '      - Condition: "{% $states.input.ok %}"',
      "        StringContains: VALID",
      "        Next: Done",
    ];
    const diagnostics = check(choice(rule, "JSONata"));
    expect(brief(diagnostics)).toEqual(["8:9 error asl/unknown-operator"]);
    expect(diagnostics[0]?.hint).toContain("$contains(");
  });

  it("accepts a JSONata Condition", () => {
    const rule = [
      "      - Condition: \"{% $contains($states.input.answer, 'VALID') %}\"",
      "        Next: Done",
    ];
    expect(check(choice(rule, "JSONata"))).toEqual([]);
  });
});

describe("Result with keys ending in .$", () => {
  const pass = (field: string) =>
    lines(
      "StartAt: Init",
      "States:",
      "  Init:",
      "    Type: Pass",
      `    ${field}:`,
      "      status: NEW",
      "      orderId.$: $.orderId",
      "      items.$: $.items",
      "    End: true",
    );

  it("warns once, at the first such key, naming all of them and suggesting Parameters", () => {
    const diagnostics = check(pass("Result"));
    expect(brief(diagnostics)).toEqual(["7:7 warning asl/result-not-evaluated"]);
    expect(diagnostics[0]?.message).toContain('"orderId.$", "items.$"');
    expect(diagnostics[0]?.hint).toContain('Rename "Result" to "Parameters"');
  });

  it("accepts the same template under Parameters", () => {
    expect(check(pass("Parameters"))).toEqual([]);
  });
});

describe("paths that are sent as literal text", () => {
  const task = (...params: string[]) =>
    lines(
      "StartAt: Publish",
      "States:",
      "  Publish:",
      "    Type: Task",
      "    Resource: arn:aws:states:::sns:publish",
      "    Parameters:",
      "      TopicArn: arn:aws:sns:us-east-1:123456789012:alerts",
      ...params,
      "    End: true",
    );

  it("warns when a key without .$ holds a path or one inside text", () => {
    const diagnostics = check(
      task("      Subject: $.detail.agentId", '      Message: "Agent error: $.detail.errorMessage"'),
    );
    expect(brief(diagnostics)).toEqual([
      "8:7 warning asl/path-not-evaluated",
      "9:7 warning asl/path-not-evaluated",
    ]);
    expect(diagnostics[0]?.hint).toContain('"Subject.$"');
    expect(diagnostics[1]?.hint).toContain("States.Format");
  });

  it("accepts keys ending in .$ and plain text", () => {
    const params = ["      Subject.$: $.detail.agentId", "      Message: Costs $5 each, see the console"];
    expect(check(task(...params))).toEqual([]);
  });
});
