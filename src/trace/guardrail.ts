/**
 * Guardrail traces: whether the guardrail intervened on the input or the output, and for each
 * policy what it found and did (blocked, masked).
 */
import { showUnknown } from "./model-call.js";
import type { PartContext } from "./state.js";
import { agentTag, outlinePart } from "./state.js";
import { formatMs, truncate } from "./text.js";
import { compactJson, list, num, type Rec, rec, str } from "./values.js";

const FIELDS = new Set(["traceId", "action", "inputAssessments", "outputAssessments", "metadata"]);

export function renderGuardrail(ctx: PartContext, value: unknown): void {
  const { sink, state } = ctx;
  const s = sink.style;
  const trace = rec(value) ?? {};
  const intervened = trace.action === "INTERVENED";
  if (intervened) state.summary.guardrailInterventions += 1;
  const inputs = list(trace.inputAssessments);
  const outputs = list(trace.outputAssessments);
  const on =
    inputs.length > 0 && outputs.length === 0
      ? "input"
      : outputs.length > 0 && inputs.length === 0
        ? "output"
        : "input and output";
  const ms = num(rec(trace.metadata)?.totalTimeMs);
  const took = ms !== undefined ? ` (${formatMs(ms)})` : "";
  const depth = ctx.agent.depth;
  const findings = [
    ...inputs.map((a) => ["input", a] as const),
    ...outputs.map((a) => ["output", a] as const),
  ].flatMap(([where, a]) => assessmentFindings(rec(a)).map((f) => `${where}: ${f}`));
  const action = str(trace.action)?.toLowerCase() ?? "checked";
  if (sink.detail === "outline") {
    if (intervened || findings.length > 0) outlinePart(ctx, `${action} on ${on}`, "guardrail");
    return;
  }
  const label = `${agentTag(ctx)}guardrail`;
  const headline = intervened
    ? `INTERVENED on the ${on}${took}`
    : `${action === "none" ? "passed" : action} (${on})${took}`;
  sink.entry(depth, label, headline, {
    labelPaint: intervened ? s.yellow : s.dim,
    paint: intervened ? s.yellow : s.dim,
  });
  for (const finding of findings)
    sink.entry(depth + 1, "•", finding, { paint: intervened ? s.yellow : s.dim });
  showUnknown(ctx, trace, FIELDS, depth + 1);
}

/** One line per thing a policy matched, e.g. `content policy: HATE (HIGH) → BLOCKED`. */
export function assessmentFindings(assessment: Rec | undefined): string[] {
  if (!assessment) return [];
  const out: string[] = [];
  const items = (policy: string, field: string) =>
    list(rec(assessment[policy])?.[field])
      .map((x) => rec(x))
      .filter((x): x is Rec => x !== undefined);
  const act = (x: Rec) => (str(x.action) ? ` → ${x.action}` : "");
  for (const t of items("topicPolicy", "topics")) out.push(`denied topic ${str(t.name) ?? "?"}${act(t)}`);
  for (const f of items("contentPolicy", "filters")) {
    out.push(
      `content filter ${str(f.type) ?? "?"}${str(f.confidence) ? ` (${f.confidence} confidence)` : ""}${act(f)}`,
    );
  }
  for (const w of items("wordPolicy", "customWords")) out.push(`word "${str(w.match) ?? "?"}"${act(w)}`);
  for (const w of items("wordPolicy", "managedWordLists")) {
    out.push(`${str(w.type)?.toLowerCase() ?? "managed"} word "${str(w.match) ?? "?"}"${act(w)}`);
  }
  for (const p of items("sensitiveInformationPolicy", "piiEntities")) {
    out.push(`${str(p.type) ?? "PII"} "${str(p.match) ?? "?"}"${act(p)}`);
  }
  for (const r of items("sensitiveInformationPolicy", "regexes")) {
    out.push(`pattern ${str(r.name) ?? str(r.regex) ?? "?"} "${str(r.match) ?? "?"}"${act(r)}`);
  }
  // Policies this renderer does not know (contextual grounding, automated reasoning, …) in brief.
  for (const [key, value] of Object.entries(assessment)) {
    if (KNOWN_POLICIES.has(key) || key.startsWith("__")) continue;
    out.push(`${key}: ${truncate(compactJson(value), 160)}`);
  }
  return out;
}

const KNOWN_POLICIES = new Set(["topicPolicy", "contentPolicy", "wordPolicy", "sensitiveInformationPolicy"]);
