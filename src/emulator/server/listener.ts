import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import http2, { type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from "node:http2";
import net, { type Socket } from "node:net";
import { PrefixedSocket } from "./prefixed-socket.js";
import type { Reply } from "./reply.js";

/** Answers one request; never throws (errors are replies). */
export type HttpHandler = (
  req: IncomingMessage | Http2ServerRequest,
) => Promise<Reply & { requestId: string }>;

export interface Listener {
  port: number;
  close(): Promise<void>;
}

const HTTP2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
/** A connection that never says anything is dropped rather than held forever. */
const SNIFF_TIMEOUT_MS = 30_000;
const CLOSE_GRACE_MS = 2_000;
const MALFORMED_BODY = JSON.stringify({ message: "The request is not well-formed HTTP." });
const malformedHttpResponse = (): string =>
  [
    "HTTP/1.1 400 Bad Request",
    "Content-Type: application/json",
    `x-amzn-RequestId: ${randomUUID()}`,
    "x-amzn-ErrorType: SerializationException",
    `Content-Length: ${Buffer.byteLength(MALFORMED_BODY)}`,
    "Connection: close",
    "",
    MALFORMED_BODY,
  ].join("\r\n");

/**
 * One loopback port for HTTP/1.1 (boto3, the CLI, most SDK clients) and
 * cleartext HTTP/2 with prior knowledge (the JS bedrock-agent-runtime client,
 * aws-behaviour.md §1.5): the first bytes of each connection pick the server.
 */
export async function listen(port: number, handler: HttpHandler): Promise<Listener> {
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const onRequest = async (
    req: IncomingMessage | Http2ServerRequest,
    res: ServerResponse | Http2ServerResponse,
  ): Promise<void> => {
    inFlight++;
    try {
      const reply = await handler(req);
      await writeReply(res, reply, req.httpVersionMajor === 1);
    } catch {
      // The client went away mid-response; nothing left to tell it.
      res.destroy();
    } finally {
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  };

  const h1 = http.createServer({ keepAliveTimeout: 5_000 }, onRequest);
  // Bytes that are not HTTP at all still get an AWS-shaped answer, never an empty reset.
  h1.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end(malformedHttpResponse());
    socket.destroy();
  });
  const h2 = http2.createServer({}, onRequest);
  h2.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
    session.on("error", () => session.destroy());
  });

  const tcp = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.setTimeout(SNIFF_TIMEOUT_MS, () => socket.destroy());
    let head: Buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      const n = Math.min(head.length, HTTP2_PREFACE.length);
      const couldBeHttp2 = head.subarray(0, n).equals(HTTP2_PREFACE.subarray(0, n));
      if (couldBeHttp2 && head.length < HTTP2_PREFACE.length) return; // need more bytes to decide
      socket.off("data", onData);
      socket.pause();
      socket.setTimeout(0);
      if (couldBeHttp2) {
        h2.emit("connection", new PrefixedSocket(socket, head));
      } else {
        socket.unshift(head);
        h1.emit("connection", socket);
        socket.resume();
      }
    };
    socket.on("data", onData);
  });

  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(port, "127.0.0.1", () => {
      tcp.off("error", reject);
      resolve();
    });
  });
  const address = tcp.address();
  if (address === null || typeof address === "string")
    throw new Error("The emulator's listener has no port.");

  return {
    port: address.port,
    async close() {
      const stopped = new Promise<void>((resolve) => tcp.close(() => resolve()));
      h1.closeIdleConnections();
      for (const session of sessions) session.close();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            idle = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
        ]);
      }
      for (const socket of sockets) socket.destroy();
      await stopped;
    },
  };
}

async function writeReply(
  res: ServerResponse | Http2ServerResponse,
  reply: Reply & { requestId: string },
  http1: boolean,
): Promise<void> {
  const headers: Record<string, string | number> = { ...reply.headers, "x-amzn-RequestId": reply.requestId };
  // After a 413 part of the body may still be unread; only a fresh connection is safe.
  if (http1 && reply.status === 413) headers.Connection = "close";
  const body = reply.body;
  if (body === undefined || Buffer.isBuffer(body)) {
    headers["Content-Length"] = body?.length ?? 0;
    (res as ServerResponse).writeHead(reply.status, headers);
    (res as ServerResponse).end(body);
    return;
  }
  (res as ServerResponse).writeHead(reply.status, headers);
  for await (const chunk of body) {
    if (!(res as ServerResponse).write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          res.off("close", onClose);
          resolve();
        };
        const onClose = (): void => {
          res.off("drain", onDrain);
          reject(new Error("client closed the stream"));
        };
        res.once("drain", onDrain);
        res.once("close", onClose);
      });
    }
  }
  (res as ServerResponse).end();
}
