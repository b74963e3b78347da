// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about the literal ${…} placeholder syntax.
/**
 * The workflow compiler: agentctl:invokeAgent → lambda:invoke of the adapter, in both query
 * languages, keeping what the user's own result handling means. "Means the same" is checked by
 * evaluating: the user's expressions on the adapter result give what the compiled ones give on
 * the Lambda envelope around it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import jsonata from "jsonata";
import { JSONPath } from "jsonpath-plus";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { valueAt } from "../../src/asl/states.js";
import { validateStateMachineText } from "../../src/asl/validate.js";
import {
  type CompileInputs,
  compileWorkflow,
  DEFAULT_RETRY,
  placeholderAgents,
  usesAgents,
  WorkflowCompileError,
} from "../../src/core/workflow/index.js";
import { rebasePath } from "../../src/core/workflow/jsonpath-rebase.js";
import { repoRoot } from "../helpers/run-cli.js";

/** asl-validator ships no types: its default export, as far as these tests use it. */
const aslValidator = createRequire(import.meta.url)("asl-validator") as (definition: unknown) => {
  isValid: boolean;
  errors: unknown[];
};

const ADAPTER = "arn:aws:lambda:eu-west-1:111122223333:function:agentctl-invoke-agent";
const NAMES = ["order-validation", "shipping", "notification"];
const inputs: CompileInputs = {
  agents: {
    "order-validation": {
      agentId: "AGENTAAAAA",
      agentArn: "arn:aws:bedrock:eu-west-1:111122223333:agent/AGENTAAAAA",
      aliases: [
        {
          name: "live",
          aliasId: "LIVEAAAAAA",
          aliasArn: "arn:aws:bedrock:eu-west-1:111122223333:agent-alias/AGENTAAAAA/LIVEAAAAAA",
        },
        {
          name: "beta",
          aliasId: "BETAAAAAAA",
          aliasArn: "arn:aws:bedrock:eu-west-1:111122223333:agent-alias/AGENTAAAAA/BETAAAAAAA",
        },
      ],
    },
    ...placeholderAgents({ shipping: ["live"], notification: ["live"] }, ["shipping", "notification"]),
  },
  adapterFunctionArn: ADAPTER,
  variable: (name) => ({ region: "eu-west-1", account: "111122223333" })[name],
};

/** An adapter result, and the lambda:invoke task result around it. */
const result = {
  completion: "VALID: all in stock",
  sessionId: "exec-1",
  agentName: "order-validation",
  agentId: "AGENTAAAAA",
  agentAliasId: "LIVEAAAAAA",
  memoryId: null,
  traceSummary: {
    steps: 2,
    toolCalls: [{ type: "actionGroup", name: "catalog" }],
    errors: [],
    usage: { inputTokens: 1, outputTokens: 2 },
  },
};
const envelope = {
  ExecutedVersion: "$LATEST",
  Payload: result,
  StatusCode: 200,
  SdkHttpMetadata: {},
  SdkResponseMetadata: {},
};

const machine = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  StartAt: "Ask",
  ...extra,
  States: { Ask: { Type: "Task", Resource: "agentctl:invokeAgent", ...state, End: true } },
});
const ask = (definition: Record<string, unknown>): Record<string, unknown> =>
  (compileWorkflow(definition, inputs).States as Record<string, Record<string, unknown>>).Ask ?? {};

/** A JSONPath payload template (no intrinsics) applied to data, as Step Functions does. */
function applyTemplate(template: unknown, data: unknown): unknown {
  if (Array.isArray(template)) return template.map((t) => applyTemplate(t, data));
  if (typeof template !== "object" || template === null) return template;
  return Object.fromEntries(
    Object.entries(template).map(([k, v]) =>
      k.endsWith(".$")
        ? [k.slice(0, -2), JSONPath({ path: v as string, json: data as object, wrap: false })]
        : [k, applyTemplate(v, data)],
    ),
  );
}

