import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import { AwsError, validationError } from "../aws-error.js";

/** What every service handler sees, whichever HTTP version carried it. */
export interface NormalisedRequest {
  method: string;
  /** The path as received, without the query string. */
  path: string;
  /** Split on "/" (after the leading one) and then percent-decoded one by one (§1.2). */
  segments: string[];
  /** Repeated keys (e.g. `tagKeys`) become arrays. */
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The id the response will carry in `x-amzn-RequestId`, for protocols that repeat it in the body (awsQuery). */
  requestId?: string;
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Past this much an oversized upload is cut off instead of drained, so a hostile client cannot pin the server. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

export function splitTarget(target: string): { path: string; queryText: string } {
  let rest = target;
  // Absolute-form request targets ("http://host/path") are legal in HTTP/1.1.
  if (!rest.startsWith("/")) {
    const schemeEnd = rest.indexOf("://");
    const pathStart = schemeEnd >= 0 ? rest.indexOf("/", schemeEnd + 3) : -1;
    rest = pathStart >= 0 ? rest.slice(pathStart) : "/";
  }
  const q = rest.indexOf("?");
  return q < 0 ? { path: rest, queryText: "" } : { path: rest.slice(0, q), queryText: rest.slice(q + 1) };
}

export function decodeSegments(path: string): string[] {
  const raw = path.split("/").slice(1);
  try {
    return raw.map((segment) => decodeURIComponent(segment));
  } catch {
    throw validationError(`The request path ${path} is not valid percent-encoding.`);
  }
}

export function parseQuery(queryText: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (queryText === "") return query;
  for (const [key, value] of new URLSearchParams(queryText)) {
    const previous = query[key];
    if (previous === undefined) query[key] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else query[key] = [previous, value];
  }
  return query;
}

const tooLarge = (): AwsError =>
  new AwsError(
    "RequestEntityTooLargeException",
    413,
    `The request body exceeds the emulator's limit of ${MAX_BODY_BYTES} bytes.`,
  );

const stalled = (stallMs: number): AwsError =>
  new AwsError(
    "RequestTimeoutException",
    408,
    `The request body stopped arriving: nothing for ${stallMs} ms. The emulator gave up waiting for the rest.`,
  );

/**
 * Reads the body without ever holding more than the limit: past it, the rest is
 * read and dropped (so the client gets a clean 413 rather than a reset), up to
 * a drain cap after which reading stops; the server then closes the connection.
 * A body that goes silent for `stallMs` is abandoned the same way, with a 408
 * (RequestTimeoutException: the SDKs retry it); 0 waits forever.
 */
export function readBody(stream: Readable, declaredLength: string | undefined, stallMs = 0): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const fail = (err: unknown): void => {
      clearTimeout(timer);
      timer = undefined;
      stream.pause();
      reject(err);
    };
    const declared = declaredLength === undefined ? Number.NaN : Number(declaredLength);
    if (declared > MAX_DRAIN_BYTES) {
      // Not worth draining: answer now; the server closes the connection after the reply.
      fail(tooLarge());
      return;
    }
    if (stallMs > 0) timer = setTimeout(() => fail(stalled(stallMs)), stallMs);
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = declared > MAX_BODY_BYTES;
    stream.on("data", (chunk: Buffer) => {
      timer?.refresh();
      size += chunk.length;
      if (size > MAX_BODY_BYTES) overflow = true;
      if (size > MAX_DRAIN_BYTES) {
        fail(tooLarge());
        return;
      }
      if (!overflow) chunks.push(chunk);
    });
    stream.on("end", () => {
      clearTimeout(timer);
      if (overflow) reject(tooLarge());
      else resolve(Buffer.concat(chunks, size));
    });
    stream.on("error", (err) => fail(err));
  });
}
