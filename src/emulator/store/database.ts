import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { DatabaseSync as SqliteDatabase, StatementSync } from "node:sqlite";
import { withoutExperimentalWarning } from "../../node-warnings.js";
import { MIGRATIONS, STATE_TABLES } from "./schema.js";

// Loaded with require, not a static import, so Node 22's "SQLite is an experimental
// feature" warning (printed when the module loads) can be kept off the user's terminal.
const { DatabaseSync } = withoutExperimentalWarning("SQLite is an experimental feature", () =>
  createRequire(import.meta.url)("node:sqlite"),
) as typeof import("node:sqlite");

/**
 * The SQLite connection behind the emulator. Several processes may open the
 * same file (an `agentctl local serve` plus CLI commands): WAL lets readers run
 * beside a writer, `busy_timeout` makes a writer wait for another instead of
 * failing, and every write request is one `BEGIN IMMEDIATE` transaction so a
 * read-modify-write never interleaves with another process's.
 */
export class Database {
  readonly path: string;
  private readonly db: SqliteDatabase;
  private readonly statements = new Map<string, StatementSync>();
  private inTransaction = false;

  constructor(path: string) {
    this.path = path;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    try {
      this.db = new DatabaseSync(path);
      this.db.exec("PRAGMA busy_timeout = 5000");
      this.db.exec("PRAGMA journal_mode = WAL");
      // NORMAL in WAL mode survives a killed process (the WAL is in the OS cache);
      // only a power loss could drop the last commits, which a dev tool can afford.
      this.db.exec("PRAGMA synchronous = NORMAL");
      this.migrate();
    } catch (err) {
      throw new Error(`Cannot open the emulator database ${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Statements are compiled once per connection and reused. */
  statement(sql: string): StatementSync {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Runs `fn` in one write transaction; a throw rolls everything back. Nested calls join the outer one. */
  write<T>(fn: () => T): T {
    return this.transaction("BEGIN IMMEDIATE", fn);
  }

  /** A consistent snapshot for multi-statement reads. */
  read<T>(fn: () => T): T {
    return this.transaction("BEGIN", fn);
  }

  /** Wipes every resource, token, tag and pending transition (schema stays). */
  reset(): void {
    this.write(() => {
      for (const table of STATE_TABLES) this.db.exec(`DELETE FROM ${table}`);
    });
  }

  close(): void {
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }

  private transaction<T>(begin: string, fn: () => T): T {
    if (this.inTransaction) return fn();
    this.db.exec(begin);
    this.inTransaction = true;
    try {
      const result = fn();
      this.db.exec("COMMIT");
      return result;
    } catch (err) {
      this.db.exec("ROLLBACK");
      throw err;
    } finally {
      this.inTransaction = false;
    }
  }

  private migrate(): void {
    const version = (): number =>
      Number((this.db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
    if (version() > MIGRATIONS.length) {
      throw new Error(
        `its schema version ${version()} is newer than this agentctl supports (${MIGRATIONS.length}); upgrade agentctl or use another file`,
      );
    }
    while (version() < MIGRATIONS.length) {
      // Re-read inside the lock: another process may have migrated meanwhile.
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const current = version();
        if (current < MIGRATIONS.length) {
          this.db.exec(MIGRATIONS[current] as string);
          this.db.exec(`PRAGMA user_version = ${current + 1}`);
        }
        this.db.exec("COMMIT");
      } catch (err) {
        this.db.exec("ROLLBACK");
        throw err;
      }
    }
  }
}
