import { createWriteStream, type WriteStream } from "node:fs";

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

export function openAccessLog(file: string): AccessLog {
  const stream: WriteStream = createWriteStream(file, { flags: "a" });
  // A broken log file must not take the emulator down; the failure shows on close.
  let failure: Error | undefined;
  stream.on("error", (err) => {
    failure = err;
  });
  return {
    record(entry) {
      if (!failure) stream.write(`${JSON.stringify(entry)}\n`);
    },
    close() {
      return new Promise((resolve) => {
        if (failure || stream.destroyed) return resolve();
        stream.end(() => resolve());
      });
    },
  };
}
