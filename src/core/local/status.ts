import { stat } from "node:fs/promises";
import { type AwsClients, createAwsClients } from "../../aws/clients.js";
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
  /** State machines, and their executions still RUNNING (absent when there is no state yet). */
  stateMachines?: number;
  runningExecutions?: number;
}

export interface LocalStatusOptions {
  vars: Readonly<Record<string, string | undefined>>;
  cwd: string;
  db?: string;
}

/**
 * Whether a `local serve` runs for this project, and what state it (or the
 * next in-process emulator) holds. Agents, state machines and running executions are
 * counted through the SDK like any other client would, so the figures are what
 * ListAgents, ListStateMachines and ListExecutions return.
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
  const clients = createAwsClients({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  try {
    const [agents, workflows] = await Promise.all([countAgents(clients), countWorkflows(clients)]);
    return { ...status, agents, ...workflows };
  } finally {
    clients.destroy();
  }
}

async function countAgents(clients: AwsClients): Promise<number> {
  const client = await clients.bedrockAgent();
  const { paginateListAgents } = await import("@aws-sdk/client-bedrock-agent");
  let count = 0;
  for await (const page of paginateListAgents({ client, pageSize: 100 }, {})) {
    count += page.agentSummaries?.length ?? 0;
  }
  return count;
}

async function countWorkflows(
  clients: AwsClients,
): Promise<{ stateMachines: number; runningExecutions: number }> {
  const client = await clients.sfn();
  const { paginateListStateMachines, paginateListExecutions } = await import("@aws-sdk/client-sfn");
  const arns: string[] = [];
  for await (const page of paginateListStateMachines({ client, pageSize: 100 }, {})) {
    for (const m of page.stateMachines ?? []) if (m.stateMachineArn) arns.push(m.stateMachineArn);
  }
  let runningExecutions = 0;
  for (const stateMachineArn of arns) {
    const pages = paginateListExecutions(
      { client, pageSize: 100 },
      { stateMachineArn, statusFilter: "RUNNING" },
    );
    for await (const page of pages) runningExecutions += page.executions?.length ?? 0;
  }
  return { stateMachines: arns.length, runningExecutions };
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
