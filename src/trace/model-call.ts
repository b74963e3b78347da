/**
 * Model calls, shared by orchestration, pre-/post-processing and the routing classifier:
 * the input (prompt; only in full detail) and the output (tokens in/out, latency, reasoning,
 * raw response in full detail).
 */
import type { PartContext } from "./state.js";
import { outlinePart } from "./state.js";
import { formatMs, truncate } from "./text.js";
import { compactJson, num, type Rec, rec, str, unknownFields } from "./values.js";

const INPUT_FIELDS = new Set([
  "traceId",
  "type",
  "text",
  "foundationModel",
  "inferenceConfiguration",
  "promptCreationMode",
  "parserMode",
  "overrideLambda",
]);
const OUTPUT_FIELDS = new Set(["traceId", "rawResponse", "metadata", "reasoningContent", "parsedResponse"]);

export function renderModelInput(ctx: PartContext, input: Rec, depth: number): void {
  const { sink } = ctx;
  const s = sink.style;
  if (sink.detail !== "full") return;
  const model = str(input.foundationModel);
  const settings = rec(input.inferenceConfiguration);
  const facts = [
    str(input.type)?.toLowerCase().replaceAll("_", " "),
    model,
    settings ? inferenceSummary(settings) : undefined,
    input.promptCreationMode === "OVERRIDDEN" ? "prompt overridden" : undefined,
    input.parserMode === "OVERRIDDEN"
      ? `parser overridden${str(input.overrideLambda) ? ` (${input.overrideLambda})` : ""}`
      : undefined,
  ].filter((f): f is string => Boolean(f));
  sink.entry(depth, "model input", facts.join(", "), { labelPaint: s.dim, paint: s.dim });
  const prompt = str(input.text);
  if (prompt !== undefined && prompt !== "") sink.block(depth + 1, prompt, { paint: s.dim });
  showUnknown(ctx, input, INPUT_FIELDS, depth);
}

export function renderModelOutput(ctx: PartContext, output: Rec, depth: number, outlineTitle?: string): void {
  const { sink, state } = ctx;
  const s = sink.style;
  state.summary.modelCalls += 1;
  const metadata = rec(output.metadata);
  const usage = rec(metadata?.usage);
  const tokensIn = num(usage?.inputTokens);
  const tokensOut = num(usage?.outputTokens);
  if (tokensIn !== undefined) state.summary.inputTokens += tokensIn;
  if (tokensOut !== undefined) state.summary.outputTokens += tokensOut;
  const usageText = usageLine(tokensIn, tokensOut, num(metadata?.totalTimeMs));
  if (sink.detail === "outline") {
    outlinePart(ctx, `model ${usageText}`, outlineTitle);
    return;
  }
  sink.entry(depth, "model", usageText, { labelPaint: s.dim, paint: s.dim });
  const reasoning = reasoningText(output.reasoningContent);
  if (reasoning) {
    sink.entry(depth, "thinking", reasoning, {
      labelPaint: s.dim,
      paint: s.dim,
      ...(sink.detail === "full" ? {} : { preview: 3 }),
    });
  }
  if (sink.detail === "full") {
    const raw = str(rec(output.rawResponse)?.content);
    if (raw !== undefined && raw !== "") {
      sink.entry(depth, "raw output", "", { labelPaint: s.dim });
      sink.block(depth + 1, raw, { paint: s.dim });
    }
  }
  showUnknown(ctx, output, OUTPUT_FIELDS, depth);
}

export function usageLine(tokensIn?: number, tokensOut?: number, ms?: number): string {
  const parts: string[] = [];
  if (tokensIn !== undefined || tokensOut !== undefined) {
    parts.push(`${tokensIn ?? "?"} in / ${tokensOut ?? "?"} out tokens`);
  }
  if (ms !== undefined) parts.push(formatMs(ms));
  return parts.length > 0 ? parts.join(", ") : "called";
}

function inferenceSummary(settings: Rec): string | undefined {
  const parts: string[] = [];
  for (const key of ["temperature", "topP", "topK", "maximumLength"] as const) {
    const v = num(settings[key]);
    if (v !== undefined) parts.push(`${key}=${v}`);
  }
  return parts.length > 0 ? parts.join(" ") : undefined;
}

/** The text of a ReasoningContentBlock union: `reasoningText.text`, or a note that it was redacted. */
export function reasoningText(value: unknown): string | undefined {
  const block = rec(value);
  if (!block) return undefined;
  const text = str(rec(block.reasoningText)?.text);
  if (text) return text;
  if (block.redactedContent !== undefined) return "(redacted by the model provider)";
  return undefined;
}

/** Fields this renderer does not know, shown on one dim line so nothing is silently dropped. */
export function showUnknown(ctx: PartContext, value: Rec, known: ReadonlySet<string>, depth: number): void {
  if (ctx.sink.detail === "outline") return;
  const extra = unknownFields(value, known);
  if (!extra) return;
  const s = ctx.sink.style;
  ctx.sink.entry(depth, "other fields", truncate(compactJson(extra), ctx.sink.width * 2), {
    labelPaint: s.dim,
    paint: s.dim,
  });
}
