/**
 * Where a character of a string value sits in the source text, so a bad `${…}` is reported at
 * its own line:col even inside a block scalar (`instruction: |`), a folded (`>`) or a multi-line
 * plain or quoted string, where the value's text no longer lines up with the file's.
 */
import { isMap, isScalar, isSeq, type Node, parseDocument, Scalar } from "yaml";
import type { Position } from "../diagnostics.js";
import type { PropertyPath } from "./types.js";

export type PlaceholderLocator = (path: PropertyPath, raw: string, index: number) => Position | undefined;

/**
 * `raw` is the string value at `path` as parsed, `index` the offset of a `${` in it. Answers
 * undefined when the `${` cannot be matched to the source with certainty (an alias, or escape
 * sequences that produce or hide a `${`): the caller then points at the string itself.
 *
 * Placeholders never contain a line break, and block, folded and plain scalars hold their text
 * verbatim apart from indentation and line folding, so the k-th `${` of the value is the k-th
 * `${` of the scalar's source. The file is parsed again, once and only when a placeholder fails,
 * because the shared parser keeps positions of nodes, not of characters inside them.
 */
export function createPlaceholderLocator(source: string): PlaceholderLocator {
  let parsed: { root: unknown; lineStarts: number[] } | undefined;
  const load = () => {
    if (parsed === undefined) {
      let root: unknown;
      try {
        root = parseDocument(source, { uniqueKeys: false, strict: true }).contents;
      } catch {
        root = undefined;
      }
      parsed = { root, lineStarts: lineStartsOf(source) };
    }
    return parsed;
  };

  return (path, raw, index) => {
    const { root, lineStarts } = load();
    const node = nodeAt(root, path);
    if (!isScalar(node) || !node.range) return undefined;
    let start = node.range[0];
    // A block scalar's header (`|-`, `>2`) may carry a comment; the text starts on the next line.
    if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
      const headerEnd = source.indexOf("\n", start);
      if (headerEnd < 0) return undefined;
      start = headerEnd + 1;
    }
    const text = source.slice(start, node.range[1]);
    const before = openingsIn(raw.slice(0, index));
    if (openingsIn(raw) !== openingsIn(text)) return undefined;
    const offset = nthOpening(text, before);
    return offset === undefined ? undefined : positionOf(start + offset, lineStarts);
  };
}

function nodeAt(root: unknown, path: PropertyPath): Node | undefined {
  let node: unknown = root;
  for (const key of path) {
    if (isMap(node) || (isSeq(node) && typeof key === "number")) node = node.get(key, true);
    else return undefined;
  }
  return node as Node | undefined;
}

/** How many `${` the text holds (the `${` inside `$${` counts, in the value and the source alike). */
function openingsIn(text: string): number {
  let count = 0;
  for (let i = text.indexOf("${"); i >= 0; i = text.indexOf("${", i + 1)) count++;
  return count;
}

/** Offset of the `${` that has `n` others before it. */
function nthOpening(text: string, n: number): number | undefined {
  let i = text.indexOf("${");
  for (let seen = 0; i >= 0 && seen < n; seen++) i = text.indexOf("${", i + 1);
  return i >= 0 ? i : undefined;
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") starts.push(i + 1);
  return starts;
}

function positionOf(offset: number, lineStarts: readonly number[]): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}
