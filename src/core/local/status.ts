import { stat } from "node:fs/promises";
import { createAwsClients } from "../../aws/clients.js";
import { LOCAL_CREDENTIALS, LOCAL_DEFAULT_REGION } from "../../aws/target-settings.js";
import { openLocalEmulator } from "./open-local-emulator.js";
import { dbFiles, resolveDbPath } from "./paths.js";
import { findRunningServer } from "./server-record.js";

export interface LocalStatus {
  running: boolean;
  endpoint?: string;
  pid?: number;
  startedAt?: string;
  region?: string;
  dbPath: string;
  dbExists: boolean;
  /** The database with its WAL and shared-memory files. */
  dbBytes: number;
  /** Agents in the emulator's state (absent when there is no state yet). */
  agents?: number;
}

export interface LocalStatusOptions {
  vars: Readonly<Record<string, string | undefined>>;
  cwd: string;
  db?: string;
}

/**
 * Whether a `local serve` runs for this project, and what state it (or the
 * next in-process emulator) holds. Agents are counted through the SDK like any
 * other client would, so the figure is what `ListAgents` returns.
 */
export async function localStatus(projectDir: string, options: LocalStatusOptions): Promise<LocalStatus> {
  const running = await findRunningServer(projectDir);
  const dbPath = running?.health.dbPath ?? resolveDbPath(projectDir, options.cwd, options.vars, options.db);
  const dbBytes = await sizeOf(dbFiles(dbPath));
  const dbExists = dbBytes !== undefined;
  const status: LocalStatus = {
    running: running !== undefined,
    ...(running
      ? {
          endpoint: running.record.endpoint,
          pid: running.record.pid,
          startedAt: running.health.startedAt,
          region: running.health.region,
        }
      : {}),
    dbPath,
    dbExists,
    dbBytes: dbBytes ?? 0,
  };
  if (!running && !dbExists) return status;

  await using emulator = await openLocalEmulator(projectDir, {
    vars: options.vars,
    cwd: options.cwd,
    ...(options.db ? { db: options.db } : {}),
    region: LOCAL_DEFAULT_REGION,
  });
  return { ...status, agents: await countAgents(emulator.endpoint, emulator.region) };
}

async function countAgents(endpoint: string, region: string): Promise<number> {
  const clients = createAwsClients({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    const client = await clients.bedrockAgent();
    const { paginateListAgents } = await import("@aws-sdk/client-bedrock-agent");
    let count = 0;
    for await (const page of paginateListAgents({ client, pageSize: 100 }, {})) {
      count += page.agentSummaries?.length ?? 0;
    }
    return count;
  } finally {
    clients.destroy();
  }
}

/** Total size of the files that exist; undefined when none does. */
async function sizeOf(files: string[]): Promise<number | undefined> {
  let total: number | undefined;
  for (const file of files) {
    try {
      total = (total ?? 0) + (await stat(file)).size;
    } catch {
      // absent companion files are normal
    }
  }
  return total;
}
