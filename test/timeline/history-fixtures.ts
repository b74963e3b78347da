/** Hand-built histories in the shapes of aws-behaviour.md §6.4 (ids and links as AWS writes them). */
import type { HistoryEvent } from "@aws-sdk/client-sfn";

export const TOKEN = `AQB8AAAAKgAAAAMAAAAAAAAAAa${"x".repeat(60)}==`;

const t = (s: number) => new Date(1_746_093_600_000 + s * 1000);

export function approvalHistory(ended: "waiting" | "approved"): HistoryEvent[] {
  const events: HistoryEvent[] = [
    {
      id: 1,
      previousEventId: 0,
      timestamp: t(0),
      type: "ExecutionStarted",
      executionStartedEventDetails: { input: '{"orderId":"ORD-1","total":900}' },
    },
    {
      id: 2,
      previousEventId: 0,
      timestamp: t(0),
      type: "TaskStateEntered",
      stateEnteredEventDetails: { name: "ValidateOrder", input: "{}" },
    },
    {
      id: 3,
      previousEventId: 2,
      timestamp: t(0),
      type: "TaskScheduled",
      taskScheduledEventDetails: {
        resourceType: "lambda",
        resource: "invoke",
        region: "us-east-1",
        parameters: "{}",
      },
    },
    {
      id: 4,
      previousEventId: 3,
      timestamp: t(0.1),
      type: "TaskStarted",
      taskStartedEventDetails: { resourceType: "lambda", resource: "invoke" },
    },
    {
      id: 5,
      previousEventId: 4,
      timestamp: t(0.5),
      type: "TaskFailed",
      taskFailedEventDetails: {
        resourceType: "lambda",
        resource: "invoke",
        error: "Agent.Throttling",
        cause: "Rate exceeded",
      },
    },
    {
      id: 6,
      previousEventId: 5,
      timestamp: t(2.5),
      type: "TaskScheduled",
      taskScheduledEventDetails: {
        resourceType: "lambda",
        resource: "invoke",
        region: "us-east-1",
        parameters: "{}",
      },
    },
    {
      id: 7,
      previousEventId: 6,
      timestamp: t(2.6),
      type: "TaskStarted",
      taskStartedEventDetails: { resourceType: "lambda", resource: "invoke" },
    },
    {
      id: 8,
      previousEventId: 7,
      timestamp: t(3.2),
      type: "TaskSucceeded",
      taskSucceededEventDetails: {
        resourceType: "lambda",
        resource: "invoke",
        output: JSON.stringify({
          StatusCode: 200,
          Payload: {
            completion: "VALID: all products in stock",
            sessionId: "s-1",
            agentName: "order-validation",
            traceSummary: {
              steps: 2,
              toolCalls: [{ name: "GET /products/{productId}", ok: true }],
              inputTokens: 812,
              outputTokens: 64,
            },
          },
        }),
      },
    },
    {
      id: 9,
      previousEventId: 8,
      timestamp: t(3.2),
      type: "TaskStateExited",
      stateExitedEventDetails: { name: "ValidateOrder", output: "{}" },
    },
    {
      id: 10,
      previousEventId: 9,
      timestamp: t(3.2),
      type: "TaskStateEntered",
      stateEnteredEventDetails: { name: "WaitForApproval", input: "{}" },
    },
    {
      id: 11,
      previousEventId: 10,
      timestamp: t(3.3),
      type: "TaskScheduled",
      taskScheduledEventDetails: {
        resourceType: "sns",
        resource: "publish.waitForTaskToken",
        region: "us-east-1",
        parameters: JSON.stringify({
          TopicArn: "arn:aws:sns:us-east-1:000000000000:order-approvals",
          Message: `Order ORD-1 totals 900 USD and needs approval. Task token: ${TOKEN}`,
        }),
      },
    },
    {
      id: 12,
      previousEventId: 11,
      timestamp: t(3.3),
      type: "TaskStarted",
      taskStartedEventDetails: { resourceType: "sns", resource: "publish.waitForTaskToken" },
    },
    {
      id: 13,
      previousEventId: 12,
      timestamp: t(3.4),
      type: "TaskSubmitted",
      taskSubmittedEventDetails: {
        resourceType: "sns",
        resource: "publish.waitForTaskToken",
        output: '{"MessageId":"m-1"}',
      },
    },
  ];
  if (ended === "waiting") return events;
  return [
    ...events,
    {
      id: 14,
      previousEventId: 13,
      timestamp: t(63.4),
      type: "TaskSucceeded",
      taskSucceededEventDetails: {
        resourceType: "sns",
        resource: "publish.waitForTaskToken",
        output: '{"approved":true}',
      },
    },
    {
      id: 15,
      previousEventId: 14,
      timestamp: t(63.4),
      type: "TaskStateExited",
      stateExitedEventDetails: { name: "WaitForApproval", output: "{}" },
    },
    {
      id: 16,
      previousEventId: 15,
      timestamp: t(63.5),
      type: "SucceedStateEntered",
      stateEnteredEventDetails: { name: "OrderComplete", input: "{}" },
    },
    {
      id: 17,
      previousEventId: 16,
      timestamp: t(63.5),
      type: "SucceedStateExited",
      stateExitedEventDetails: { name: "OrderComplete", output: '{"done":true}' },
    },
    {
      id: 18,
      previousEventId: 17,
      timestamp: t(63.5),
      type: "ExecutionSucceeded",
      executionSucceededEventDetails: { output: '{"done":true}' },
    },
  ];
}
