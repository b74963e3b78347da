/**
 * `orchestrationTrace`: one member per event — model input/output, rationale, the call the agent
 * decided on, and what it observed. Events sharing a trace id form one numbered step.
 */
import { renderModelInput, renderModelOutput, showUnknown } from "./model-call.js";
import { renderObservation } from "./observation.js";
import type { PartContext } from "./state.js";
import { enterStep, outlinePart } from "./state.js";
import { renderInvocationInput } from "./tool-call.js";
import { renderUnknownMember } from "./unknown.js";
import { rec, str, unionMember } from "./values.js";

const RATIONALE_FIELDS = new Set(["traceId", "text"]);

export function renderOrchestration(ctx: PartContext, value: unknown): void {
  const member = unionMember(value);
  if (!member) {
    renderUnknownMember(ctx, "orchestration", value, ctx.agent.depth);
    return;
  }
  const [kind, raw] = member;
  const part = rec(raw) ?? {};
  const traceId = str(part.traceId);
  const sub = kind === "modelInvocationInput" && part.type === "KNOWLEDGE_BASE_RESPONSE_GENERATION";
  enterStep(ctx, traceId, sub);
  const depth = ctx.agent.depth + 1;
  const { sink } = ctx;
  const s = sink.style;
  switch (kind) {
    case "modelInvocationInput":
      renderModelInput(ctx, part, depth);
      return;
    case "modelInvocationOutput":
      renderModelOutput(ctx, part, depth);
      return;
    case "rationale": {
      const text = str(part.text) ?? "";
      if (sink.detail === "outline") return;
      const full = sink.detail === "full";
      sink.entry(depth, "rationale", text, { labelPaint: s.yellow, ...(full ? {} : { preview: 4 }) });
      showUnknown(ctx, part, RATIONALE_FIELDS, depth + 1);
      return;
    }
    case "invocationInput":
      renderInvocationInput(ctx, part, depth);
      return;
    case "observation":
      renderObservation(ctx, part, depth);
      return;
    default:
      if (sink.detail === "outline") outlinePart(ctx, `? ${kind}`);
      else renderUnknownMember(ctx, `orchestration ${kind}`, raw, depth);
  }
}
