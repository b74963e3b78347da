/**
 * The messages between a command and the emulator it runs on a worker thread
 * (emulator-thread.ts ⇄ emulator-worker.ts). Only plain data crosses: the runtime's
 * callbacks are rebuilt inside the thread from the project directory and the environment.
 */
import type { Latency } from "./tuning.js";

export interface EmulatorThreadSettings {
  dbPath: string;
  region: string;
  latency?: Latency;
  faults?: string;
  /** Where model scripts and local handlers named in agent tags resolve (runtime-options.ts). */
  projectDir: string;
  vars: Readonly<Record<string, string | undefined>>;
}

export type ToEmulatorThread = { type: "start"; settings: EmulatorThreadSettings } | { type: "close" };

export type FromEmulatorThread =
  | { type: "started"; endpoint: string; region: string; dbPath: string }
  | { type: "failed"; error: SerializedError }
  | { type: "closed" };

/** An error as it crosses the thread boundary: what the command's error mapping reads. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Node system errors (code, syscall, path) and SQLite's (code, errcode, errstr). */
  fields: Record<string, string | number>;
  cause?: SerializedError;
}

const FIELDS = ["code", "syscall", "path", "errno", "errcode", "errstr"];

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const key of FIELDS) {
    const value = (err as unknown as Record<string, unknown>)[key];
    if (typeof value === "string" || typeof value === "number") fields[key] = value;
  }
  return {
    name: err.name,
    message: err.message,
    ...(err.stack ? { stack: err.stack } : {}),
    fields,
    ...(err.cause !== undefined ? { cause: serializeError(err.cause) } : {}),
  };
}

export function deserializeError(data: SerializedError): Error {
  const err = new Error(
    data.message,
    data.cause ? { cause: deserializeError(data.cause) } : undefined,
  ) as Error & Record<string, unknown>;
  err.name = data.name;
  if (data.stack) err.stack = data.stack;
  Object.assign(err, data.fields);
  return err;
}
