import { describe, expect, it } from "vitest";
import { pendingTaskTokens } from "../../src/core/executions/history.js";
import { plainStyle } from "../../src/io/style.js";
import { createTimelineRenderer } from "../../src/timeline/render-timeline.js";
import { findTaskToken } from "../../src/timeline/task-token.js";
import { approvalHistory, TOKEN } from "./history-fixtures.js";

function render(events: ReturnType<typeof approvalHistory>, verbose = false): string {
  const r = createTimelineRenderer({ style: plainStyle, verbose, cli: "agentctl" });
  return events.flatMap((e) => r.push(e)).join("\n");
}

describe("execution timeline", () => {
  it("shows states with durations, a retry after a failure, the agent's summary and the approval commands", () => {
    const text = render(approvalHistory("waiting"));
    expect(text).toContain("▶ execution started");
    expect(text).toContain("→ ValidateOrder Task");
    expect(text).toContain("✗ Agent.Throttling: Rate exceeded");
    expect(text).toContain("retry 1");
    expect(text).toContain(
      "◆ agent order-validation: 2 steps, 1 tool call (GET /products/{productId}), 812→64 tokens",
    );
    expect(text).toContain("“VALID: all products in stock”");
    expect(text).toContain("✓ ValidateOrder 3.2s");
    expect(text).toContain("⏸ waiting for a task token (sns:publish.waitForTaskToken)");
    expect(text).toContain(`approve: agentctl approve ${TOKEN}`);
    expect(text).toContain(`reject:  agentctl reject ${TOKEN}`);
    expect(text).not.toContain("SUCCEEDED");
  });

  it("ends with the status and output, and a caught failure is shown as caught", () => {
    const text = render(approvalHistory("approved"));
    expect(text).toContain("✓ WaitForApproval 1m0s");
    expect(text).toMatch(/■ SUCCEEDED\noutput: \{"done":true\}$/);
    const caught = render([
      ...approvalHistory("waiting").slice(0, 5),
      {
        id: 6,
        previousEventId: 5,
        timestamp: new Date(1_746_093_601_000),
        type: "TaskStateExited",
        stateExitedEventDetails: { name: "ValidateOrder" },
      },
      {
        id: 7,
        previousEventId: 6,
        timestamp: new Date(1_746_093_601_000),
        type: "FailStateEntered",
        stateEnteredEventDetails: { name: "OrderFailed" },
      },
      {
        id: 8,
        previousEventId: 7,
        timestamp: new Date(1_746_093_601_000),
        type: "ExecutionFailed",
        executionFailedEventDetails: { error: "OrderFailed", cause: "PROD456 is out of stock" },
      },
    ]);
    expect(caught).toContain("↷ ValidateOrder caught Agent.Throttling");
    expect(caught).toMatch(/■ FAILED OrderFailed\ncause: PROD456 is out of stock$/);
  });

  it("closes a caught state when the Catch's target is entered without a StateExited in between", () => {
    const at = new Date(1_746_093_601_500);
    const text = render([
      ...approvalHistory("waiting").slice(0, 5),
      {
        id: 6,
        previousEventId: 5,
        timestamp: at,
        type: "TaskStateEntered",
        stateEnteredEventDetails: { name: "NotifyFailure" },
      },
    ]);
    expect(text).toMatch(/\n↷ ValidateOrder caught Agent\.Throttling 1\.5s\n→ NotifyFailure Task$/);
  });

  it("shows inputs and outputs only when verbose", () => {
    expect(render(approvalHistory("approved"))).not.toContain("input:");
    expect(render(approvalHistory("approved"), true)).toContain('input: {"orderId":"ORD-1","total":900}');
  });
});

describe("task tokens in the history", () => {
  it("finds the token formatted into a message and knows when it was answered", () => {
    expect(findTaskToken(JSON.stringify({ Message: `needs approval. Task token: ${TOKEN}` }))).toBe(TOKEN);
    expect(
      findTaskToken(JSON.stringify({ TopicArn: "arn:aws:sns:us-east-1:000000000000:order-approvals" })),
    ).toBeUndefined();
    expect(pendingTaskTokens(approvalHistory("waiting"))).toEqual([
      {
        state: "WaitForApproval",
        token: TOKEN,
        resource: "sns:publish.waitForTaskToken",
        scheduledEventId: 11,
      },
    ]);
    expect(pendingTaskTokens(approvalHistory("approved"))).toEqual([]);
  });
});
