/**
 * Standard input behind one small interface: whole-body reads (`trace -`, `invoke … -`), line
 * by line (`chat` without a terminal), and questions on a terminal (return of control). Whether
 * stdin is a terminal is decided by env.ts, not here.
 */
import type { createInterface } from "node:readline";

export interface Input {
  /** Everything until end of input. */
  readAll(): Promise<Uint8Array>;
  /** Lines until end of input (without their line breaks). */
  lines(): AsyncIterable<string>;
  /** Asks on the terminal (the prompt goes to stderr) and resolves with the answer, or undefined at end of input. */
  ask(prompt: string): Promise<string | undefined>;
}

/** The context's input, or the process's when a caller built the context without one. */
export function inputOf(ctx: { stdin?: Input }): Input {
  return ctx.stdin ?? createInput(() => process.stdin);
}

/**
 * `stream` may be a function returning it: process.stdin is a getter that sets up the stream
 * (and loads net, tty…) on first access, which most commands never need.
 */
export function createInput(
  source: NodeJS.ReadableStream | (() => NodeJS.ReadableStream),
  prompts: NodeJS.WritableStream = process.stderr,
): Input {
  let opened: NodeJS.ReadableStream | undefined;
  const stream = () => {
    opened ??= typeof source === "function" ? source() : source;
    return opened;
  };
  let lineReader: ReturnType<typeof createInterface> | undefined;
  let iterator: AsyncIterator<string> | undefined;
  const reader = () => {
    // Through getBuiltinModule, on first use: loading node:readline is not free, and few commands read lines.
    const { createInterface } = process.getBuiltinModule("node:readline");
    lineReader ??= createInterface({ input: stream(), crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
    iterator ??= lineReader[Symbol.asyncIterator]();
    return iterator;
  };
  return {
    async readAll() {
      const parts: Buffer[] = [];
      for await (const part of stream())
        parts.push(typeof part === "string" ? Buffer.from(part) : (part as Buffer));
      const all = Buffer.concat(parts);
      return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
    },
    lines() {
      return {
        [Symbol.asyncIterator]: () => ({
          next: () => reader().next(),
          return: async () => {
            lineReader?.close();
            return { done: true, value: undefined };
          },
        }),
      };
    },
    async ask(prompt) {
      prompts.write(prompt);
      const next = await reader().next();
      return next.done ? undefined : next.value;
    },
  };
}
