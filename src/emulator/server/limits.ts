/**
 * How long the server waits on a client before giving up on it. Internal: the
 * defaults suit every real client; tests shorten them through
 * `startEmulator(options, { serverLimits })` rather than the public options.
 */
export interface ServerLimits {
  /**
   * A connection's first bytes, and then each request's complete headers, must
   * arrive within this long of the connection opening or the previous response
   * finishing. Past it a half-sent request gets `408 RequestTimeoutException`
   * and the connection is closed; a connection that sent nothing is just closed.
   */
  headersMs: number;
  /** Longest silence while a request body is still arriving (→ 408, connection or stream closed). */
  bodyStallMs: number;
  /** HTTP/1.1 keep-alive: an idle connection is closed after this (Node adds its own 1 s margin). */
  keepAliveMs: number;
  /** An HTTP/2 session with no frames for this long and no request in progress is closed (GOAWAY). */
  h2IdleMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersMs: 30_000,
  bodyStallMs: 60_000,
  keepAliveMs: 5_000,
  h2IdleMs: 60_000,
};

export function resolveServerLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_SERVER_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`Server limit ${name} must be a positive number of milliseconds, not ${value}.`);
  }
  return limits;
}
