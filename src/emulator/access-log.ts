import { closeSync, openSync, writeSync } from "node:fs";

/**
 * One NDJSON line per request. Deliberately no headers, bodies or query strings:
 * those carry SigV4 signatures, session tokens and sensitive members.
 */
export interface AccessLogEntry {
  time: string;
  operation: string;
  status: number;
  durationMs: number;
  requestId: string;
  errorType?: string;
}

export interface AccessLog {
  record(entry: AccessLogEntry): void;
  close(): Promise<void>;
}

export const NO_ACCESS_LOG: AccessLog = { record() {}, close: async () => {} };

/**
 * Each line is written synchronously, before the reply leaves: a test or bench that counts the
 * requests a command made reads the file right after it returns and sees every one (a write
 * stream flushed later, so a reader could miss the last requests).
 */
export function openAccessLog(file: string): AccessLog {
  // A broken log file must not take the emulator down: it just is not written.
  let fd: number | undefined;
  try {
    fd = openSync(file, "a");
  } catch {
    fd = undefined;
  }
  let failed = fd === undefined;
  let closed = false;
  return {
    record(entry) {
      if (failed || closed || fd === undefined) return;
      try {
        writeSync(fd, `${JSON.stringify(entry)}\n`);
      } catch {
        failed = true;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (fd !== undefined) closeSync(fd);
    },
  };
}
