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
 * Each line is written synchronously as the request ends, so a reader (a test counting
 * requests, `tail -f`) sees every request that was answered, and a SIGKILLed emulator
 * loses none; one small append per request costs microseconds.
 */
export function openAccessLog(file: string): AccessLog {
  let fd: number | undefined = openSync(file, "a");
  // A broken log file must not take the emulator down: logging just stops.
  return {
    record(entry) {
      if (fd === undefined) return;
      try {
        writeSync(fd, `${JSON.stringify(entry)}\n`);
      } catch {
        closeQuietly(fd);
        fd = undefined;
      }
    },
    async close() {
      if (fd !== undefined) closeQuietly(fd);
      fd = undefined;
    },
  };
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already gone
  }
}
