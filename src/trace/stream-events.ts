/**
 * The non-trace members of the stream: answer chunks (gathered, with their citations), files,
 * return of control, and exceptions (modeled ones arrive as `{throttlingException: {message}}`).
 */

import { referenceSource } from "./observation.js";
import type { PartContext } from "./state.js";
import { plural } from "./text.js";
import { parameterList } from "./tool-call.js";
import { bytesToText, isBytes, list, num, type Rec, rec, str } from "./values.js";

export function gatherChunk(ctx: PartContext, value: unknown): void {
  const chunk = rec(value);
  if (!chunk) return;
  ctx.state.answer += chunkText(chunk);
  const citations = list(rec(chunk.attribution)?.citations);
  ctx.state.citations.push(...citations);
}

/** The text of a chunk: the NDJSON form's decoded `text`, else its bytes (base64 when a string). */
export function chunkText(chunk: Rec): string {
  if (typeof chunk.text === "string") return chunk.text;
  if (isBytes(chunk.bytes)) return bytesToText(chunk.bytes);
  if (typeof chunk.bytes === "string") return bytesToText(Buffer.from(chunk.bytes, "base64"));
  return "";
}

export function renderAnswer(ctx: PartContext, showAnswer: boolean): void {
  const { sink, state } = ctx;
  const s = sink.style;
  if (showAnswer && state.answer !== "") {
    sink.entry(0, "answer", "", { labelPaint: (x) => s.bold(s.green(x)) });
    sink.block(1, state.answer);
  }
  state.answer = "";
  if (state.citations.length > 0 && sink.detail !== "outline") {
    sink.entry(0, "citations", "", { labelPaint: s.bold });
    state.citations.forEach((value, i) => {
      const citation = rec(value);
      const span = rec(rec(rec(citation?.generatedResponsePart)?.textResponsePart)?.span);
      const where = span ? `chars ${num(span.start) ?? "?"}–${num(span.end) ?? "?"}` : "";
      const sources = list(citation?.retrievedReferences).map((r) => referenceSource(rec(r)));
      sink.entry(1, `[${i + 1}]`, `${where}${where && sources.length ? " ← " : ""}${sources.join(", ")}`, {
        labelPaint: s.dim,
      });
    });
  }
  state.citations = [];
}

export function renderFiles(ctx: PartContext, value: unknown): void {
  const { sink } = ctx;
  const files = list(rec(value)?.files)
    .map((f) => rec(f))
    .filter((f): f is Rec => f !== undefined);
  const described = files.map((f) => {
    const size = isBytes(f.bytes)
      ? f.bytes.byteLength
      : typeof f.bytes === "string"
        ? Math.floor((f.bytes.length * 3) / 4)
        : undefined;
    return `${str(f.name) ?? "?"} (${[str(f.type), size !== undefined ? `${size} bytes` : undefined].filter(Boolean).join(", ")})`;
  });
  sink.entry(0, `files`, `${plural(files.length, "file")}: ${described.join(", ")}`, {
    labelPaint: sink.style.cyan,
  });
}

export function renderReturnControl(ctx: PartContext, value: unknown): void {
  const { sink } = ctx;
  const s = sink.style;
  const payload = rec(value) ?? {};
  const inputs = list(payload.invocationInputs);
  const id = str(payload.invocationId);
  sink.entry(
    0,
    "⏸ return of control",
    `${plural(inputs.length, "action")} for the caller${id ? ` (invocation ${id})` : ""}`,
    {
      labelPaint: s.bold,
      paint: s.cyan,
    },
  );
  for (const item of inputs) {
    const input = rec(item);
    const api = rec(input?.apiInvocationInput);
    const fn = rec(input?.functionInvocationInput);
    const call = api ?? fn;
    if (!call) {
      sink.entry(1, "?", JSON.stringify(item ?? null).slice(0, sink.width * 2), { labelPaint: s.yellow });
      continue;
    }
    const target = api
      ? `${str(api.httpMethod)?.toUpperCase() ?? ""} ${str(api.apiPath) ?? ""}`.trim()
      : (str(fn?.function) ?? "?");
    const confirm = /USER_CONFIRMATION/.test(str(call.actionInvocationType) ?? "")
      ? " — needs confirmation"
      : "";
    const who = str(call.collaboratorName) ? ` [${call.collaboratorName}]` : "";
    sink.entry(1, "→", `${str(call.actionGroup) ?? "?"} ${target}${who}${confirm}`, { labelPaint: s.cyan });
    const params = parameterList(call.parameters);
    if (params) sink.entry(2, "parameters", params, { labelPaint: s.dim });
    const content = rec(rec(api?.requestBody)?.content);
    for (const [mediaType, body] of Object.entries(content ?? {})) {
      const props = parameterList(rec(body)?.properties);
      if (props) sink.entry(2, `body ${mediaType}`, props, { labelPaint: s.dim });
    }
  }
}

/** `{throttlingException: {message}}` and the like: a modeled (or unmodeled) error in the stream. */
export function isStreamError(key: string): boolean {
  return /(Exception|Error)$/.test(key);
}

export function renderStreamError(ctx: PartContext, key: string, value: unknown): void {
  const { sink } = ctx;
  const s = sink.style;
  ctx.state.summary.failures += 1;
  const body = rec(value);
  const message = str(body?.message) ?? str(body?.Message) ?? "";
  const extra = [str(body?.resourceName) ? `resource ${body?.resourceName}` : "", str(body?.reason) ?? ""]
    .filter(Boolean)
    .join("; ");
  sink.entry(0, `✖ ${str(body?.errorCode) ?? key}`, `${message}${extra ? ` (${extra})` : ""}`, {
    labelPaint: (x) => s.bold(s.red(x)),
    paint: s.red,
  });
}