describe("compiling the sample workflow", () => {
  const template = parse(readFileSync(path.join(repoRoot, "templates/order-workflow.asl.yaml"), "utf8"));
  const compiled = compileWorkflow(template, inputs);

  it("passes asl-validator and agentctl's own ASL checks", () => {
    // asl-validator fills in defaults (QueryLanguage) on what it is given: hand it a copy.
    const verdict = aslValidator(structuredClone(compiled) as never);
    expect(verdict.errors).toEqual([]);
    expect(verdict.isValid).toBe(true);
    expect(
      validateStateMachineText(JSON.stringify(compiled), "compiled.asl.json", { agentNames: NAMES }),
    ).toEqual([]);
  });

  it("leaves no agentctl construct or placeholder behind, and changes nothing but the agent tasks", () => {
    const text = JSON.stringify(compiled);
    expect(text).not.toContain("agentctl:");
    expect(text).not.toContain("${");
    const states = compiled.States as Record<string, Record<string, unknown>>;
    for (const [name, state] of Object.entries(template.States as Record<string, Record<string, unknown>>)) {
      if (state.Resource === "agentctl:invokeAgent")
        expect(states[name]?.Resource).toBe("arn:aws:states:::lambda:invoke");
      else if (!JSON.stringify(state).includes("${")) expect(states[name]).toEqual(state);
    }
    expect((states.WaitForApproval?.Parameters as Record<string, unknown> | undefined)?.TopicArn).toBe(
      "arn:aws:sns:eu-west-1:111122223333:order-approvals",
    );
  });

  it("does not modify the template", () => {
    const again = parse(readFileSync(path.join(repoRoot, "templates/order-workflow.asl.yaml"), "utf8"));
    expect(template).toEqual(again);
  });
});

describe("JSONPath agent tasks", () => {
  it("call the adapter with the agent's ids, the user's input as written and the execution as session", () => {
    const state = ask(machine({ Parameters: { Agent: "order-validation", "InputText.$": "$.question" } }));
    expect(state.Resource).toBe("arn:aws:states:::lambda:invoke");
    expect(state.Parameters).toEqual({
      FunctionName: ADAPTER,
      Payload: {
        agentName: "order-validation",
        agentId: "AGENTAAAAA",
        agentAliasId: "LIVEAAAAAA",
        "inputText.$": "$.question",
        "executionName.$": "$$.Execution.Name",
      },
    });
  });

  it("map every optional field, a named alias and an explicit session id", () => {
    const state = ask(
      machine({
        Parameters: {
          Agent: "order-validation",
          Alias: "beta",
          InputText: "hello",
          "SessionId.$": "$.session",
          SessionAttributes: { tenant: "t1" },
          "PromptSessionAttributes.$": "$.prompt",
          EnableTrace: false,
          EndSession: true,
        },
      }),
    );
    expect((state.Parameters as { Payload: unknown }).Payload).toEqual({
      agentName: "order-validation",
      agentId: "AGENTAAAAA",
      agentAliasId: "BETAAAAAAA",
      inputText: "hello",
      "sessionId.$": "$.session",
      sessionAttributes: { tenant: "t1" },
      "promptSessionAttributes.$": "$.prompt",
      enableTrace: false,
      endSession: true,
    });
  });

  it("without a ResultSelector, select the whole adapter result from the envelope", () => {
    const state = ask(machine({ Parameters: { Agent: "shipping", InputText: "x" } }));
    expect(applyTemplate(state.ResultSelector, envelope)).toEqual(result);
  });

  it("rebase the user's ResultSelector onto the Payload: same selection as on the adapter result", () => {
    const selector = {
      "answer.$": "$.completion",
      "tools.$": "$.traceSummary.toolCalls[*].name",
      "whole.$": "$",
      nested: { "session.$": "$.sessionId", literal: "kept" },
      "execution.$": "$$.Execution.Id",
      "variable.$": "$orderId",
    };
    const state = ask(
      machine({ Parameters: { Agent: "shipping", InputText: "x" }, ResultSelector: selector }),
    );
    const compiledSelector = state.ResultSelector as Record<string, unknown>;
    expect(compiledSelector["execution.$"]).toBe("$$.Execution.Id");
    expect(compiledSelector["variable.$"]).toBe("$orderId");
    const plain = {
      answer: selector["answer.$"],
      tools: selector["tools.$"],
      whole: selector["whole.$"],
      nested: selector.nested,
    };
    const rebased = {
      answer: compiledSelector["answer.$"],
      tools: compiledSelector["tools.$"],
      whole: compiledSelector["whole.$"],
      nested: compiledSelector.nested,
    };
    expect(
      applyTemplate(
        Object.fromEntries(
          Object.entries(rebased).map(([k, v]) => [
            k.endsWith("$") ? k : typeof v === "string" ? `${k}.$` : k,
            v,
          ]),
        ),
        envelope,
      ),
    ).toEqual(
      applyTemplate(
        Object.fromEntries(Object.entries(plain).map(([k, v]) => [typeof v === "string" ? `${k}.$` : k, v])),
        result,
      ),
    );
  });

  it.each([
    ["$.completion", "$.Payload.completion"],
    ["$", "$.Payload"],
    ["$['completion']", "$.Payload['completion']"],
    ["$$.Execution.Name", "$$.Execution.Name"],
    ["$myVar", "$myVar"],
    [
      "States.Format('{} costs $5 ({})', $.completion, $$.State.Name)",
      "States.Format('{} costs $5 ({})', $.Payload.completion, $$.State.Name)",
    ],
    ["States.JsonToString($)", "States.JsonToString($.Payload)"],
    [
      "States.Format('it\\'s $.x: {}', States.ArrayLength($.traceSummary.toolCalls))",
      "States.Format('it\\'s $.x: {}', States.ArrayLength($.Payload.traceSummary.toolCalls))",
    ],
  ])("rebase %s → %s", (written, compiled) => {
    expect(rebasePath(written)).toBe(compiled);
  });

  it("keep ResultPath, OutputPath, InputPath, TimeoutSeconds, Retry and Catch exactly as written", () => {
    const own = {
      InputPath: "$.order",
      ResultPath: "$.validation",
      OutputPath: "$.validation",
      TimeoutSeconds: 120,
      Retry: [{ ErrorEquals: ["Agent.Throttling"], MaxAttempts: 9 }],
      Catch: [{ ErrorEquals: ["Agent.DependencyFailed"], ResultPath: "$.error", Next: "Ask" }],
    };
    const state = ask(machine({ Parameters: { Agent: "shipping", InputText: "x" }, ...own }));
    for (const [k, v] of Object.entries(own)) expect(state[k]).toEqual(v);
  });

  it("add a default Retry for throttling and transient Lambda errors only when the user wrote none", () => {
    const state = ask(machine({ Parameters: { Agent: "shipping", InputText: "x" } }));
    expect(state.Retry).toEqual(DEFAULT_RETRY);
    expect(DEFAULT_RETRY[0]?.ErrorEquals).toContain("Agent.Throttling");
    const none = ask(machine({ Parameters: { Agent: "shipping", InputText: "x" }, Retry: [] }));
    expect(none.Retry).toEqual([]);
  });

  it("refuse an Assign that reads the result, but keep one that reads only the context", () => {
    expect(() =>
      ask(machine({ Parameters: { Agent: "shipping", InputText: "x" }, Assign: { "a.$": "$.completion" } })),
    ).toThrow(WorkflowCompileError);
    const state = ask(
      machine({
        Parameters: { Agent: "shipping", InputText: "x" },
        Assign: { "started.$": "$$.State.EnteredTime" },
      }),
    );
    expect(state.Assign).toEqual({ "started.$": "$$.State.EnteredTime" });
  });
});

