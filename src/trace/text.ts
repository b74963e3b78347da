/** Width-aware text layout for trace lines: wrapping, truncation, durations. Works on plain text. */

export const MIN_WIDTH = 40;

/** Whitespace runs (incl. newlines inside a paragraph) collapsed, for one-line previews. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** At most `max` characters; the cut says how much is left out. */
export function truncate(text: string, max: number): string {
  // Cutting a handful of characters saves nothing and loses the end of the text.
  if (text.length <= max + 12) return text;
  const rest = text.length - max;
  return `${text.slice(0, Math.max(1, max - 1))}… (+${rest} chars)`;
}

/**
 * Splits `text` into lines of at most `width` characters, at spaces where possible. Existing
 * newlines are kept; a word longer than the line is cut.
 */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let rest = paragraph.replace(/\s+$/, "");
    if (rest === "") {
      out.push("");
      continue;
    }
    while (rest.length > w) {
      let cut = rest.lastIndexOf(" ", w);
      if (cut <= 0) cut = w;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ +/, "");
    }
    out.push(rest);
  }
  // A trailing newline in a message is not a line of its own.
  while (out.length > 1 && out[out.length - 1] === "") out.pop();
  return out;
}

/** Keeps the first `max` lines and says how many were left out. */
export function limitLines(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `… (${lines.length - max} more lines)`];
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
