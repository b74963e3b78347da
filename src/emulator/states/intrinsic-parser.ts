/** Reads an intrinsic call (`States.Format('{}', $.a)`) into a tree; intrinsics.ts evaluates it. */
import { StatesError } from "./errors.js";
import type { Json } from "./types.js";

const fail = (message: string): StatesError => new StatesError("States.IntrinsicFailure", message);

export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(text);
}

export type Node =
  | { kind: "literal"; value: Json; raw?: string }
  | { kind: "path"; path: string }
  | { kind: "call"; name: string; args: Node[] };

export class Parser {
  private pos = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  parseAll(): Node {
    const node = this.expression();
    this.space();
    if (this.pos !== this.text.length) throw fail(`Unexpected text after the intrinsic call in ${this.text}`);
    return node;
  }

  private space(): void {
    while (this.text[this.pos] === " ") this.pos++;
  }

  private expression(): Node {
    this.space();
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("'")) return this.string();
    const call = /^States\.([A-Za-z0-9]+)\s*\(/.exec(rest);
    if (call) {
      this.pos += call[0].length;
      const args: Node[] = [];
      this.space();
      if (this.text[this.pos] === ")") this.pos++;
      else {
        for (;;) {
          args.push(this.expression());
          this.space();
          const c = this.text[this.pos++];
          if (c === ")") break;
          if (c !== ",") throw fail(`Expected , or ) in ${this.text}`);
        }
      }
      return { kind: "call", name: call[1] as string, args };
    }
    const number = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return { kind: "literal", value: Number(number[0]) };
    }
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (rest.startsWith(word)) {
        this.pos += word.length;
        return { kind: "literal", value };
      }
    }
    if (rest.startsWith("$")) return { kind: "path", path: this.path() };
    throw fail(`Cannot read the intrinsic argument at "${rest}"`);
  }

  /** `raw` keeps escaped braces for States.Format, where `\\{` is a literal brace, not a placeholder. */
  private string(): Node {
    let value = "";
    let raw = "";
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++] as string;
      if (c === "\\") {
        const escaped = this.text[this.pos++] ?? "";
        value += escaped;
        raw += escaped === "'" ? "'" : `\\${escaped}`;
      } else if (c === "'") return { kind: "literal", value, raw };
      else {
        value += c;
        raw += c;
      }
    }
    throw fail(`Unterminated string in ${this.text}`);
  }

  /** A path runs to the next top-level , or ) (brackets and quotes may contain them). */
  private path(): string {
    const start = this.pos;
    let depth = 0;
    let quote: string | undefined;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] as string;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === "[" || c === "(") depth++;
      else if (c === "]" || (c === ")" && depth > 0)) depth--;
      else if ((c === "," || c === ")") && depth === 0) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }
}
