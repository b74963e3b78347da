/**
 * Reads a saved stream — agentctl's NDJSON (or the corpus's decoded frames) or a raw
 * `application/vnd.amazon.eventstream` body — telling them apart by their first byte: an
 * event-stream message starts with its big-endian length (a zero byte for any real message),
 * NDJSON with `{`.
 */
import { createEventStreamDecoder } from "./decode-eventstream.js";
import { parseNdjsonLine } from "./ndjson.js";
import type { StreamEvent } from "./types.js";

export type StreamFormat = "ndjson" | "eventstream";

export interface SavedStream {
  format: StreamFormat;
  events: StreamEvent[];
  /** The `{"result": …}` line of an `invoke --json` recording, if present. */
  result?: Record<string, unknown>;
}

export function detectFormat(bytes: Uint8Array): StreamFormat | undefined {
  for (const b of bytes) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    if (b === 0x7b) return "ndjson";
    return "eventstream";
  }
  return undefined;
}

/** Throws NdjsonFormatError (with line) or EventStreamFormatError (with byte offset). */
export function readSavedStream(bytes: Uint8Array): SavedStream {
  const format = detectFormat(bytes) ?? "ndjson";
  if (format === "eventstream") {
    const decoder = createEventStreamDecoder();
    const events = decoder.push(bytes);
    decoder.end();
    return { format, events };
  }
  const text = new TextDecoder("utf-8").decode(bytes);
  const events: StreamEvent[] = [];
  let result: Record<string, unknown> | undefined;
  text.split("\n").forEach((line, i) => {
    const parsed = parseNdjsonLine(line, i + 1);
    if (parsed.kind === "event") events.push(parsed.event);
    else if (parsed.kind === "result") result = parsed.result;
  });
  return result ? { format, events, result } : { format, events };
}
