/**
 * agentctl's NDJSON form of an InvokeAgent stream (`invoke --json`, read back by `trace`):
 *
 * - one line per event, exactly as the SDK yielded it, in JSON: the event's single key
 *   (`chunk`, `trace`, `returnControl`, `files`, `throttlingException`, …) and its value, with
 *   bytes as base64 and timestamps as ISO-8601 strings (the wire's own encodings);
 * - a `chunk` line also carries `chunk.text`, the bytes decoded as UTF-8;
 * - last, one line `{"result": {…}}` (the invoke result: session id, answer, summary, error).
 *
 * Reading also accepts the corpus's decoded-frame lines, `{"headers": {":event-type": …},
 * "payload": {…}}`, mapped through the same header rules as raw streams.
 */
import { eventFromMessage, reviveMember } from "./sdk-shape.js";
import type { StreamEvent } from "./types.js";
import { bytesToText, isBytes } from "./values.js";

/** The JSON value of one event line. */
export function eventToJson(event: StreamEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    out[key] = key === "chunk" ? chunkToJson(value) : jsonSafe(value, 0);
  }
  return out;
}

function chunkToJson(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return jsonSafe(value, 0);
  const chunk = value as Record<string, unknown>;
  const safe = jsonSafe(chunk, 0) as Record<string, unknown>;
  return isBytes(chunk.bytes) ? { ...safe, text: bytesToText(chunk.bytes) } : safe;
}

function jsonSafe(value: unknown, depth: number): unknown {
  if (isBytes(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth > 64 || typeof value !== "object" || value === null) {
    return typeof value === "bigint" ? value.toString() : value;
  }
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = jsonSafe(v, depth + 1);
  return out;
}

export type NdjsonLine =
  | { kind: "event"; event: StreamEvent }
  | { kind: "result"; result: Record<string, unknown> }
  | { kind: "blank" };

export class NdjsonFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "NdjsonFormatError";
  }
}

export function parseNdjsonLine(text: string, lineNumber: number): NdjsonLine {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "blank" };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (err) {
    throw new NdjsonFormatError(`Not JSON: ${(err as Error).message}`, lineNumber, 1);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new NdjsonFormatError("Each line must be a JSON object (one stream event).", lineNumber, 1);
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === "result" && typeof obj.result === "object" && obj.result !== null) {
    return { kind: "result", result: obj.result as Record<string, unknown> };
  }
  if ("headers" in obj && "payload" in obj && typeof obj.headers === "object" && obj.headers !== null) {
    const payload = obj.payload;
    const { _bytes_decoded: _ignored, ...rest } =
      typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : {};
    return {
      kind: "event",
      event: eventFromMessage(
        obj.headers as Record<string, unknown>,
        payload === undefined ? "" : JSON.stringify(rest),
      ),
    };
  }
  const event: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(obj)) event[key] = reviveNdjsonMember(key, member);
  return { kind: "event", event };
}

/** Our own `chunk.text` is derived from the bytes; the event as the SDK yields it has none. */
function reviveNdjsonMember(key: string, member: unknown): unknown {
  if (key === "chunk" && typeof member === "object" && member !== null) {
    const { text, ...rest } = member as Record<string, unknown>;
    // A chunk without bytes (hand-written) keeps its text so the answer still renders.
    return reviveMember(key, "bytes" in rest ? rest : { ...rest, text });
  }
  return reviveMember(key, member);
}
