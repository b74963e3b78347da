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
  const out = text.split("");
  const comments: JsonComment[] = [];
  let line = 1;
  let column = 1;
  let inString = false;
  let i = 0;

  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n" && out[k] !== "\r") out[k] = " ";
  };
  const advance = (to: number) => {
    for (; i < to; i++) {
      if (text[i] === "\n") {
        line++;
        column = 1;
      } else column++;
    }
  };

  while (i < text.length) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") {
        advance(i + 2);
        continue;
      }
      if (ch === '"' || ch === "\n") inString = false;
      advance(i + 1);
      continue;
    }
    if (ch === '"') {
      inString = true;
      advance(i + 1);
      continue;
    }
    const next = text[i + 1];
    if ((ch === "/" && next === "/") || ch === "#") {
      const end = lineEnd(text, i);
      comments.push({ line, column, style: ch === "#" ? "hash" : "line", terminated: true });
      blank(i, end);
      advance(end);
      continue;
    }
    if (ch === "/" && next === "*") {
      const close = text.indexOf("*/", i + 2);
      const end = close === -1 ? text.length : close + 2;
      comments.push({ line, column, style: "block", terminated: close !== -1 });
      blank(i, end);
      advance(end);
      continue;
    }
    advance(i + 1);
  }
  return { text: out.join(""), comments };
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
