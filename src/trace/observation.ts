/**
 * What came back (orchestration/routing `observation`): an action group's result (smartly
 * truncated), knowledge-base references, code-interpreter output and files, a collaborator's
 * answer, the final response, a question for the user or a reprompt.
 */
import { showUnknown } from "./model-call.js";
import type { PartContext } from "./state.js";
import { outlinePart } from "./state.js";
import { formatMs, oneLine, plural, truncate } from "./text.js";
import { compactJson, list, num, type Rec, rec, str } from "./values.js";

const FIELDS = new Set([
  "traceId",
  "type",
  "actionGroupInvocationOutput",
  "knowledgeBaseLookupOutput",
  "codeInterpreterInvocationOutput",
  "agentCollaboratorInvocationOutput",
  "finalResponse",
  "repromptResponse",
]);

export function renderObservation(
  ctx: PartContext,
  observation: Rec,
  depth: number,
  outlineTitle?: string,
): void {
  const { sink, state } = ctx;
  const s = sink.style;
  const outline = sink.detail === "outline";
  const full = sink.detail === "full";
  const cut = (lines: number) => (full ? {} : { preview: lines });

  const action = rec(observation.actionGroupInvocationOutput);
  if (action) {
    const text = resultText(str(action.text) ?? "");
    const took = timing(action.metadata);
    if (outline) {
      outlinePart(ctx, `← ${truncate(oneLine(text), 40)}`, outlineTitle);
      return;
    }
    sink.entry(depth, `←${took}`, text === "" ? "(empty result)" : text, { labelPaint: s.green, ...cut(4) });
  }

  const kb = rec(observation.knowledgeBaseLookupOutput);
  if (kb) {
    const refs = list(kb.retrievedReferences);
    if (outline) outlinePart(ctx, `← ${plural(refs.length, "reference")}`, outlineTitle);
    else {
      sink.entry(depth, "←", `${plural(refs.length, "reference")}${timing(kb.metadata)}`, {
        labelPaint: s.green,
      });
      renderReferences(ctx, refs, depth + 1);
    }
  }

  const code = rec(observation.codeInterpreterInvocationOutput);
  if (code) {
    const output = str(code.executionOutput);
    const error = str(code.executionError);
    const files = list(code.files).filter((f): f is string => typeof f === "string");
    if (outline) {
      outlinePart(
        ctx,
        error ? "← code error" : code.executionTimeout ? "← code timed out" : "← code output",
        outlineTitle,
      );
    } else {
      sink.entry(depth, "←", `code interpreter${timing(code.metadata)}`, { labelPaint: s.green });
      if (output) sink.entry(depth + 1, "output", output, { ...(full ? {} : { maxLines: 8 }) });
      if (error)
        sink.entry(depth + 1, "error", error, {
          labelPaint: s.red,
          paint: s.red,
          ...(full ? {} : { maxLines: 8 }),
        });
      if (code.executionTimeout === true) sink.entry(depth + 1, "timed out", "", { labelPaint: s.red });
      if (files.length > 0) sink.entry(depth + 1, "files", files.join(", "));
    }
  }

  const collaborator = rec(observation.agentCollaboratorInvocationOutput);
  if (collaborator) {
    const name = str(collaborator.agentCollaboratorName) ?? "collaborator";
    const output = rec(collaborator.output);
    const text = str(output?.text);
    const handedBack = output?.returnControlPayload !== undefined ? " (returned control)" : "";
    if (outline) outlinePart(ctx, `← ${name}${handedBack}`, outlineTitle);
    else {
      sink.entry(depth, "←", `${name} answered${handedBack}${timing(collaborator.metadata)}`, {
        labelPaint: s.green,
      });
      if (text) sink.entry(depth + 1, "answer", text, cut(3));
    }
  }

  const final = rec(observation.finalResponse);
  if (final) {
    const text = str(final.text) ?? "";
    const askUser = observation.type === "ASK_USER";
    const metadata = rec(final.metadata);
    const total = num(metadata?.operationTotalTimeMs);
    if (ctx.agent.depth === 0 && total !== undefined) state.topLevelTimeMs = total;
    const label = `${askUser ? "? asks the user" : "✔ final response"}${total !== undefined ? ` (${formatMs(total)})` : ""}`;
    if (outline) outlinePart(ctx, `${askUser ? "?" : "✔"} ${truncate(oneLine(text), 60)}`, outlineTitle);
    else {
      sink.entry(depth, label, text, { labelPaint: askUser ? s.yellow : s.green, ...cut(3) });
    }
  }

  const reprompt = rec(observation.repromptResponse);
  if (reprompt) {
    const source = str(reprompt.source);
    const text = str(reprompt.text) ?? "";
    if (outline) outlinePart(ctx, `↻ reprompt${source ? ` (${source.toLowerCase()})` : ""}`, outlineTitle);
    else {
      sink.entry(
        depth,
        `↻ reprompt${source ? ` (${source.toLowerCase().replaceAll("_", " ")})` : ""}`,
        text,
        {
          labelPaint: s.yellow,
          ...cut(3),
        },
      );
    }
  }

  const known = action ?? kb ?? code ?? collaborator ?? final ?? reprompt;
  if (!known) {
    const type = str(observation.type);
    if (outline) outlinePart(ctx, `← ${type?.toLowerCase() ?? "observation"}`, outlineTitle);
    else
      sink.entry(depth, "←", type ? type.toLowerCase().replaceAll("_", " ") : "observation", {
        labelPaint: s.green,
      });
  }
  showUnknown(ctx, observation, FIELDS, depth + 1);
}

function renderReferences(ctx: PartContext, refs: readonly unknown[], depth: number): void {
  const { sink } = ctx;
  const s = sink.style;
  const shown = sink.detail === "full" ? refs : refs.slice(0, 5);
  shown.forEach((value, i) => {
    const ref = rec(value);
    const content = str(rec(ref?.content)?.text) ?? "";
    sink.entry(depth, `[${i + 1}]`, `${referenceSource(ref)}`, { labelPaint: s.dim, paint: s.cyan });
    if (content) {
      if (sink.detail === "full") sink.block(depth + 1, content, { paint: s.dim });
      else
        sink.block(depth + 1, truncate(oneLine(content), sink.width - 2 * (depth + 1) - 4), { paint: s.dim });
    }
  });
  if (shown.length < refs.length) sink.entry(depth, `… ${refs.length - shown.length} more references`, "");
}

/** Where a retrieved reference came from: an S3 URI, a web URL, a document id, … */
export function referenceSource(ref: Rec | undefined): string {
  const location = rec(ref?.location);
  if (location) {
    for (const [key, value] of Object.entries(location)) {
      if (key === "type" || key.startsWith("__")) continue;
      const where = rec(value);
      const address = str(where?.uri) ?? str(where?.url) ?? str(where?.id);
      if (address) return address;
    }
  }
  const sourceUri = str(rec(ref?.metadata)?.["x-amz-bedrock-kb-source-uri"]);
  if (sourceUri) return sourceUri;
  return str(location?.type)?.toLowerCase() ?? "reference";
}

/** JSON results shown compact (one line), other text as it is. */
function resultText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return compactJson(JSON.parse(trimmed));
    } catch {
      return text;
    }
  }
  return text;
}

function timing(metadata: unknown): string {
  const ms = num(rec(metadata)?.totalTimeMs);
  return ms !== undefined ? ` (${formatMs(ms)})` : "";
}
