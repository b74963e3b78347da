import { describe, expect, it } from "vitest";
import { validateStateMachineText } from "../../src/asl/validate.js";
import { brief, check, lines } from "./helpers.js";

const invoke = (...parameters: string[]) =>
  lines(
    "StartAt: Validate",
    "States:",
    "  Validate:",
    "    Type: Task",
    "    Resource: agentctl:invokeAgent",
    ...parameters,
    "    End: true",
  );

describe("agentctl:invokeAgent", () => {
  it("accepts Agent + InputText.$ (+ optional fields)", () => {
    const text = invoke(
      "    Parameters:",
      "      Agent: order-validation",
      "      Alias: live",
      "      InputText.$: States.Format('Validate {}', $.orderId)",
      "      SessionId.$: $$.Execution.Name",
      "      SessionAttributes: { tenant: acme }",
      "      EnableTrace: true",
      "    ResultSelector:",
      "      answer.$: $.completion",
      "    ResultPath: $.validation",
    );
    expect(check(text)).toEqual([]);
  });

  it("accepts the JSONata form under Arguments", () => {
    const text = lines(
      "QueryLanguage: JSONata",
      "StartAt: Validate",
      "States:",
      "  Validate:",
      "    Type: Task",
      "    Resource: agentctl:invokeAgent",
      "    Arguments:",
      "      Agent: order-validation",
      "      InputText: \"{% 'Validate ' & $states.input.orderId %}\"",
      '    Output: "{% $states.result.completion %}"',
      "    End: true",
    );
    expect(check(text)).toEqual([]);
  });

  it("needs an agent, at the Parameters key", () => {
    const diagnostics = check(invoke("    Parameters:", "      InputText.$: $.text"));
    expect(brief(diagnostics)).toEqual(["6:5 error asl/invoke-agent-missing-agent"]);
    expect(diagnostics[0]?.hint).toContain("order-validation, shipping, notification");
  });

  it("rejects an agent the project does not define, with a suggestion", () => {
    const diagnostics = check(
      invoke("    Parameters:", "      Agent: order-validaton", "      InputText.$: $.text"),
    );
    expect(brief(diagnostics)).toEqual(["7:14 error asl/unknown-agent"]);
    expect(diagnostics[0]?.hint).toBe('Did you mean "order-validation"?');
  });

  it("needs the input text", () => {
    expect(brief(check(invoke("    Parameters:", "      Agent: shipping")))).toEqual([
      "6:5 error asl/invoke-agent-missing-input",
    ]);
  });

  it("needs Parameters at all", () => {
    expect(brief(check(invoke()))).toEqual(["5:5 error asl/invoke-agent-shape"]);
  });

  it("rejects a dynamic agent (deploy must resolve it)", () => {
    const diagnostics = check(
      invoke("    Parameters:", "      Agent.$: $.agent", "      InputText.$: $.text"),
    );
    expect(brief(diagnostics)).toEqual(["7:7 error asl/invoke-agent-dynamic-agent"]);
  });

  it("explains the seed's AgentId/AgentAliasId fields", () => {
    const text = invoke(
      "    Parameters:",
      "      Agent: shipping",
      "      AgentAliasId: TSTALIASID",
      "      InputText.$: $.text",
    );
    const diagnostics = check(text);
    expect(brief(diagnostics)).toEqual(["8:7 error asl/invoke-agent-unknown-field"]);
    expect(diagnostics[0]?.hint).toContain("Agent: <agent name>");
  });

  it("suggests the right field for a misspelt one", () => {
    const diagnostics = check(invoke("    Parameters:", "      Agent: shipping", "      InputTxt.$: $.text"));
    expect(brief(diagnostics)).toEqual([
      "6:5 error asl/invoke-agent-missing-input",
      "8:7 error asl/invoke-agent-unknown-field",
    ]);
    expect(diagnostics[1]?.hint).toBe('Did you mean "InputText"?');
  });

  it("checks Alias against the agent's declared aliases when they are known", () => {
    const text = invoke(
      "    Parameters:",
      "      Agent: shipping",
      "      Alias: prod",
      "      InputText: hi",
    );
    const opts = { agentNames: ["shipping"], aliases: { shipping: ["live"] } };
    expect(brief(validateStateMachineText(text, "wf.yaml", opts))).toEqual(["8:14 error asl/unknown-alias"]);
    const ok = invoke("    Parameters:", "      Agent: shipping", "      Alias: live", "      InputText: hi");
    expect(validateStateMachineText(ok, "wf.yaml", opts)).toEqual([]);
  });

  it("rejects other agentctl: resources", () => {
    const diagnostics = check(
      lines(
        "StartAt: A",
        "States:",
        "  A:",
        "    Type: Task",
        "    Resource: agentctl:invokeAgent.waitForTaskToken",
        "    Parameters: { Agent: shipping, InputText: hi }",
        "    End: true",
      ),
    );
    expect(brief(diagnostics)).toEqual(["5:15 error asl/unknown-agentctl-resource"]);
  });
});

describe(`\${agents.NAME.field} placeholders`, () => {
  const payload = (value: string) =>
    lines(
      "StartAt: Call",
      "States:",
      "  Call:",
      "    Type: Task",
      "    Resource: arn:aws:states:::lambda:invoke",
      "    Parameters:",
      "      FunctionName: my-function",
      "      Payload:",
      `        target: ${value}`,
      "    End: true",
    );

  it("accepts every field of a project agent", () => {
    for (const field of ["aliasArn", "aliasId", "agentId", "agentArn"]) {
      expect(check(payload(`"\${agents.shipping.${field}}"`))).toEqual([]);
    }
  });

  it("rejects an unknown agent with a suggestion", () => {
    const diagnostics = check(payload(`"\${agents.shiping.aliasArn}"`));
    expect(brief(diagnostics)).toEqual(["9:17 error asl/unknown-agent"]);
    expect(diagnostics[0]?.hint).toBe('Did you mean "shipping"?');
  });

  it("rejects an unknown field with a suggestion", () => {
    const diagnostics = check(payload(`"\${agents.shipping.aliasARN}"`));
    expect(brief(diagnostics)).toEqual(["9:17 error asl/unknown-agent-field"]);
    expect(diagnostics[0]?.hint).toBe('Did you mean "aliasArn"?');
  });

  it("rejects a reference without a field", () => {
    expect(brief(check(payload(`"\${agents.shipping}"`)))).toEqual(["9:17 error asl/unknown-agent-field"]);
  });

  it(`accepts \${region}, \${account} and \${env:NAME}`, () => {
    expect(check(payload(`"arn:aws:sns:\${region}:\${account}:\${env:TOPIC}"`))).toEqual([]);
  });

  it("warns once per other substitution, keeping it opaque", () => {
    const diagnostics = check(payload(`"\${MyTable}-\${MyTable}-\${AWS::Region}"`));
    expect(brief(diagnostics)).toEqual([
      "9:17 warning asl/unresolved-substitution",
      "9:17 warning asl/unresolved-substitution",
    ]);
    expect(diagnostics.map((d) => d.message).join("\n")).toContain(`\${MyTable}" (used 2 times)`);
    expect(diagnostics.find((d) => d.message.includes("AWS::Region"))?.hint).toContain(`\${region}`);
  });
});
