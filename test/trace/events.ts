/** Hand-made stream events in the SDK's shapes, for renderer tests. */
import type { StreamEvent } from "../../src/trace/types.js";

const ALIAS = "arn:aws:bedrock:us-east-1:123456789012:agent-alias/AGENT12345/ALIAS12345";
const COLLAB = "arn:aws:bedrock:us-east-1:123456789012:agent-alias/COLLAB1234/CALIAS1234";

export function trace(inner: Record<string, unknown>, extra: Record<string, unknown> = {}): StreamEvent {
  return {
    trace: {
      agentId: "AGENT12345",
      agentAliasId: "ALIAS12345",
      agentVersion: "3",
      sessionId: "sess-42",
      eventTime: new Date("2025-05-01T10:00:00.000Z"),
      callerChain: [{ agentAliasArn: ALIAS }],
      trace: inner,
      ...extra,
    },
  };
}

export function collaboratorTrace(inner: Record<string, unknown>): StreamEvent {
  return trace(inner, {
    agentId: "COLLAB1234",
    collaboratorName: "Inventory",
    callerChain: [{ agentAliasArn: ALIAS }, { agentAliasArn: COLLAB }],
  });
}

export const chunk = (text: string): StreamEvent => ({ chunk: { bytes: new TextEncoder().encode(text) } });

export const orchestration = (member: Record<string, unknown>) => trace({ orchestrationTrace: member });

export const modelOutput = (traceId: string, inputTokens: number, outputTokens: number, totalTimeMs = 1200) =>
  orchestration({
    modelInvocationOutput: {
      traceId,
      rawResponse: { content: '{"content":[{"type":"text","text":"raw model output here"}]}' },
      metadata: { usage: { inputTokens, outputTokens }, totalTimeMs },
    },
  });

export const COLLABORATOR_ARN = COLLAB;
