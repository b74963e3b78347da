import path from "node:path";

type Vars = Readonly<Record<string, string | undefined>>;

/** Per-project emulator state lives here (git-ignored by `init`). */
export function stateDir(projectDir: string): string {
  return path.join(projectDir, ".agentctl");
}

export function serverRecordPath(projectDir: string): string {
  return path.join(stateDir(projectDir), "server.json");
}

/**
 * `--db` beats AGENTCTL_EMULATOR_DB, which beats `<project>/.agentctl/emulator.db`.
 * Relative paths given by the user are relative to where they typed them (cwd).
 */
export function resolveDbPath(projectDir: string, cwd: string, vars: Vars, dbFlag?: string): string {
  const chosen = dbFlag ?? (vars.AGENTCTL_EMULATOR_DB || undefined);
  return chosen ? path.resolve(cwd, chosen) : path.join(stateDir(projectDir), "emulator.db");
}

/** SQLite in WAL mode keeps two companions beside the database file. */
export function dbFiles(dbPath: string): string[] {
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, lambdaCodeDir(dbPath)];
}

/** Where the emulator's Lambda keeps uploaded code, beside its database (emulator/account/services.ts). */
export function lambdaCodeDir(dbPath: string): string {
  return `${dbPath}.lambda`;
}

/** For messages: relative to where the user stands when the file is below it, else absolute. */
export function shownPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}
