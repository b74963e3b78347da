import type { Database } from "./database.js";

export type TagMap = Record<string, string>;

export class TagTable {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  get(arn: string): TagMap {
    const row = this.db.statement("SELECT tags FROM tags WHERE resource_arn = ?").get(arn) as
      | { tags: string }
      | undefined;
    return row ? (JSON.parse(row.tags) as TagMap) : {};
  }

  put(arn: string, tags: TagMap): void {
    if (Object.keys(tags).length === 0) {
      this.delete(arn);
      return;
    }
    this.db
      .statement(
        "INSERT INTO tags (resource_arn, tags) VALUES (?, ?) ON CONFLICT (resource_arn) DO UPDATE SET tags = excluded.tags",
      )
      .run(arn, JSON.stringify(tags));
  }

  delete(arn: string): void {
    this.db.statement("DELETE FROM tags WHERE resource_arn = ?").run(arn);
  }

  /** E.g. every alias ARN of one agent: `arn:…:agent-alias/AGENTID/`. */
  deletePrefix(arnPrefix: string): void {
    this.db.statement("DELETE FROM tags WHERE substr(resource_arn, 1, length(?1)) = ?1").run(arnPrefix);
  }
}

export interface TokenRecord {
  fingerprint: string;
  resource: unknown;
}

/** clientToken → what the first call with it created. */
export class TokenTable {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  find(operation: string, scope: string, token: string): TokenRecord | undefined {
    const row = this.db
      .statement(
        "SELECT fingerprint, resource FROM idempotency_tokens WHERE operation = ? AND scope = ? AND token = ?",
      )
      .get(operation, scope, token) as { fingerprint: string; resource: string } | undefined;
    return row ? { fingerprint: row.fingerprint, resource: JSON.parse(row.resource) } : undefined;
  }

  save(operation: string, scope: string, token: string, record: TokenRecord, now: number): void {
    this.db
      .statement(
        "INSERT INTO idempotency_tokens (operation, scope, token, fingerprint, resource, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(operation, scope, token, record.fingerprint, JSON.stringify(record.resource), now);
  }
}

export class CounterTable {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /** 1, 2, 3… per name, never reused (version numbers survive deletions). */
  next(name: string): number {
    const row = this.db
      .statement(
        "INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value",
      )
      .get(name) as { value: number };
    return Number(row.value);
  }
}
