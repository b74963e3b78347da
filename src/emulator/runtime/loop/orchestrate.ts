/**
 * The orchestration loop: each step asks the model for its next move (modelInvocationInput,
 * modelInvocationOutput, rationale traces sharing the step's trace id), then either finishes
 * (observation FINISH with finalResponse) or carries out the calls it chose.
 */
import { randomUUID } from "node:crypto";
import { dependencyFailed } from "../errors.js";
import { callModel } from "../models/call-model.js";
import { type ModelRequest, renderPrompt } from "../models/types.js";
import type { RuntimeContext, Turn, TurnOutcome } from "./context.js";
import { executeCalls } from "./execute.js";
import { timing } from "./traces.js";

/**
 * What real traces show for the default orchestration prompt (aws-behaviour.md §5.2). The
 * recorded real streams carry no parserMode/promptCreationMode, so neither do we.
 */
export const DEFAULT_INFERENCE = {
  maximumLength: 2048,
  stopSequences: ["</invoke>", "</answer>", "</error>"],
  temperature: 0,
  topK: 250,
  topP: 1,
};

export function modelRequest(turn: Turn): ModelRequest {
  return {
    snapshot: turn.snapshot,
    tools: turn.tools,
    inputText: turn.inputText,
    history: turn.history,
    steps: turn.steps,
    sessionAttributes: turn.sessionAttributes,
    promptSessionAttributes: turn.promptSessionAttributes,
  };
}

export function finish(
  turn: Turn,
  traceId: string,
  text: string,
  type: "FINISH" | "ASK_USER" = "FINISH",
): TurnOutcome {
  const t = timing(turn.startedMs);
  turn.trace.orchestration("observation", {
    finalResponse: {
      metadata: { endTime: t.endTime, operationTotalTimeMs: t.totalTimeMs, startTime: t.startTime },
      text,
    },
    traceId,
    type,
  });
  return { kind: "answer", text };
}

export async function orchestrate(rt: RuntimeContext, turn: Turn): Promise<TurnOutcome> {
  for (; turn.stepIndex < rt.maxSteps; turn.stepIndex++) {
    const traceId = `${turn.traceBase}-${turn.stepIndex}`;
    const request = modelRequest(turn);
    turn.trace.orchestration("modelInvocationInput", {
      foundationModel: turn.snapshot.definition.foundationModel,
      inferenceConfiguration: DEFAULT_INFERENCE,
      text: renderPrompt(request),
      traceId,
      type: "ORCHESTRATION",
    });
    const started = Date.now();
    const reply = await callModel(turn.model, request, turn.snapshot.definition.agentName);
    turn.trace.orchestration("modelInvocationOutput", {
      metadata: { clientRequestId: randomUUID(), ...timing(started), usage: reply.usage },
      rawResponse: { content: reply.rawResponse },
      traceId,
    });
    const decision = reply.decision;
    if (decision.rationale) turn.trace.orchestration("rationale", { text: decision.rationale, traceId });
    if (decision.kind === "answer") return finish(turn, traceId, decision.text);
    const outcome = await executeCalls(rt, turn, traceId, decision.calls);
    if (outcome) return outcome;
  }
  throw dependencyFailed(
    `Agent ${turn.snapshot.definition.agentName} made ${rt.maxSteps} orchestration steps without answering; the local runtime stopped it. Check its model script or instructions.`,
  );
}
