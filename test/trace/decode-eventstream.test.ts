/**
 * The decoder yields what the JS SDK yields: each recorded stream goes through the real
 * BedrockAgentRuntimeClient (a request handler that answers with the recorded bytes) and
 * through our decoder; every field the SDK produces must be there with the same value. (We
 * keep more: fields the SDK's schema does not know, so the renderer can show them.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { BedrockAgentRuntimeClient, InvokeAgentCommand } from "@aws-sdk/client-bedrock-agent-runtime";
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { describe, expect, it } from "vitest";
import { createEventStreamDecoder, decodeEventStream } from "../../src/trace/decode-eventstream.js";
import { eventToJson, parseNdjsonLine } from "../../src/trace/ndjson.js";
import { readSavedStream } from "../../src/trace/read-stream.js";
import { corpusAbsentReason, corpusStreams } from "./corpus.js";

async function sdkEvents(body: Uint8Array): Promise<{ events: unknown[]; error?: unknown }> {
  const client = new BedrockAgentRuntimeClient({
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    requestHandler: {
      handle: async () => ({
        response: {
          statusCode: 200,
          headers: {
            "content-type": "application/vnd.amazon.eventstream",
            "x-amz-bedrock-agent-session-id": "s-1",
          },
          body: Readable.from([Buffer.from(body)]),
        },
      }),
    },
  });
  const out = await client.send(
    new InvokeAgentCommand({ agentId: "A", agentAliasId: "B", sessionId: "s-1", inputText: "x" }),
  );
  const events: unknown[] = [];
  try {
    for await (const e of out.completion ?? []) events.push(e);
  } catch (error) {
    return { events, error };
  }
  return { events };
}

/** Every leaf of `expected` (the SDK's) is in `actual` (ours) with the same value. */
function expectSuperset(actual: unknown, expected: unknown, at: string): void {
  if (expected instanceof Uint8Array || expected instanceof Date) {
    expect(actual, at).toEqual(expected);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), at).toBe(true);
    expect((actual as unknown[]).length, at).toBe(expected.length);
    expected.forEach((v, i) => {
      expectSuperset((actual as unknown[])[i], v, `${at}[${i}]`);
    });
    return;
  }
  if (typeof expected === "object" && expected !== null) {
    for (const [k, v] of Object.entries(expected)) {
      if (v === undefined) continue;
      expectSuperset((actual as Record<string, unknown>)?.[k], v, `${at}.${k}`);
    }
    return;
  }
  expect(actual, at).toBe(expected);
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const frame = (headers: Record<string, string>, payload: string) =>
  codec.encode({
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { type: "string", value: v }])),
    body: fromUtf8(payload),
  });

describe("event-stream decoding", () => {
  it.skipIf(corpusStreams.length === 0)(
    `matches the SDK's own decoding on every recorded stream${corpusStreams.length === 0 ? ` (skipped: ${corpusAbsentReason})` : ""}`,
    async () => {
      for (const file of corpusStreams) {
        const body = new Uint8Array(readFileSync(file));
        const ours = decodeEventStream(body);
        const sdk = await sdkEvents(body);
        expect(sdk.error, path.basename(file)).toBeUndefined();
        expect(ours.length, path.basename(file)).toBe(sdk.events.length);
        sdk.events.forEach((e, i) => {
          expectSuperset(ours[i], e, `${path.basename(file)}#${i}`);
        });
      }
    },
  );

  it("decodes a stream fed in arbitrary pieces the same as whole", () => {
    for (const file of corpusStreams.slice(0, 3)) {
      const body = new Uint8Array(readFileSync(file));
      const decoder = createEventStreamDecoder();
      const events = [];
      for (let at = 0; at < body.length; at += 7) events.push(...decoder.push(body.subarray(at, at + 7)));
      decoder.end();
      expect(events).toEqual(decodeEventStream(body));
    }
  });

  it("turns exceptions into events and keeps unknown event types (the SDK throws / skips them)", async () => {
    const body = Buffer.concat([
      frame(
        { ":message-type": "event", ":event-type": "chunk", ":content-type": "application/json" },
        JSON.stringify({ bytes: Buffer.from("Hel").toString("base64") }),
      ),
      frame(
        { ":message-type": "event", ":event-type": "memorySummary", ":content-type": "application/json" },
        '{"x":1}',
      ),
      frame(
        {
          ":message-type": "exception",
          ":exception-type": "throttlingException",
          ":content-type": "application/json",
        },
        '{"message":"Slow down"}',
      ),
    ]);
    const ours = decodeEventStream(new Uint8Array(body));
    expect(ours).toEqual([
      { chunk: { bytes: new Uint8Array(Buffer.from("Hel")) } },
      { memorySummary: { x: 1 } },
      { throttlingException: { message: "Slow down" } },
    ]);
    const sdk = await sdkEvents(new Uint8Array(body));
    expect(sdk.events).toHaveLength(1);
    expect((sdk.error as Error).name).toBe("ThrottlingException");
    const unmodeled = decodeEventStream(
      new Uint8Array(
        frame({ ":message-type": "error", ":error-code": "InternalFailure", ":error-message": "boom" }, ""),
      ),
    );
    expect(unmodeled).toEqual([{ streamError: { errorCode: "InternalFailure", message: "boom" } }]);
  });

  it("reports a truncated or corrupt body with its byte offset", () => {
    const good = new Uint8Array(frame({ ":message-type": "event", ":event-type": "chunk" }, '{"bytes":""}'));
    expect(() => decodeEventStream(good.subarray(0, good.length - 3))).toThrow(
      /ends inside a message: \d+ bytes left over at byte 0/,
    );
    const corrupt = new Uint8Array(good);
    corrupt[corrupt.length - 6] = (corrupt[corrupt.length - 6] ?? 0) ^ 0xff;
    expect(() => decodeEventStream(corrupt)).toThrow(/Corrupt event-stream message at byte 0/);
  });
});

describe("NDJSON form", () => {
  it.skipIf(corpusStreams.length === 0)("round-trips every recorded stream to the same events", () => {
    for (const file of corpusStreams) {
      const events = decodeEventStream(new Uint8Array(readFileSync(file)));
      const ndjson = `${events.map((e) => JSON.stringify(eventToJson(e))).join("\n")}\n{"result":{"sessionId":"s"}}\n`;
      const back = readSavedStream(new TextEncoder().encode(ndjson));
      expect(back.format).toBe("ndjson");
      expect(back.events, path.basename(file)).toEqual(events);
      expect(back.result).toEqual({ sessionId: "s" });
    }
  });

  it("adds the decoded text to chunks and keeps bytes as base64, times as ISO strings", () => {
    const line = eventToJson({ chunk: { bytes: new TextEncoder().encode("héllo") } });
    expect(line).toEqual({ chunk: { bytes: Buffer.from("héllo").toString("base64"), text: "héllo" } });
    const t = eventToJson({ trace: { eventTime: new Date("2025-01-01T00:00:00Z"), trace: {} } });
    expect(t).toEqual({ trace: { eventTime: "2025-01-01T00:00:00.000Z", trace: {} } });
    expect(parseNdjsonLine("", 3)).toEqual({ kind: "blank" });
    expect(() => parseNdjsonLine("[1]", 4)).toThrow(/JSON object/);
  });
});
