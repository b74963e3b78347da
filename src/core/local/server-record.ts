/**
 * `.agentctl/server.json` tells other agentctl processes that `local serve` is
 * running for this project, so they use it instead of starting their own emulator.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type EmulatorHealth, fetchHealth } from "./health.js";
import { serverRecordPath } from "./paths.js";

export interface ServerRecord {
  pid: number;
  endpoint: string;
  port: number;
  dbPath: string;
  startedAt: string;
  region?: string;
}

export interface RunningServer {
  record: ServerRecord;
  health: EmulatorHealth;
}

export async function readServerRecord(projectDir: string): Promise<ServerRecord | undefined> {
  let text: string;
  try {
    text = await readFile(serverRecordPath(projectDir), "utf8");
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<ServerRecord>;
    if (typeof value.pid === "number" && typeof value.endpoint === "string") return value as ServerRecord;
  } catch {
    // A half-written or hand-edited file is as good as none; findRunningServer removes it.
  }
  return undefined;
}

/** Written atomically (temp file + rename) so a reader never sees half a record. */
export async function writeServerRecord(projectDir: string, record: ServerRecord): Promise<void> {
  const file = serverRecordPath(projectDir);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${record.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`);
  await rename(temp, file);
}

/** Removes the record only if it is still ours: a newer server may have replaced it. */
export async function removeServerRecord(projectDir: string, pid: number): Promise<void> {
  const current = await readServerRecord(projectDir);
  if (current === undefined || current.pid === pid) {
    await rm(serverRecordPath(projectDir), { force: true });
  }
}

/**
 * The running `local serve` for this project, verified twice: its process is
 * alive AND its health endpoint answers with the same pid (a recycled pid or a
 * different program on the port does not count). A stale record is deleted.
 */
export async function findRunningServer(projectDir: string): Promise<RunningServer | undefined> {
  const file = serverRecordPath(projectDir);
  const record = await readServerRecord(projectDir);
  if (record === undefined) {
    await rm(file, { force: true });
    return undefined;
  }
  if (isProcessAlive(record.pid)) {
    const health = await fetchHealth(record.endpoint);
    if (health?.pid === record.pid) return { record, health };
  }
  await removeServerRecord(projectDir, record.pid);
  return undefined;
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