describe("JSONata agent tasks", () => {
  const jsonataMachine = (state: Record<string, unknown>) => machine(state, { QueryLanguage: "JSONata" });

  it("call the adapter with Arguments, the execution name from $states.context", () => {
    const state = ask(
      jsonataMachine({ Arguments: { Agent: "shipping", InputText: "{% $states.input.text %}" } }),
    );
    expect(state.Arguments).toEqual({
      FunctionName: ADAPTER,
      Payload: {
        agentName: "shipping",
        agentId: inputs.agents.shipping?.agentId,
        agentAliasId: inputs.agents.shipping?.aliases[0]?.aliasId,
        inputText: "{% $states.input.text %}",
        executionName: "{% $states.context.Execution.Name %}",
      },
    });
    expect(state.Parameters).toBeUndefined();
    expect(state.ResultSelector).toBeUndefined();
  });

  it("without an Output, the state's output is the adapter result", async () => {
    const state = ask(jsonataMachine({ Arguments: { Agent: "shipping", InputText: "x" } }));
    const output = (state.Output as string).slice(2, -2);
    expect(await jsonata(output).evaluate({}, { states: { result: envelope } })).toEqual(result);
  });

  it("the user's Output and Assign read $states.result as the adapter result, whatever else they use", async () => {
    const Output = {
      answer: "{% $states.result.completion %}",
      tools: "{% $count($states.result.traceSummary.toolCalls) %}",
      order: "{% $states.input.orderId %}",
      text: "{% '$states.result is quoted' & \"$states.result\" %}",
      literal: "$states.result, not an expression",
    };
    const Assign = { lastAnswer: "{% $states.result.completion /* $states.result */ %}" };
    const state = ask(jsonataMachine({ Arguments: { Agent: "shipping", InputText: "x" }, Output, Assign }));
    const evaluateAll = async (value: Record<string, string>, states: unknown) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value))
        out[k] = v.startsWith("{%") ? await jsonata(v.slice(2, -2)).evaluate({}, { states }) : v;
      return out;
    };
    const input = { orderId: "o-1" };
    expect(await evaluateAll(state.Output as Record<string, string>, { input, result: envelope })).toEqual(
      await evaluateAll(Output, { input, result }),
    );
    expect(await evaluateAll(state.Assign as Record<string, string>, { input, result: envelope })).toEqual(
      await evaluateAll(Assign, { input, result }),
    );
    expect((state.Output as Record<string, string>).literal).toBe(Output.literal);
  });

  it("a JSONata state inside a JSONPath machine, nested in a Parallel branch and a Map, is compiled too", () => {
    const definition = {
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "Each",
              States: {
                Each: {
                  Type: "Map",
                  ItemProcessor: {
                    StartAt: "Ask",
                    States: {
                      Ask: {
                        Type: "Task",
                        QueryLanguage: "JSONata",
                        Resource: "agentctl:invokeAgent",
                        Arguments: { Agent: "notification", InputText: "{% $states.input %}" },
                        End: true,
                      },
                    },
                  },
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    };
    const compiled = compileWorkflow(definition, inputs);
    const task = valueAt(compiled, [
      "States",
      "Fan",
      "Branches",
      0,
      "States",
      "Each",
      "ItemProcessor",
      "States",
      "Ask",
    ]) as Record<string, unknown>;
    expect(task.Resource).toBe("arn:aws:states:::lambda:invoke");
    expect(task.Output).toBe("{% $states.result.Payload %}");
    expect(aslValidator(compiled as never).isValid).toBe(true);
  });

  it("a JSONata workflow compiles to a definition asl-validator and agentctl's checks accept", () => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "Ask",
      States: {
        Ask: {
          Type: "Task",
          Resource: "agentctl:invokeAgent",
          Arguments: {
            Agent: "order-validation",
            Alias: "beta",
            InputText: "{% 'Check ' & $states.input.orderId %}",
          },
          Output: { verdict: "{% $states.result.completion %}" },
          Assign: { steps: "{% $states.result.traceSummary.steps %}" },
          Catch: [{ ErrorEquals: ["Agent.Throttling"], Output: "{% $states.errorOutput %}", Next: "Failed" }],
          Next: "Done",
        },
        Done: { Type: "Succeed" },
        Failed: { Type: "Fail", Error: "AgentFailed" },
      },
    };
    const compiled = compileWorkflow(definition, inputs);
    expect(aslValidator(structuredClone(compiled)).errors).toEqual([]);
    expect(
      validateStateMachineText(JSON.stringify(compiled), "compiled.asl.json", { agentNames: NAMES }),
    ).toEqual([]);
  });

  it("keep Retry and Catch (with its Output) exactly as written", () => {
    const Catch = [
      { ErrorEquals: ["Agent.ReturnControlUnsupported"], Output: "{% $states.errorOutput %}", Next: "Ask" },
    ];
    const state = ask(jsonataMachine({ Arguments: { Agent: "shipping", InputText: "x" }, Catch, Retry: [] }));
    expect(state.Catch).toEqual(Catch);
    expect(state.Retry).toEqual([]);
  });
});

