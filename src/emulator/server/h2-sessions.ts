import type { Http2ServerRequest, Http2Session } from "node:http2";
import { http2 } from "../../node-http.js";

/** How long a session told to go away (GOAWAY) may take to finish before it is cut. */
const GOAWAY_GRACE_MS = 2_000;

/**
 * Keeps `sessions` current and closes a session that has exchanged no frames
 * for `idleMs` while no request is in progress: Node's Http2Server sets no such
 * limit (its `timeout` is 0), so a client that opens a session, or starts a
 * stream's headers, and goes quiet would hold it forever. GOAWAY first, so a
 * client racing a new request is told to retry elsewhere; destroyed if it lingers.
 */
export function trackSession(session: Http2Session, sessions: Set<Http2Session>, idleMs: number): void {
  sessions.add(session);
  let streams = 0;
  session.on("stream", (stream) => {
    streams++;
    stream.once("close", () => streams--);
  });
  session.on("close", () => sessions.delete(session));
  session.on("error", () => session.destroy());
  session.setTimeout(idleMs, () => {
    // A slow handler is not idleness; its response's frames restart the clock.
    if (streams > 0 || session.closed || session.destroyed) return;
    session.close();
    setTimeout(() => session.destroy(), GOAWAY_GRACE_MS).unref();
  });
}

/**
 * The answer went out before the request body was all received (413 cut-off,
 * 408 stall): once the response is written, reset the stream with NO_ERROR, the
 * HTTP/2 way of saying "stop sending, the response is complete" (RFC 9113
 * §8.1). Node closes such a stream by itself only if its body was never read
 * (Http2Stream's kMaybeDestroy); ours was, so without this the half-received
 * stream would stay open on the session. The stream's 'finish' (not the
 * response's, which Node emits only once the stream has closed) means every
 * DATA frame was handed on; setImmediate mirrors Node's own deferral.
 */
export function closeStreamAfterResponse(req: Http2ServerRequest): void {
  const stream = req.stream;
  stream.once("finish", () =>
    setImmediate(() => {
      if (!stream.destroyed) stream.close(http2().constants.NGHTTP2_NO_ERROR);
    }),
  );
}
