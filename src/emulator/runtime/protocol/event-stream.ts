/**
 * The InvokeAgent response body (aws-behaviour.md §1.4): `application/vnd.amazon.eventstream`
 * messages, encoded with the same codec the SDKs decode with. Every header is a string.
 */
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";

const codec = new EventStreamCodec(toUtf8, fromUtf8);

export type EventKind = "chunk" | "trace" | "returnControl" | "files";

/** The modeled exception members of ResponseStream (lower camel, §0 fact 4). */
export type StreamExceptionName =
  | "accessDeniedException"
  | "badGatewayException"
  | "conflictException"
  | "dependencyFailedException"
  | "internalServerException"
  | "modelNotReadyException"
  | "resourceNotFoundException"
  | "serviceQuotaExceededException"
  | "throttlingException"
  | "validationException";

const str = (value: string) => ({ type: "string" as const, value });

export function eventMessage(kind: EventKind, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ":message-type": str("event"),
      ":event-type": str(kind),
      ":content-type": str("application/json"),
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

export function exceptionMessage(name: StreamExceptionName, body: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ":message-type": str("exception"),
      ":exception-type": str(name),
      ":content-type": str("application/json"),
    },
    body: fromUtf8(JSON.stringify(body)),
  });
}

/** `chunk` payloads carry the answer as base64 inside the JSON (no member is bound to the raw payload). */
export function chunkMessage(text: string): Uint8Array {
  return eventMessage("chunk", { bytes: Buffer.from(text, "utf8").toString("base64") });
}