describe("placeholders and mistakes", () => {
  it("usesAgents tells a template that calls agents from one that does not", () => {
    expect(usesAgents(machine({ Parameters: { Agent: "shipping", InputText: "x" } }))).toBe(true);
    expect(usesAgents({ StartAt: "P", States: { P: { Type: "Pass", End: true } } })).toBe(false);
  });

  it("fill in ${agents.NAME.*} (default alias), ${region}, ${account}; leave other substitutions", () => {
    const definition = compileWorkflow(
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Pass",
            Result: {
              a: "${agents.order-validation.agentId}",
              b: "${agents.order-validation.aliasArn}",
              c: "${agents.order-validation.agentArn} in ${region}/${account}",
              d: "${MyTable}",
            },
            End: true,
          },
        },
      },
      inputs,
    );
    expect((definition.States as { P: { Result: unknown } }).P.Result).toEqual({
      a: "AGENTAAAAA",
      b: "arn:aws:bedrock:eu-west-1:111122223333:agent-alias/AGENTAAAAA/LIVEAAAAAA",
      c: "arn:aws:bedrock:eu-west-1:111122223333:agent/AGENTAAAAA in eu-west-1/111122223333",
      d: "${MyTable}",
    });
  });

  it.each([
    [
      { Parameters: { Agent: "nobody", InputText: "x" } },
      ["States", "Ask", "Parameters", "Agent"],
      /No agent named "nobody"/,
    ],
    [
      { Parameters: { Agent: "order-validation", Alias: "gamma", InputText: "x" } },
      ["States", "Ask", "Parameters", "Alias"],
      /no alias "gamma"/,
    ],
    [{ Parameters: "nope" }, ["States", "Ask", "Parameters"], /needs "Parameters" as an object/],
    [{ Parameters: { Agent: "shipping" } }, ["States", "Ask", "Parameters"], /needs the text/],
  ])("a template the compiler cannot compile says where: %j", (state, where, message) => {
    let error: unknown;
    try {
      compileWorkflow(machine(state), inputs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkflowCompileError);
    expect((error as WorkflowCompileError).path).toEqual(where);
    expect((error as Error).message).toMatch(message);
  });
});
