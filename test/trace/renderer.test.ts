import { describe, expect, it } from "vitest";
import { plainStyle } from "../../src/io/style.js";
import { createTraceRenderer } from "../../src/trace/index.js";
import type { StreamEvent, TraceDetail } from "../../src/trace/types.js";
import { COLLABORATOR_ARN, chunk, collaboratorTrace, modelOutput, orchestration, trace } from "./events.js";

function render(events: StreamEvent[], detail: TraceDetail = "steps", width = 100): string {
  const r = createTraceRenderer({ detail, width, style: plainStyle });
  const lines = events.flatMap((e) => r.push(e));
  return [...lines, ...r.end()].join("\n");
}

const toolTurn: StreamEvent[] = [
  orchestration({
    modelInvocationInput: {
      traceId: "t-0",
      type: "ORCHESTRATION",
      text: "THE PROMPT",
      foundationModel: "anthropic.claude",
    },
  }),
  modelOutput("t-0", 1480, 96, 1740),
  orchestration({ rationale: { traceId: "t-0", text: "I need the weather for Paris." } }),
  orchestration({
    invocationInput: {
      traceId: "t-0",
      invocationType: "ACTION_GROUP",
      actionGroupInvocationInput: {
        actionGroupName: "WeatherApi",
        apiPath: "/weather/{city}",
        verb: "get",
        executionType: "LAMBDA",
        parameters: [{ name: "city", type: "string", value: "Paris" }],
        requestBody: {
          content: { "application/json": [{ name: "units", type: "string", value: "metric" }] },
        },
      },
    },
  }),
  orchestration({
    observation: {
      traceId: "t-0",
      type: "ACTION_GROUP",
      actionGroupInvocationOutput: {
        text: '{"tempC": 18, "conditions": "light rain"}',
        metadata: { totalTimeMs: 500 },
      },
    },
  }),
  modelOutput("t-1", 1612, 31, 1225),
  orchestration({
    observation: {
      traceId: "t-1",
      type: "FINISH",
      finalResponse: { text: "It is 18 °C in Paris.", metadata: { operationTotalTimeMs: 3537 } },
    },
  }),
  chunk("It is 18 °C in Paris."),
];

