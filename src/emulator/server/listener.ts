import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2Server, Http2ServerRequest, Http2ServerResponse, Http2Session } from "node:http2";
import net, { type Socket } from "node:net";
import { http, http2 } from "../../node-http.js";
import { closeStreamAfterResponse, trackSession } from "./h2-sessions.js";
import { guardHttp1Socket, type Http1Guard, rawErrorResponse } from "./http1-guard.js";
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from "./limits.js";
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
const CLOSE_GRACE_MS = 2_000;
const malformedHttpResponse = (): string =>
  rawErrorResponse("400 Bad Request", "SerializationException", "The request is not well-formed HTTP.");

/**
 * One loopback port for HTTP/1.1 (boto3, the CLI, most SDK clients) and
 * cleartext HTTP/2 with prior knowledge (the JS bedrock-agent-runtime client,
 * aws-behaviour.md §1.5): the first bytes of each connection pick the server.
 */
export async function listen(
  port: number,
  handler: HttpHandler,
  limits: ServerLimits = DEFAULT_SERVER_LIMITS,
): Promise<Listener> {
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  const guards = new WeakMap<Socket, Http1Guard>();
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const onRequest = async (
    req: IncomingMessage | Http2ServerRequest,
    res: ServerResponse | Http2ServerResponse,
  ): Promise<void> => {
    inFlight++;
    const guard = req.httpVersionMajor === 1 ? guards.get(req.socket as Socket) : undefined;
    guard?.requestStarted();
    try {
      const reply = await handler(req);
      await writeReply(req, res, reply);
    } catch {
      // The client went away mid-response; nothing left to tell it.
      res.destroy();
    } finally {
      guard?.requestFinished();
      inFlight--;
      if (inFlight === 0) idle?.();
    }
  };

  const h1 = http.createServer({ keepAliveTimeout: limits.keepAliveMs }, onRequest);
  // Bytes that are not HTTP at all still get an AWS-shaped answer, never an empty reset.
  h1.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end(malformedHttpResponse());
    socket.destroy();
  });
  // Made by the first HTTP/2 connection: loading node:http2 is not free, and most clients never ask.
  let h2: Http2Server | undefined;
  const h2Server = (): Http2Server => {
    if (!h2) {
      h2 = http2().createServer({}, onRequest);
      h2.on("session", (session) => trackSession(session, sessions, limits.h2IdleMs));
    }
    return h2;
  };

  const tcp = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    // A connection that never says anything is dropped rather than held forever.
    socket.setTimeout(limits.headersMs, () => socket.destroy());
    let head: Buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      const n = Math.min(head.length, HTTP2_PREFACE.length);
      const couldBeHttp2 = head.subarray(0, n).equals(HTTP2_PREFACE.subarray(0, n));
      if (couldBeHttp2 && head.length < HTTP2_PREFACE.length) return; // need more bytes to decide
      socket.off("data", onData);
      socket.pause();
      // From here the protocol's own limits apply: the HTTP/1.1 guard, the HTTP/2 session timer.
      socket.setTimeout(0);
      if (couldBeHttp2) {
        h2Server().emit("connection", new PrefixedSocket(socket, head));
      } else {
        socket.unshift(head);
        guards.set(socket, guardHttp1Socket(socket, limits.headersMs));
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
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
  reply: Reply & { requestId: string },
): Promise<void> {
  const headers: Record<string, string | number> = { ...reply.headers, "x-amzn-RequestId": reply.requestId };
  // Answered before the request body was all read (413 cut-off, 408 stall): the
  // rest of it is still on the wire, so the connection or stream cannot be reused.
  const unfinished = !req.complete;
  if (req.httpVersionMajor === 1 && (unfinished || reply.status === 413)) headers.Connection = "close";
  if (unfinished && req.httpVersionMajor === 2) closeStreamAfterResponse(req as Http2ServerRequest);
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
