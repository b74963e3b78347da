/**
 * A command's own emulator runs on a worker thread: the command (the SDK client) and the
 * emulator (HTTP, validation, SQLite, the agent loop) then each have a core, and the thread can
 * load the emulator's modules while the command is still validating (prewarmEmulatorThread).
 * The thread runs the built dist/bundle/emulator-worker.js, from src/ under tests as well.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { packageFile } from "../../package-root.js";
import { deserializeError } from "../../thread-errors.js";
import type {
  EmulatorThreadSettings,
  FromEmulatorThread,
  ToEmulatorThread,
} from "./emulator-thread-protocol.js";

export interface EmulatorOnThread {
  endpoint: string;
  region: string;
  dbPath: string;
  /** Drains and stops the emulator, then ends the thread. */
  close(): Promise<void>;
}

const WORKER_FILE = packageFile("dist/bundle/emulator-worker.js");

/** A thread started ahead of need; it keeps nothing alive and is dropped with the process if unused. */
let prewarmed: { worker: Worker; ended: boolean } | undefined;

/** Starts loading the emulator now, for a command about to do other work before it needs one. */
export function prewarmEmulatorThread(): void {
  if (prewarmed || !existsSync(WORKER_FILE)) return;
  const warm = { worker: spawnThread(), ended: false };
  warm.worker.unref();
  // A thread that failed while loading is not adopted: start() spawns a fresh one, whose
  // failure it then reports.
  warm.worker.on("error", () => {});
  warm.worker.on("exit", () => {
    warm.ended = true;
  });
  prewarmed = warm;
}

/** Whether a prewarmed thread waits to be adopted: what a test can observe of prewarming. */
export function hasPrewarmedThread(): boolean {
  return prewarmed !== undefined && !prewarmed.ended;
}

/** `whileStarting` runs once the thread has been asked to start: work the caller can do meanwhile. */
export async function startEmulatorThread(
  settings: EmulatorThreadSettings,
  whileStarting?: () => void,
): Promise<EmulatorOnThread> {
  if (!existsSync(WORKER_FILE)) {
    throw new Error(
      `The emulator is not built (${fileURLToPath(WORKER_FILE)} is missing); run npm run build.`,
    );
  }
  const worker = prewarmed && !prewarmed.ended ? prewarmed.worker : spawnThread();
  prewarmed = undefined;
  worker.ref();
  const thread = new ThreadConnection(worker);
  const starting = thread.request({ type: "start", settings }, "started");
  whileStarting?.();
  const started = await starting.catch(async (err) => {
    await worker.terminate();
    throw err;
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= thread
      .request({ type: "close" }, "closed")
      .then(() => undefined)
      .finally(() => worker.terminate());
    return closing;
  };
  return { endpoint: started.endpoint, region: started.region, dbPath: started.dbPath, close };
}

function spawnThread(): Worker {
  return new Worker(WORKER_FILE);
}

type Reply<K extends FromEmulatorThread["type"]> = Extract<FromEmulatorThread, { type: K }>;

/** One request at a time, answered by the next message; a thread that dies fails what waits. */
class ThreadConnection {
  private waiting?: { resolve(message: FromEmulatorThread): void; reject(err: Error): void };
  private dead?: Error;

  constructor(private readonly worker: Worker) {
    worker.on("message", (message: FromEmulatorThread) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.resolve(message);
    });
    worker.on("error", (err) =>
      this.fail(new Error(`The local emulator stopped: ${err.message}`, { cause: err })),
    );
    worker.on("exit", (code) =>
      this.fail(new Error(`The local emulator's thread ended (exit code ${code}).`)),
    );
  }

  request<K extends FromEmulatorThread["type"]>(message: ToEmulatorThread, expect: K): Promise<Reply<K>> {
    if (this.dead) return Promise.reject(this.dead);
    // Replies carry no id: a second request in flight would take the first one's answer.
    if (this.waiting)
      return Promise.reject(new Error(`The local emulator is still answering; ${message.type} must wait.`));
    return new Promise<FromEmulatorThread>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(message);
    }).then((reply) => {
      if (reply.type === "failed") throw deserializeError(reply.error);
      if (reply.type !== expect) throw new Error(`The local emulator answered ${reply.type}, not ${expect}.`);
      return reply as Reply<K>;
    });
  }

  private fail(err: Error): void {
    this.dead ??= err;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(err);
  }
}
