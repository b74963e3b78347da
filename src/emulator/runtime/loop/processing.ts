/**
 * Optional pre- and post-processing (enabled per agent by a promptOverrideConfiguration entry
 * with promptState ENABLED), traced as preProcessingTrace / postProcessingTrace with the trace
 * ids real streams use (`<base>-pre-0`, `<base>-post-0`). An adapter that cannot do them skips
 * them (no trace claims a model call that did not happen).
 */
import { randomUUID } from "node:crypto";
import { guardModel } from "../models/call-model.js";
import type { ModelRequest } from "../models/types.js";
import type { Turn } from "./context.js";
import { timing } from "./traces.js";

const INFERENCE = { maximumLength: 2048, stopSequences: ["\n\nHuman:"], temperature: 0, topK: 250, topP: 1 };

export function processingEnabled(turn: Turn, promptType: "PRE_PROCESSING" | "POST_PROCESSING"): boolean {
  const configs = (turn.snapshot.definition.promptOverrideConfiguration?.promptConfigurations ?? []) as {
    promptType?: string;
    promptState?: string;
  }[];
  return configs.some((c) => c.promptType === promptType && c.promptState === "ENABLED");
}

function modelInput(turn: Turn, traceId: string, type: string, text: string) {
  return {
    foundationModel: turn.snapshot.definition.foundationModel,
    inferenceConfiguration: INFERENCE,
    text,
    traceId,
    type,
  };
}

/** False when the model judged the input invalid. */
export async function preProcess(
  turn: Turn,
  request: ModelRequest,
): Promise<{ isValid: boolean; rationale: string }> {
  const model = turn.model;
  if (!model.preProcess || !processingEnabled(turn, "PRE_PROCESSING"))
    return { isValid: true, rationale: "" };
  const traceId = `${turn.traceBase}-pre-0`;
  turn.trace.emit({
    preProcessingTrace: {
      modelInvocationInput: modelInput(turn, traceId, "PRE_PROCESSING", request.inputText),
    },
  });
  const started = Date.now();
  const pre = model.preProcess.bind(model);
  const reply = await guardModel(model, request, turn.snapshot.definition.agentName, () => pre(request));
  turn.trace.emit({
    preProcessingTrace: {
      modelInvocationOutput: {
        metadata: { clientRequestId: randomUUID(), ...timing(started), usage: reply.usage },
        parsedResponse: { isValid: reply.isValid, rationale: reply.rationale },
        rawResponse: { content: reply.rawResponse },
        traceId,
      },
    },
  });
  return reply;
}

export async function postProcess(turn: Turn, request: ModelRequest, answer: string): Promise<string> {
  const model = turn.model;
  if (!model.postProcess || !processingEnabled(turn, "POST_PROCESSING")) return answer;
  const traceId = `${turn.traceBase}-post-0`;
  turn.trace.emit({
    postProcessingTrace: { modelInvocationInput: modelInput(turn, traceId, "POST_PROCESSING", answer) },
  });
  const started = Date.now();
  const post = model.postProcess.bind(model);
  const reply = await guardModel(model, request, turn.snapshot.definition.agentName, () =>
    post(request, answer),
  );
  turn.trace.emit({
    postProcessingTrace: {
      modelInvocationOutput: {
        metadata: { clientRequestId: randomUUID(), ...timing(started), usage: reply.usage },
        parsedResponse: { text: reply.text },
        rawResponse: { content: reply.rawResponse },
        traceId,
      },
    },
  });
  return reply.text;
}
