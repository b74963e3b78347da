import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Context } from "../context.js";
import { diagnostic } from "../diagnostics.js";
import { columnsFor } from "../env.js";
import { InvalidInputError } from "../errors.js";
import { inputOf } from "../io/input.js";
import { EventStreamFormatError } from "../trace/decode-eventstream.js";
import { createTraceRenderer } from "../trace/index.js";
import { eventToJson, NdjsonFormatError } from "../trace/ndjson.js";
import { parseDetail } from "../trace/options.js";
import { readSavedStream, type SavedStream } from "../trace/read-stream.js";

/** `agentctl trace FILE|-`: re-renders a saved stream (NDJSON or raw event stream). */
export default async function trace(
  ctx: Context,
  args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const detail = parseDetail(options.detail, "--detail");
  const source = args[0] ?? "-";
  const file = source === "-" ? "<stdin>" : path.resolve(ctx.env.cwd, source);
  const bytes = source === "-" ? await inputOf(ctx).readAll() : new Uint8Array(await readFile(file));
  const saved = parse(bytes, source === "-" ? "<stdin>" : source);

  const renderer = createTraceRenderer({ detail, width: columnsFor(ctx.env, "stdout"), style: ctx.io.style });
  if (ctx.io.json) {
    // The NDJSON form of what was read: converts a raw event stream into what `invoke --json` writes.
    for (const event of saved.events) {
      renderer.push(event);
      ctx.io.event(eventToJson(event), () => "");
    }
    renderer.end();
    ctx.io.event(
      { result: { format: saved.format, ...(saved.result ?? {}), summary: renderer.summary() } },
      () => "",
    );
    return;
  }
  const lines: string[] = [];
  for (const event of saved.events) lines.push(...renderer.push(event));
  lines.push(...renderer.end());
  ctx.io.result({}, () => lines.join("\n"));
}

function parse(bytes: Uint8Array, shown: string): SavedStream {
  try {
    return readSavedStream(bytes);
  } catch (err) {
    if (err instanceof NdjsonFormatError) {
      throw new InvalidInputError(
        `${shown} is not a valid NDJSON stream.`,
        [diagnostic(shown, { line: err.line, column: err.column }, "error", "trace/ndjson", err.message)],
        "Give the NDJSON that `agentctl invoke --json` writes, or a raw application/vnd.amazon.eventstream body.",
      );
    }
    if (err instanceof EventStreamFormatError) {
      throw new InvalidInputError(
        `${shown}: ${err.message}`,
        [],
        "Give a raw application/vnd.amazon.eventstream body (exact bytes) or the NDJSON of `agentctl invoke --json`.",
      );
    }
    throw err;
  }
}
