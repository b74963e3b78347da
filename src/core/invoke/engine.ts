/**
 * One conversational turn with an agent: InvokeAgent, the stream drained event by event, and
 * return of control handled until the agent answers: each `returnControl` event's actions are
 * performed by the caller (see return-control.ts) and their results sent back in
 * `sessionState.returnControlInvocationResults` with the same `invocationId` and session
 * (aws-behaviour.md §4.7). In-stream exceptions end the turn as the AWS error they name.
 */
import { CloudError, FailedError } from "../../errors.js";
import type { StreamEvent } from "../../trace/types.js";
import type { AgentRuntime, InvocationResult, InvokeAgentInput } from "./runtime.js";

/** More rounds than any real agent needs; beyond it the agent and the caller are in a loop. */
export const MAX_RETURN_CONTROL_ROUNDS = 10;

export interface TurnRequest {
  agentId: string;
  agentAliasId: string;
  sessionId: string;
  inputText: string;
  sessionAttributes?: Record<string, string>;
  promptSessionAttributes?: Record<string, string>;
  endSession?: boolean;
  enableTrace: boolean;
  /** Ask for the final answer in several chunks as it is generated. */
  streamFinalResponse?: boolean;
}

export interface ReturnControlPayload {
  invocationId?: string;
  invocationInputs?: unknown[];
}

export interface TurnHooks {
  /** Every event, as received (rendering, NDJSON). */
  onEvent(event: StreamEvent): void;
  /** The answer's text as it arrives. */
  onText?(text: string): void;
  /** Performs the actions of a return of control and gives their results. */
  returnControl(payload: ReturnControlPayload, round: number): Promise<InvocationResult[]>;
}

export interface TurnResult {
  sessionId: string;
  text: string;
  events: number;
  returnControlRounds: number;
}

export async function runTurn(
  runtime: AgentRuntime,
  request: TurnRequest,
  hooks: TurnHooks,
): Promise<TurnResult> {
  let sessionId = request.sessionId;
  let text = "";
  let events = 0;
  let rounds = 0;
  let input: InvokeAgentInput = {
    agentId: request.agentId,
    agentAliasId: request.agentAliasId,
    sessionId,
    inputText: request.inputText,
    enableTrace: request.enableTrace,
    ...(request.endSession ? { endSession: true } : {}),
    ...(request.streamFinalResponse ? { streamingConfigurations: { streamFinalResponse: true } } : {}),
    ...(request.sessionAttributes || request.promptSessionAttributes
      ? {
          sessionState: {
            ...(request.sessionAttributes ? { sessionAttributes: request.sessionAttributes } : {}),
            ...(request.promptSessionAttributes
              ? { promptSessionAttributes: request.promptSessionAttributes }
              : {}),
          },
        }
      : {}),
  };

  for (;;) {
    const output = await runtime.invokeAgent(input);
    if (output.sessionId) sessionId = output.sessionId;
    let handBack: ReturnControlPayload | undefined;
    try {
      for await (const event of output.completion) {
        events += 1;
        hooks.onEvent(event);
        const chunk = event.chunk as { bytes?: unknown } | undefined;
        if (chunk && chunk.bytes instanceof Uint8Array) {
          const piece = new TextDecoder().decode(chunk.bytes);
          text += piece;
          hooks.onText?.(piece);
        }
        if (event.returnControl) handBack = event.returnControl as ReturnControlPayload;
        const error = streamError(event);
        if (error) throw error;
      }
    } catch (err) {
      // The SDK throws modeled in-stream exceptions out of the loop; show them like the rest.
      if (!(err instanceof CloudError) && isSdkStreamException(err)) hooks.onEvent(asEvent(err));
      throw err;
    }
    if (!handBack) return { sessionId, text, events, returnControlRounds: rounds };

    rounds += 1;
    if (rounds > MAX_RETURN_CONTROL_ROUNDS) {
      throw new FailedError(
        `The agent returned control ${MAX_RETURN_CONTROL_ROUNDS} times in a row without answering.`,
        "It is probably looping on an action whose result it does not accept; check the handler's response with --trace.",
      );
    }
    const results = await hooks.returnControl(handBack, rounds);
    input = {
      agentId: request.agentId,
      agentAliasId: request.agentAliasId,
      sessionId,
      enableTrace: request.enableTrace,
      ...(request.streamFinalResponse ? { streamingConfigurations: { streamFinalResponse: true } } : {}),
      // inputText is ignored when results are supplied (aws-behaviour.md §5); the SDK requires none.
      sessionState: {
        ...(handBack.invocationId ? { invocationId: handBack.invocationId } : {}),
        returnControlInvocationResults: results,
      },
    };
  }
}

/** `{throttlingException: {message}}` (decoded streams, fakes) as the AWS error it names. */
function streamError(event: StreamEvent): CloudError | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (!/Exception$/.test(key) && key !== "streamError") continue;
    const body = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
    const name =
      key === "streamError"
        ? String(body.errorCode ?? "InternalFailure")
        : key.charAt(0).toUpperCase() + key.slice(1);
    const message = typeof body.message === "string" && body.message ? body.message : "(no message)";
    return new CloudError(message, { awsName: name });
  }
  return undefined;
}

function isSdkStreamException(err: unknown): err is Error & { name: string } {
  return err instanceof Error && "$metadata" in err && /Exception$/.test(err.name);
}

function asEvent(err: Error & { name: string }): StreamEvent {
  const member = err.name.charAt(0).toLowerCase() + err.name.slice(1);
  return { [member]: { message: err.message } };
}
