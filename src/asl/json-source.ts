/**
 * Finds comments in a JSON state-machine definition. Public samples (and the seed
 * articles) put `//`, `/* *\/` and `#` comments inside ASL JSON; Step Functions
 * rejects the definition, and a YAML parser gives a confusing error or silently
 * accepts them. We report each comment where it is, then blank it out (keeping
 * line and column of everything else) so the rest of the file is still checked.
 */
import type { Position } from "../diagnostics.js";

export type CommentStyle = "line" | "block" | "hash";

export interface JsonComment extends Position {
  style: CommentStyle;
  /** False for a block comment that runs to the end of the file. */
  terminated: boolean;
}

export interface StrippedJson {
  /** The text with every comment character replaced by a space (newlines kept). */
  text: string;
  comments: JsonComment[];
}

/** Only JSON-looking files are scanned: in YAML, `#` is a comment and `//` is text. */
export function looksLikeJsonObject(text: string): boolean {
  return text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .startsWith("{");
}

export function stripJsonComments(text: string): StrippedJson {
  const comments: JsonComment[] = [];
  const pieces: string[] = [];
  let copiedUpTo = 0;
  // Line and column are counted lazily, from the last comment found, so a large
  // file without comments costs one regular-expression scan.
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  const positionOf = (offset: number) => {
    for (let nl = text.indexOf("\n", counted); nl !== -1 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    counted = offset;
    return { line, column: offset - lineStart + 1 };
  };
  // A string (closed, or cut off by the end of its line), or the start of a comment.
  const token = /"(?:[^"\\\n]|\\[\s\S])*(?:"|(?=\n)|$)|\/\/|\/\*|#/g;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    const start = m.index;
    const found = m[0];
    if (found.startsWith('"')) continue;
    let end: number;
    let style: CommentStyle;
    let terminated = true;
    if (found === "/*") {
      const close = text.indexOf("*/", start + 2);
      end = close === -1 ? text.length : close + 2;
      style = "block";
      terminated = close !== -1;
    } else {
      end = lineEnd(text, start);
      style = found === "#" ? "hash" : "line";
    }
    comments.push({ ...positionOf(start), style, terminated });
    pieces.push(text.slice(copiedUpTo, start), text.slice(start, end).replace(/[^\r\n]/g, " "));
    copiedUpTo = end;
    token.lastIndex = end;
  }
  if (comments.length === 0) return { text, comments };
  pieces.push(text.slice(copiedUpTo));
  return { text: pieces.join(""), comments };
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  if (nl === -1) return text.length;
  return text[nl - 1] === "\r" ? nl - 1 : nl;
}

/**
 * Where JSON.parse stops, or undefined when the text is valid JSON. V8 gives
 * "at position N" for most errors; for an unexpected token it quotes the text
 * around it ("…" + 10 characters before + token …), which we find again.
 */
export function jsonSyntaxOffset(text: string): { offset?: number; reason: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = (e as Error).message;
    const position = message.match(/at position (\d+)/);
    if (position)
      return { offset: Number(position[1]), reason: message.replace(/ in JSON at position.*$/, "") };
    if (/end of JSON input/.test(message)) return { offset: text.length, reason: "it ends too early" };
    const token = message.match(
      /^Unexpected token '(.*?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/,
    );
    if (!token) return { reason: message };
    const [, found = "", lead, snippet = "", trail] = token;
    const reason = `unexpected "${found}"`;
    if (lead) {
      const start = text.indexOf(snippet);
      return start === -1 ? { reason } : { offset: start + 10, reason };
    }
    if (trail) return { offset: snippet.length - 10, reason };
    const at = text.indexOf(found);
    return at === -1 ? { reason } : { offset: at, reason };
  }
}
