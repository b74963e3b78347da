import { rm, stat } from "node:fs/promises";
import { postReset } from "./health.js";
import { dbFiles, resolveDbPath } from "./paths.js";
import { findRunningServer } from "./server-record.js";

export interface ResetTarget {
  /** The state that will be wiped. */
  dbPath: string;
  /** A running `local serve` wipes its own state (its open database cannot be deleted under it). */
  serverEndpoint?: string;
  /** Whether there is anything to delete (a server, or any of the database files). */
  hasState: boolean;
}

export interface ResetResult extends ResetTarget {
  via: "server" | "files" | "nothing";
  removedFiles: string[];
}

export async function findResetTarget(
  projectDir: string,
  options: { vars: Readonly<Record<string, string | undefined>>; cwd: string; db?: string },
): Promise<ResetTarget> {
  const running = await findRunningServer(projectDir);
  if (running)
    return { dbPath: running.health.dbPath, serverEndpoint: running.record.endpoint, hasState: true };
  const dbPath = resolveDbPath(projectDir, options.cwd, options.vars, options.db);
  const present = await Promise.all(dbFiles(dbPath).map(exists));
  return { dbPath, hasState: present.some(Boolean) };
}

export async function resetLocalState(target: ResetTarget): Promise<ResetResult> {
  if (target.serverEndpoint) {
    await postReset(target.serverEndpoint);
    return { ...target, via: "server", removedFiles: [] };
  }
  const removedFiles: string[] = [];
  for (const file of dbFiles(target.dbPath)) {
    if (await exists(file)) {
      await rm(file, { force: true, recursive: true });
      removedFiles.push(file);
    }
  }
  return { ...target, via: removedFiles.length > 0 ? "files" : "nothing", removedFiles };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
