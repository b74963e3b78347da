import { mkdir } from "node:fs/promises";
import path from "node:path";
import { startEmulatorThread } from "./emulator-thread.js";
import { resolveDbPath } from "./paths.js";
import { findRunningServer } from "./server-record.js";
import { readEmulatorTuning } from "./tuning.js";

export interface OpenLocalEmulatorOptions {
  /** The environment (ctx.env.vars): AGENTCTL_EMULATOR_DB, _LATENCY, _FAULTS. */
  vars: Readonly<Record<string, string | undefined>>;
  /** Where relative `db` / AGENTCTL_EMULATOR_DB paths are resolved (ctx.env.cwd). */
  cwd: string;
  /** `--db`, beats AGENTCTL_EMULATOR_DB. */
  db?: string;
  /** Region of an emulator started here; a running server keeps its own. */
  region: string;
  /** Runs while an emulator of this process starts (at once when a running one is used). */
  whileStarting?: () => void;
}

export interface LocalEmulator {
  endpoint: string;
  region: string;
  dbPath: string;
  /** True when this is a `local serve` of the project, which close() leaves running. */
  shared: boolean;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The emulator a command should talk to: the project's running `local serve` if
 * there is one, otherwise a fresh emulator of this process (on a worker thread, see
 * emulator-thread.ts) on an ephemeral loopback port over the project's SQLite state,
 * stopped by close().
 */
export async function openLocalEmulator(
  projectDir: string,
  options: OpenLocalEmulatorOptions,
): Promise<LocalEmulator> {
  const running = await findRunningServer(projectDir);
  if (running) {
    options.whileStarting?.();
    const done = async () => {};
    return {
      endpoint: running.record.endpoint,
      region: running.health.region,
      dbPath: running.health.dbPath,
      shared: true,
      close: done,
      [Symbol.asyncDispose]: done,
    };
  }

  const dbPath = resolveDbPath(projectDir, options.cwd, options.vars, options.db);
  const tuning = await readEmulatorTuning(options.vars);
  await mkdir(path.dirname(dbPath), { recursive: true });
  const emulator = await startEmulatorThread(
    {
      dbPath,
      region: options.region,
      ...tuning,
      projectDir,
      vars: options.vars,
    },
    options.whileStarting,
  );
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= emulator.close();
    return closing;
  };
  return {
    endpoint: emulator.endpoint,
    region: emulator.region,
    dbPath: emulator.dbPath,
    shared: false,
    close,
    [Symbol.asyncDispose]: close,
  };
}
