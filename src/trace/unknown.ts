/** Anything the renderer does not know: shown compactly on one line, never dropped, never a crash. */
import type { PartContext } from "./state.js";
import { truncate } from "./text.js";
import { compactJson } from "./values.js";

export function renderUnknownMember(ctx: PartContext, label: string, value: unknown, depth: number): void {
  const { sink } = ctx;
  const s = sink.style;
  const text = truncate(compactJson(value), sink.detail === "full" ? sink.width * 20 : sink.width * 2);
  sink.entry(depth, `? ${label}`, text, { labelPaint: s.yellow, paint: s.dim });
}
