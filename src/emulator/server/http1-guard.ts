import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";

/**
 * An AWS-shaped error written straight to a socket, for the cases where no
 * request object exists to answer through (unparseable bytes, headers that
 * never end). Always closes the connection.
 */
export function rawErrorResponse(status: string, errorType: string, message: string): string {
  const body = JSON.stringify({ message });
  return [
    `HTTP/1.1 ${status}`,
    "Content-Type: application/json",
    `x-amzn-RequestId: ${randomUUID()}`,
    `x-amzn-ErrorType: ${errorType}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

export interface Http1Guard {
  /** A request's headers arrived: stop the headers clock. */
  requestStarted(): void;
  /** Its response finished: the connection idles until the next request's headers. */
  requestFinished(): void;
}

/**
 * The headers deadline of one HTTP/1.1 connection. Node's http.Server arms
 * `headersTimeout`/`requestTimeout` only in its own 'listening' handler
 * (verified on Node 20, 22 and 24: a server fed sockets through emit('connection')
 * and never listen()ed ignores both), and our sockets come from the protocol
 * sniffer, so without this a client that sends half a request holds its socket
 * forever. Emitting 'listening' on the inner server would arm Node's tracking,
 * but that is undocumented wiring; this uses public socket state only.
 *
 * The clock runs while no request is in progress: from the hand-over, and again
 * from each response's end (keep-alive). When it fires, a connection that sent
 * part of a request gets `408 RequestTimeoutException` (retried by the SDKs);
 * one that sent nothing since its last response is simply closed. Node's own
 * keepAliveTimeout usually closes those first.
 */
export function guardHttp1Socket(socket: Socket, headersMs: number): Http1Guard {
  let inProgress = 0;
  // Bytes seen when the clock started: more at the deadline = a half-sent request.
  // Zero for the first request, whose first bytes the sniffer already read.
  let bytesAtIdle = 0;
  let timer: NodeJS.Timeout | undefined;

  const expire = (): void => {
    if (socket.destroyed) return;
    if (socket.bytesRead > bytesAtIdle && socket.writable) {
      const message = `The request headers did not arrive within ${headersMs} ms; the emulator closed the connection.`;
      socket.end(rawErrorResponse("408 Request Timeout", "RequestTimeoutException", message), () =>
        socket.destroy(),
      );
    } else {
      socket.destroy();
    }
  };
  const start = (): void => {
    clearTimeout(timer);
    timer = setTimeout(expire, headersMs).unref();
  };
  socket.once("close", () => clearTimeout(timer));
  start();

  return {
    requestStarted() {
      inProgress++;
      clearTimeout(timer);
    },
    requestFinished() {
      inProgress--;
      // A pipelined request may already be in progress; its own finish restarts the clock.
      if (inProgress > 0 || socket.destroyed) return;
      bytesAtIdle = socket.bytesRead;
      start();
    },
  };
}
