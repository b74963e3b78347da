/**
 * JavaScript/TypeScript text with its comments blanked out (strings, template
 * literals and regular-expression literals kept), so the textual export check
 * is not fooled by commented-out code. Offsets and line breaks are preserved.
 */

/** Characters after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set([..."(,=:[!&|?{};+-*%<>~^"]);

export function withoutComments(source: string): string {
  const out = source.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n" && out[k] !== "\r") out[k] = " ";
  };
  let previous = ""; // last significant character outside comments
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    const next = source[i + 1];
    if (ch === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (ch === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (ch === '"' || ch === "'" || ch === "`") {
      i = skipQuoted(source, i, ch);
      previous = ch;
    } else if (ch === "/" && (previous === "" || BEFORE_REGEX.has(previous) || endsWithKeyword(source, i))) {
      i = skipRegex(source, i);
      previous = "/";
    } else {
      if (!/\s/.test(ch)) previous = ch;
      i++;
    }
  }
  return out.join("");
}

function skipQuoted(source: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "\\") i += 2;
    else if (ch === quote) return i + 1;
    else if (ch === "\n" && quote !== "`") return i;
    else i++;
  }
  return i;
}

function skipRegex(source: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") i++;
    else if (ch === "\n") return i;
    else if (ch === "[") inClass = true;
    else if (ch === "]") inClass = false;
    else if (ch === "/" && !inClass) return i + 1;
  }
  return source.length;
}

function endsWithKeyword(source: string, at: number): boolean {
  return /\b(return|typeof|case|do|else|in|of|void|yield|await)\s*$/.test(
    source.slice(Math.max(0, at - 12), at),
  );
}
