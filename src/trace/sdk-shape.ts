/**
 * Turns a decoded event-stream message into the object the JS SDK yields for it, so a saved
 * stream renders exactly like a live one. The SDK (schema serde, 3.11xx) maps the headers as
 * follows [V: test/trace/decode-eventstream.test.ts compares against the SDK itself]:
 * - `:message-type: event` + `:event-type: X` → `{X: payload}`, JSON payload, blob members
 *   (`chunk.bytes`, `files.files[].bytes`) as Uint8Array, timestamps (`eventTime`, metadata
 *   `startTime`/`endTime`) as Date.
 * - `:message-type: exception` + `:exception-type: X` → the SDK throws the modeled error; here
 *   it becomes the event `{X: {message, …}}` (the ResponseStream union has those members) so
 *   that it can be rendered, saved and replayed like the rest.
 * - `:message-type: error` (unmodeled) → `{streamError: {errorCode, message}}` (agentctl's name).
 * - An unknown `:event-type` the SDK skips silently; we keep it (`{X: payload}`) so the
 *   renderer can show it: never dropped.
 * Unknown fields inside known members are kept too (the SDK drops them); the renderer shows them.
 */
import type { StreamEvent } from "./types.js";

export type HeaderValues = Readonly<Record<string, unknown>>;

export function eventFromMessage(headers: HeaderValues, payload: string): StreamEvent {
  const messageType = headerString(headers[":message-type"]) ?? "event";
  if (messageType === "error") {
    return {
      streamError: {
        errorCode: headerString(headers[":error-code"]) ?? "UnknownError",
        message: headerString(headers[":error-message"]) ?? payload,
      },
    };
  }
  const name =
    messageType === "exception"
      ? (headerString(headers[":exception-type"]) ?? "unknownException")
      : (headerString(headers[":event-type"]) ?? "unknownEvent");
  return { [name]: reviveMember(name, parsePayload(payload)) };
}

function headerString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  // @smithy/eventstream-codec decodes headers as {type, value}.
  if (typeof value === "object" && value !== null && "value" in value) {
    const inner = (value as { value: unknown }).value;
    return typeof inner === "string" ? inner : inner === undefined ? undefined : String(inner);
  }
  return undefined;
}

function parsePayload(payload: string): unknown {
  if (payload === "") return {};
  try {
    return JSON.parse(payload);
  } catch {
    return { payload };
  }
}

/**
 * Restores the SDK's types inside a member parsed from JSON (raw payloads and our NDJSON alike):
 * base64 blobs to bytes, ISO timestamps to Dates. Fields of the wrong type are left alone.
 */
export function reviveMember(name: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const member = value as Record<string, unknown>;
  if (name === "chunk") {
    if (typeof member.bytes === "string") return { ...member, bytes: base64ToBytes(member.bytes) };
    return member;
  }
  if (name === "files" && Array.isArray(member.files)) {
    return {
      ...member,
      files: member.files.map((f: unknown) =>
        typeof f === "object" && f !== null && typeof (f as { bytes?: unknown }).bytes === "string"
          ? { ...f, bytes: base64ToBytes((f as { bytes: string }).bytes) }
          : f,
      ),
    };
  }
  if (name === "trace") return reviveTimes(member, 0);
  return member;
}

const TIME_KEYS = new Set(["eventTime", "startTime", "endTime"]);

function reviveTimes(value: unknown, depth: number): unknown {
  if (depth > 64 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => reviveTimes(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (TIME_KEYS.has(key) && typeof v === "string") {
      const t = Date.parse(v);
      out[key] = Number.isNaN(t) ? v : new Date(t);
    } else {
      out[key] = reviveTimes(v, depth + 1);
    }
  }
  return out;
}

function base64ToBytes(text: string): Uint8Array {
  const buf = Buffer.from(text, "base64");
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
