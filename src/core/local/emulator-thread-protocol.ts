/**
 * The messages between a command and the emulator it runs on a worker thread
 * (emulator-thread.ts ⇄ emulator-worker.ts). Only plain data crosses: the runtime's
 * callbacks are rebuilt inside the thread from the project directory and the environment.
 */
import type { SerializedError } from "../../thread-errors.js";
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
