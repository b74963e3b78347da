/** Failure traces (the agent's turn failed) and custom orchestration events. */
import { showUnknown } from "./model-call.js";
import type { PartContext } from "./state.js";
import { agentTag, outlinePart } from "./state.js";
import { oneLine, truncate } from "./text.js";
import { num, rec, str } from "./values.js";

const FAILURE_FIELDS = new Set(["traceId", "failureCode", "failureReason", "metadata"]);
const CUSTOM_FIELDS = new Set(["traceId", "event"]);

export function renderFailure(ctx: PartContext, value: unknown): void {
  const { sink, state } = ctx;
  const s = sink.style;
  const trace = rec(value) ?? {};
  state.summary.failures += 1;
  const code = num(trace.failureCode);
  const reason = str(trace.failureReason) ?? "(no reason given)";
  const label = `${agentTag(ctx)}✖ failure${code !== undefined ? ` ${code}` : ""}`;
  if (sink.detail === "outline") {
    sink.entry(ctx.agent.depth, label, reason, { labelPaint: s.red, paint: s.red, preview: 1 });
    return;
  }
  sink.entry(ctx.agent.depth, label, reason, { labelPaint: s.red, paint: s.red });
  showUnknown(ctx, trace, FAILURE_FIELDS, ctx.agent.depth + 1);
}

export function renderCustomOrchestration(ctx: PartContext, value: unknown): void {
  const { sink } = ctx;
  const s = sink.style;
  const trace = rec(value) ?? {};
  const text = str(rec(trace.event)?.text) ?? "";
  if (sink.detail === "outline") {
    outlinePart(ctx, truncate(oneLine(text), 60), "custom orchestration");
    return;
  }
  const full = sink.detail === "full";
  sink.entry(ctx.agent.depth, `${agentTag(ctx)}custom orchestration`, text, {
    labelPaint: s.cyan,
    ...(full ? {} : { preview: 4 }),
  });
  showUnknown(ctx, trace, CUSTOM_FIELDS, ctx.agent.depth + 1);
}
