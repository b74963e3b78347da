/**
 * The narrow slice of bedrock-agent-runtime the invoke engine uses: InvokeAgent only. The SDK
 * client is adapted to it in src/aws/agent-runtime.ts; tests give a fake that replays recorded
 * streams. Types come from the SDK (type-only imports cost nothing at run time).
 */
import type { InvocationResultMember, InvokeAgentRequest } from "@aws-sdk/client-bedrock-agent-runtime";
import type { StreamEvent } from "../../trace/types.js";

export type InvokeAgentInput = InvokeAgentRequest;
export type InvocationResult = InvocationResultMember;

export interface InvokeAgentOutput {
  sessionId?: string;
  /** Events as the SDK yields them; modeled in-stream exceptions may be thrown instead. */
  completion: AsyncIterable<StreamEvent>;
}

export interface AgentRuntime {
  invokeAgent(input: InvokeAgentInput): Promise<InvokeAgentOutput>;
}