describe("trace renderer", () => {
  it("renders an action-group turn step by step", () => {
    expect(render(toolTurn)).toBe(
      [
        "step 1",
        "  model 1480 in / 96 out tokens, 1.74 s",
        "  rationale I need the weather for Paris.",
        "  → WeatherApi GET /weather/{city}",
        "    parameters city=Paris",
        "    body application/json units=metric",
        '  ← (500 ms) {"tempC":18,"conditions":"light rain"}',
        "step 2",
        "  model 1612 in / 31 out tokens, 1.23 s",
        "  ✔ final response (3.54 s)",
        "    It is 18 °C in Paris.",
        "answer",
        "  It is 18 °C in Paris.",
        "— 2 steps · 2 model calls · 1 tool call · 3092 in / 127 out tokens · 3.54 s",
      ].join("\n"),
    );
  });

  it("outline puts each step on one line; full adds the prompt and raw output", () => {
    const outline = render(toolTurn, "outline", 200);
    expect(outline.split("\n").filter((l) => l.startsWith("step "))).toEqual([
      'step 1 model 1480 in / 96 out tokens, 1.74 s · → WeatherApi GET /weather/{city} · ← {"tempC":18,"conditions":"light rain"}',
      "step 2 model 1612 in / 31 out tokens, 1.23 s · ✔ It is 18 °C in Paris.",
    ]);
    const full = render(toolTurn, "full");
    expect(full).toContain("THE PROMPT");
    expect(full).toContain("raw model output here");
    expect(render(toolTurn)).not.toContain("THE PROMPT");
  });

  it("wraps to the width and never writes a line longer than it", () => {
    const long = "word ".repeat(200);
    const out = render([orchestration({ rationale: { traceId: "x", text: long } }), chunk(long)], "full", 50);
    for (const line of out.split("\n")) expect(line.length).toBeLessThanOrEqual(50);
    expect(render([orchestration({ rationale: { traceId: "x", text: long } })], "steps", 60)).toMatch(
      /… \(\+\d+ chars\)/,
    );
  });

  it("indents a collaborator's steps under the supervisor's call, named as the supervisor called it", () => {
    const out = render([
      orchestration({
        invocationInput: {
          traceId: "s-0",
          invocationType: "AGENT_COLLABORATOR",
          agentCollaboratorInvocationInput: {
            agentCollaboratorName: "StockChecker",
            agentCollaboratorAliasArn: COLLABORATOR_ARN,
            input: { type: "TEXT", text: "Is PROD123 in stock?" },
          },
        },
      }),
      collaboratorTrace({ orchestrationTrace: { rationale: { traceId: "c-0", text: "Look it up." } } }),
      collaboratorTrace({
        orchestrationTrace: {
          observation: { traceId: "c-0", type: "FINISH", finalResponse: { text: "Yes." } },
        },
      }),
      orchestration({
        observation: {
          traceId: "s-0",
          type: "AGENT_COLLABORATOR",
          agentCollaboratorInvocationOutput: {
            agentCollaboratorName: "StockChecker",
            output: { type: "TEXT", text: "Yes." },
          },
        },
      }),
    ]);
    expect(out).toContain(
      [
        "step 1",
        "  → collaborator StockChecker",
        "    input Is PROD123 in stock?",
        "  [StockChecker] step 1",
        "    rationale Look it up.",
        "    ✔ final response Yes.",
        "  ← StockChecker answered",
        "    answer Yes.",
      ].join("\n"),
    );
    expect(out).toMatch(/1 collaborator call/);
  });

  it("shows what a guardrail blocked or masked", () => {
    const out = render([
      trace({
        guardrailTrace: {
          traceId: "g-pre",
          action: "INTERVENED",
          inputAssessments: [
            {
              topicPolicy: { topics: [{ name: "Investment advice", type: "DENY", action: "BLOCKED" }] },
              contentPolicy: { filters: [{ type: "INSULTS", confidence: "HIGH", action: "BLOCKED" }] },
              sensitiveInformationPolicy: {
                piiEntities: [{ type: "EMAIL", match: "a@b.c", action: "ANONYMIZED" }],
              },
              contextualGroundingPolicy: { filters: [{ type: "GROUNDING", score: 0.2 }] },
            },
          ],
          metadata: { totalTimeMs: 120 },
        },
      }),
    ]);
    expect(out).toContain("guardrail INTERVENED on the input (120 ms)");
    expect(out).toContain("input: denied topic Investment advice → BLOCKED");
    expect(out).toContain("input: content filter INSULTS (HIGH confidence) → BLOCKED");
    expect(out).toContain('input: EMAIL "a@b.c" → ANONYMIZED');
    expect(out).toContain('input: contextualGroundingPolicy: {"filters":[{"type":"GROUNDING","score":0.2}]}');
    expect(out).toContain("1 guardrail intervention");
  });

  it("shows failures, in-stream exceptions, code interpreter, files, return of control and custom orchestration", () => {
    const out = render([
      trace({ customOrchestrationTrace: { traceId: "c", event: { text: "planner chose tool X" } } }),
      orchestration({
        invocationInput: {
          traceId: "k-0",
          invocationType: "ACTION_GROUP_CODE_INTERPRETER",
          codeInterpreterInvocationInput: { code: "print(6*7)" },
        },
      }),
      orchestration({
        observation: {
          traceId: "k-0",
          codeInterpreterInvocationOutput: {
            executionOutput: "42",
            files: ["plot.png"],
            executionTimeout: false,
          },
        },
      }),
      { files: { files: [{ name: "plot.png", type: "image/png", bytes: new Uint8Array(10) }] } },
      {
        returnControl: {
          invocationId: "inv-1",
          invocationInputs: [
            {
              functionInvocationInput: {
                actionGroup: "Orders",
                function: "cancelOrder",
                actionInvocationType: "USER_CONFIRMATION",
                parameters: [{ name: "orderId", type: "string", value: "ORD-1" }],
              },
            },
          ],
        },
      },
      trace({ failureTrace: { traceId: "f", failureCode: 424, failureReason: "Lambda returned FAILURE" } }),
      {
        dependencyFailedException: {
          message: "The action group Lambda failed",
          resourceName: "ProductCatalog",
        },
      },
    ]);
    expect(out).toContain("custom orchestration planner chose tool X");
    expect(out).toContain("→ code interpreter");
    expect(out).toContain("code print(6*7)");
    expect(out).toContain("output 42");
    expect(out).toContain("files plot.png");
    expect(out).toContain("files 1 file: plot.png (image/png, 10 bytes)");
    expect(out).toContain("⏸ return of control 1 action for the caller (invocation inv-1)");
    expect(out).toContain("→ Orders cancelOrder — needs confirmation");
    expect(out).toContain("✖ failure 424 Lambda returned FAILURE");
    expect(out.replace(/\s+/g, " ")).toContain(
      "✖ dependencyFailedException The action group Lambda failed (resource ProductCatalog)",
    );
    expect(out).toMatch(/2 failures/);
  });

  it("shows unknown event kinds, trace kinds and fields compactly instead of dropping them", () => {
    const out = render([
      { futureEvent: { a: 1 } },
      trace({ memoryTrace: { traceId: "m", recalled: 3 } }),
      orchestration({ planning: { traceId: "p", plan: ["a", "b"] } }),
      orchestration({ rationale: { traceId: "r", text: "ok", confidence: 0.9 } }),
      orchestration({
        observation: { traceId: "r", type: "FINISH", finalResponse: { text: "x" }, citationsV2: [1] },
      }),
    ]);
    expect(out).toContain('? futureEvent {"a":1}');
    expect(out).toContain('? memoryTrace {"traceId":"m","recalled":3}');
    expect(out).toContain('? orchestration planning\n    {"traceId":"p","plan":["a","b"]}');
    expect(out).toContain('rationale ok\n    other fields {"confidence":0.9}');
    expect(out).toContain('other fields {"citationsV2":[1]}');
  });
});
