/**
 * The routing classifier of a SUPERVISOR_ROUTER agent: its model call, the collaborator it chose
 * (or that it could not decide), and what came back.
 */
import { renderModelInput, renderModelOutput } from "./model-call.js";
import { renderObservation } from "./observation.js";
import type { PartContext } from "./state.js";
import { enterSection, outlinePart } from "./state.js";
import { renderInvocationInput } from "./tool-call.js";
import { renderUnknownMember } from "./unknown.js";
import { rec, str, unionMember } from "./values.js";

export function renderRouting(ctx: PartContext, value: unknown): void {
  const member = unionMember(value);
  if (!member) {
    renderUnknownMember(ctx, "routing classifier", value, ctx.agent.depth);
    return;
  }
  const [kind, raw] = member;
  const part = rec(raw) ?? {};
  enterSection(ctx, "routing classifier", str(part.traceId));
  const depth = ctx.agent.depth + 1;
  const { sink } = ctx;
  switch (kind) {
    case "modelInvocationInput":
      renderModelInput(ctx, part, depth);
      return;
    case "modelInvocationOutput": {
      const title = "routing classifier";
      renderModelOutput(ctx, part, depth, title);
      const decision = classifierDecision(str(rec(part.rawResponse)?.content));
      if (decision === undefined) return;
      if (sink.detail === "outline") {
        outlinePart(ctx, `decision ${decision}`, title);
        return;
      }
      sink.entry(depth, "decision", decision, { labelPaint: sink.style.cyan });
      return;
    }
    case "invocationInput":
      renderInvocationInput(ctx, part, depth, "routing classifier");
      return;
    case "observation":
      renderObservation(ctx, part, depth, "routing classifier");
      return;
    default:
      renderUnknownMember(ctx, `routing ${kind}`, raw, depth);
      return;
  }
}

/**
 * The classifier answers with `<a>collaborator name</a>` (or `<a>undecidable</a>`) inside the
 * provider's raw response. This is how real captures look, not a documented contract, so when
 * the pattern is absent nothing is claimed.
 */
export function classifierDecision(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const match = /<a>([^<]{1,200})<\/a>/.exec(raw);
  return match?.[1]?.trim() || undefined;
}
