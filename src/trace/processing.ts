/**
 * Pre-processing (is the input valid?) and post-processing (the answer rewritten) traces: each a
 * model input and a model output with a parsed response.
 */
import { renderModelInput, renderModelOutput } from "./model-call.js";
import type { PartContext } from "./state.js";
import { enterSection, outlinePart } from "./state.js";
import { renderUnknownMember } from "./unknown.js";
import { rec, str, unionMember } from "./values.js";

export function renderProcessing(
  ctx: PartContext,
  phase: "pre-processing" | "post-processing",
  value: unknown,
): void {
  const member = unionMember(value);
  if (!member) {
    renderUnknownMember(ctx, phase, value, ctx.agent.depth);
    return;
  }
  const [kind, raw] = member;
  const part = rec(raw) ?? {};
  enterSection(ctx, phase, str(part.traceId));
  const depth = ctx.agent.depth + 1;
  const { sink } = ctx;
  const s = sink.style;
  if (kind === "modelInvocationInput") {
    renderModelInput(ctx, part, depth);
    return;
  }
  if (kind !== "modelInvocationOutput") {
    renderUnknownMember(ctx, `${phase} ${kind}`, raw, depth);
    return;
  }
  const parsed = rec(part.parsedResponse);
  renderModelOutput(ctx, part, depth, phase);
  if (!parsed) return;
  const full = sink.detail === "full";
  const cut = full ? {} : { preview: 3 };
  if (phase === "pre-processing") {
    const valid = parsed.isValid;
    const verdict = valid === false ? "input rejected" : valid === true ? "input valid" : "verdict unknown";
    if (sink.detail === "outline") {
      outlinePart(ctx, verdict, phase);
      return;
    }
    const rationale = str(parsed.rationale);
    sink.entry(depth, verdict, rationale ?? "", { labelPaint: valid === false ? s.red : s.green, ...cut });
    return;
  }
  const text = str(parsed.text);
  if (sink.detail === "outline") {
    outlinePart(ctx, "answer rewritten", phase);
    return;
  }
  if (text !== undefined) sink.entry(depth, "rewritten answer", text, cut);
}
