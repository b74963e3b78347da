/** The closing line: steps, model and tool calls, tokens in/out and time. */
import type { PartContext } from "./state.js";
import { formatMs, plural } from "./text.js";
import type { TraceSummary } from "./types.js";

export function finishSummary(ctx: PartContext): TraceSummary {
  const { state } = ctx;
  const summary = { ...state.summary };
  const span =
    state.firstEventTime !== undefined && state.lastEventTime !== undefined
      ? state.lastEventTime - state.firstEventTime
      : undefined;
  const time = state.topLevelTimeMs ?? (span !== undefined && span > 0 ? span : undefined);
  if (time !== undefined) summary.totalTimeMs = time;
  return summary;
}

export function renderSummary(ctx: PartContext, summary: TraceSummary): void {
  const { sink } = ctx;
  const s = sink.style;
  const parts = [plural(summary.steps, "step")];
  if (summary.modelCalls) parts.push(plural(summary.modelCalls, "model call"));
  parts.push(plural(summary.toolCalls, "tool call"));
  if (summary.knowledgeBaseLookups) parts.push(plural(summary.knowledgeBaseLookups, "knowledge-base lookup"));
  if (summary.collaboratorCalls) parts.push(plural(summary.collaboratorCalls, "collaborator call"));
  parts.push(`${summary.inputTokens} in / ${summary.outputTokens} out tokens`);
  if (summary.guardrailInterventions)
    parts.push(plural(summary.guardrailInterventions, "guardrail intervention"));
  if (summary.failures) parts.push(plural(summary.failures, "failure"));
  if (summary.totalTimeMs !== undefined) parts.push(formatMs(summary.totalTimeMs));
  // Wrapped between figures only, so "11.0 s" never breaks across lines.
  const paint = summary.failures ? s.red : s.dim;
  const rows: string[] = [];
  for (const part of parts) {
    const last = rows.length - 1;
    if (last >= 0 && 2 + (rows[last] as string).length + 3 + part.length <= sink.width)
      rows[last] += ` · ${part}`;
    else rows.push(part);
  }
  rows.forEach((row, i) => {
    sink.lines.push(i === 0 ? `${s.dim("—")} ${paint(row)}` : `  ${paint(row)}`);
  });
}
