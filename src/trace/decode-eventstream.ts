/**
 * Reads a raw `application/vnd.amazon.eventstream` body (aws-behaviour.md §1.4) into the event
 * objects the SDK yields. Messages are framed here (the codec's `feed` wants whole messages) and
 * decoded — CRCs checked — by @smithy/eventstream-codec, so bytes can arrive in any pieces.
 */
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { eventFromMessage } from "./sdk-shape.js";
import type { StreamEvent } from "./types.js";

const PRELUDE = 12;
/** The spec's limit for one message (16 MiB); anything larger is not an event stream. */
const MAX_MESSAGE = 16 * 1024 * 1024;

export class EventStreamFormatError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "EventStreamFormatError";
  }
}

export interface EventStreamDecoder {
  /** Adds bytes; returns the events of every message now complete. */
  push(bytes: Uint8Array): StreamEvent[];
  /** Checks nothing is left over (a truncated last message is an error). */
  end(): void;
}

export function createEventStreamDecoder(): EventStreamDecoder {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  let buffer: Uint8Array = new Uint8Array(0);
  let consumed = 0;

  return {
    push(bytes) {
      buffer = buffer.byteLength === 0 ? bytes : concat(buffer, bytes);
      const events: StreamEvent[] = [];
      let at = 0;
      while (buffer.byteLength - at >= PRELUDE) {
        const view = new DataView(buffer.buffer, buffer.byteOffset + at, 4);
        const total = view.getUint32(0, false);
        if (total < PRELUDE + 4 || total > MAX_MESSAGE) {
          throw new EventStreamFormatError(
            `Not an event stream: a message at byte ${consumed + at} claims a length of ${total} bytes.`,
            consumed + at,
          );
        }
        if (buffer.byteLength - at < total) break;
        const frame = buffer.subarray(at, at + total);
        let message: ReturnType<EventStreamCodec["decode"]>;
        try {
          message = codec.decode(frame);
        } catch (err) {
          throw new EventStreamFormatError(
            `Corrupt event-stream message at byte ${consumed + at}: ${(err as Error).message}`,
            consumed + at,
          );
        }
        events.push(eventFromMessage(message.headers, toUtf8(message.body)));
        at += total;
      }
      consumed += at;
      buffer = buffer.subarray(at);
      return events;
    },
    end() {
      if (buffer.byteLength > 0) {
        throw new EventStreamFormatError(
          `The event stream ends inside a message: ${buffer.byteLength} bytes left over at byte ${consumed}.`,
          consumed,
        );
      }
    },
  };
}

/** A whole body at once. */
export function decodeEventStream(body: Uint8Array): StreamEvent[] {
  const decoder = createEventStreamDecoder();
  const events = decoder.push(body);
  decoder.end();
  return events;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
