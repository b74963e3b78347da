/**
 * `agentctl local serve`: the emulator as a long-running loopback server for
 * other tools. Runs until `signal` aborts, then stops cleanly and withdraws its
 * server.json record.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { RuntimeOptions } from "../../emulator/runtime/service.js";
import { FailedError, UsageError } from "../../errors.js";
import { findRunningServer, removeServerRecord, writeServerRecord } from "./server-record.js";
import type { EmulatorTuning } from "./tuning.js";

export interface ServeOptions extends EmulatorTuning {
  projectDir: string;
  dbPath: string;
  region: string;
  /** 0 or undefined: a free port. */
  port?: number;
  accessLogFile?: string;
  /** The pid written to server.json (the serving process). */
  pid: number;
  /** Credentials other tools should use; printed, never real ones. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** How agents run (local/runtime-options.ts). */
  runtime?: RuntimeOptions;
}

export interface ServeInfo {
  endpoint: string;
  port: number;
  region: string;
  dbPath: string;
  pid: number;
  startedAt: string;
  /** The environment that points boto3, the AWS CLI and the SDKs at this server. */
  exports: Record<string, string>;
  /** Variables to unset so no real identity is mixed in (the JS SDK prefers AWS_PROFILE over keys). */
  unset: string[];
}

export async function serveLocal(
  options: ServeOptions,
  signal: AbortSignal,
  onReady: (info: ServeInfo) => void,
): Promise<ServeInfo> {
  const existing = await findRunningServer(options.projectDir);
  if (existing) {
    throw new FailedError(
      `An emulator is already serving this project at ${existing.record.endpoint} (pid ${existing.record.pid}).`,
      "Use that one (agentctl local status shows it), or stop it before starting another.",
    );
  }
  await mkdir(path.dirname(options.dbPath), { recursive: true });
  const { startEmulator } = await import("../../emulator/index.js");
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({
      dbPath: options.dbPath,
      port: options.port ?? 0,
      region: options.region,
      ...(options.latency ? { latency: options.latency } : {}),
      ...(options.faults ? { faults: options.faults } : {}),
      ...(options.accessLogFile ? { accessLogFile: options.accessLogFile } : {}),
      ...(options.runtime ? { runtime: options.runtime } : {}),
    });
  } catch (err) {
    throw explainStartFailure(err, options);
  }

  const info: ServeInfo = {
    endpoint: emulator.endpoint,
    port: emulator.port,
    region: emulator.region,
    dbPath: emulator.dbPath,
    pid: options.pid,
    startedAt: new Date().toISOString(),
    exports: exportsFor(emulator.endpoint, emulator.region, options.credentials),
    unset: ["AWS_PROFILE", "AWS_SESSION_TOKEN"],
  };
  try {
    await writeServerRecord(options.projectDir, {
      pid: info.pid,
      endpoint: info.endpoint,
      port: info.port,
      dbPath: info.dbPath,
      startedAt: info.startedAt,
      region: info.region,
    });
    if (!signal.aborted) {
      onReady(info);
      await abortion(signal);
    }
  } finally {
    await emulator.close();
    await removeServerRecord(options.projectDir, info.pid);
  }
  return info;
}

export function exportsFor(
  endpoint: string,
  region: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_BEDROCK_AGENT: endpoint,
    AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME: endpoint,
    AWS_ENDPOINT_URL_SFN: endpoint,
    AWS_ENDPOINT_URL_IAM: endpoint,
    AWS_ENDPOINT_URL_STS: endpoint,
    AWS_ENDPOINT_URL_LAMBDA: endpoint,
    AWS_ENDPOINT_URL_SNS: endpoint,
    AWS_REGION: region,
    // boto3 and the AWS CLI read this one, the JS SDK the one above (aws-behaviour.md §7.1).
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  };
}

function abortion(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

function explainStartFailure(err: unknown, options: ServeOptions): Error {
  const errno = err as (NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }) | undefined;
  const code = errno?.code ?? errno?.cause?.code;
  if (code === "EADDRINUSE") {
    return new UsageError(
      `Port ${options.port} on 127.0.0.1 is already in use.`,
      "Choose another with --port, or leave --port out to take a free one.",
    );
  }
  if (code === "EACCES") {
    return new UsageError(
      `Not allowed to listen on port ${options.port}.`,
      "Ports below 1024 need privileges; choose one above 1024 or leave --port out.",
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}
