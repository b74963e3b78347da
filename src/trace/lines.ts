/**
 * Where a trace part writes its lines: indentation by agent depth, a styled label, wrapped text.
 * Wrapping is computed on plain text and styling applied afterwards, so colour codes never
 * count against the width.
 */
import type { Style } from "../io/style.js";
import { limitLines, MIN_WIDTH, oneLine, wrap } from "./text.js";
import type { TraceDetail } from "./types.js";

export type Paint = (s: string) => string;

export interface LineSink {
  readonly style: Style;
  readonly detail: TraceDetail;
  readonly width: number;
  /** The lines produced for the current event. */
  readonly lines: string[];
  /**
   * One labelled entry at `depth`: `label text…`, continuation lines aligned under the text.
   * `maxLines` caps the wrapped text (the cut says how many lines were left out).
   */
  entry(depth: number, label: string, text: string, opts?: EntryOptions): void;
  /** Plain wrapped text at `depth` (e.g. a prompt or an answer). */
  block(depth: number, text: string, opts?: { paint?: Paint; maxLines?: number }): void;
}

export interface EntryOptions {
  labelPaint?: Paint;
  paint?: Paint;
  /** Keep the text's own line breaks but show at most this many lines. */
  maxLines?: number;
  /** Show the text as one paragraph cut to this many lines, saying how many characters were left out. */
  preview?: number;
  /** Keep the text beside the label however long the label, continuing `continuation` columns in. */
  continuation?: number;
}

const INDENT = "  ";
/** A label wider than this gets its text on the following lines, not beside it. */
const MAX_HANGING_LABEL = 22;

export function createLineSink(style: Style, detail: TraceDetail, width: number): LineSink {
  const columns = Math.max(MIN_WIDTH, Math.floor(width) || MIN_WIDTH);
  const lines: string[] = [];
  const plain: Paint = (s) => s;
  return {
    style,
    detail,
    width: columns,
    lines,
    entry(depth, label, text, opts = {}) {
      const indent = INDENT.repeat(depth);
      const labelPaint = opts.labelPaint ?? plain;
      const paint = opts.paint ?? plain;
      if (text === "") {
        lines.push(indent + labelPaint(label));
        return;
      }
      if (opts.continuation !== undefined) {
        const first = columns - indent.length - label.length - 1;
        const [head = "", ...tail] = wrap(text, Math.max(10, first));
        lines.push(`${indent}${labelPaint(label)} ${paint(head)}`);
        const pad = " ".repeat(opts.continuation);
        const rest = tail.length > 0 ? wrap(tail.join(" "), columns - indent.length - opts.continuation) : [];
        for (const l of rest) lines.push(`${indent}${pad}${paint(l)}`);
        return;
      }
      const hanging = label.length + 1 <= MAX_HANGING_LABEL;
      const hang = hanging ? label.length + 1 : INDENT.length;
      const available = columns - indent.length - hang;
      let wrapped =
        opts.preview !== undefined ? previewLines(text, available, opts.preview) : wrap(text, available);
      if (opts.maxLines !== undefined) wrapped = limitLines(wrapped, opts.maxLines);
      if (!hanging) {
        lines.push(indent + labelPaint(label));
        for (const l of wrapped) lines.push(indent + INDENT + paint(l));
        return;
      }
      const pad = " ".repeat(hang);
      wrapped.forEach((l, i) => {
        lines.push(i === 0 ? `${indent}${labelPaint(label)} ${paint(l)}` : `${indent}${pad}${paint(l)}`);
      });
    },
    block(depth, text, opts = {}) {
      const indent = INDENT.repeat(depth);
      const paint = opts.paint ?? plain;
      let wrapped = wrap(text, columns - indent.length);
      if (opts.maxLines !== undefined) wrapped = limitLines(wrapped, opts.maxLines);
      for (const l of wrapped) lines.push(l === "" ? "" : indent + paint(l));
    },
  };
}

/** `text` as one paragraph in at most `max` lines of `width`; the last line says what was cut. */
function previewLines(text: string, width: number, max: number): string[] {
  const flat = oneLine(text);
  const lines = wrap(flat, width);
  if (lines.length <= max) return lines;
  const head = lines.slice(0, max - 1).join(" ");
  const last = (lines[max - 1] ?? "").slice(0, Math.max(0, width - NOTE_ROOM)).trimEnd();
  const shown = (head ? head.length + 1 : 0) + last.length;
  return [...lines.slice(0, max - 1), `${last} … (+${flat.length - shown} chars)`];
}

/** Room kept on a cut line for ` … (+N chars)`. */
const NOTE_ROOM = 18;
