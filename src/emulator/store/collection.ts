import type { Database } from "./database.js";
import type { ResourceTable } from "./schema.js";

export interface PageRows<T> {
  items: { seq: number; doc: T }[];
  /** True when rows exist after the last item returned. */
  more: boolean;
}

/**
 * JSON documents of one resource kind, grouped by scope (see schema.ts). SQL is
 * built once per collection; the connection caches the compiled statements.
 */
export class Collection<T extends object> {
  private readonly db: Database;
  private readonly sql: Record<
    | "get"
    | "byName"
    | "page"
    | "count"
    | "all"
    | "lastId"
    | "insert"
    | "update"
    | "delete"
    | "deleteScope"
    | "deleteTree",
    string
  >;

  constructor(db: Database, table: ResourceTable) {
    this.db = db;
    this.sql = {
      get: `SELECT doc FROM ${table} WHERE scope = ? AND id = ?`,
      byName: `SELECT doc FROM ${table} WHERE scope = ? AND name = ? LIMIT 1`,
      page: `SELECT seq, doc FROM ${table} WHERE scope = ? AND seq > ? ORDER BY seq LIMIT ?`,
      count: `SELECT count(*) AS n FROM ${table} WHERE scope = ?`,
      all: `SELECT doc FROM ${table} WHERE scope = ? ORDER BY seq`,
      lastId: `SELECT id FROM ${table} WHERE scope = ? ORDER BY seq DESC LIMIT 1`,
      insert: `INSERT INTO ${table} (scope, id, name, doc) VALUES (?, ?, ?, ?)`,
      update: `UPDATE ${table} SET name = ?, doc = ? WHERE scope = ? AND id = ?`,
      delete: `DELETE FROM ${table} WHERE scope = ? AND id = ?`,
      deleteScope: `DELETE FROM ${table} WHERE scope = ?`,
      // scope is either the agent id itself or "agentId/version".
      deleteTree: `DELETE FROM ${table} WHERE scope = ?1 OR substr(scope, 1, length(?1) + 1) = ?1 || '/'`,
    };
  }

  get(scope: string, id: string): T | undefined {
    const row = this.db.statement(this.sql.get).get(scope, id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  findByName(scope: string, name: string): T | undefined {
    const row = this.db.statement(this.sql.byName).get(scope, name) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  page(scope: string, afterSeq: number, limit: number): PageRows<T> {
    const rows = this.db.statement(this.sql.page).all(scope, afterSeq, limit + 1) as {
      seq: number;
      doc: string;
    }[];
    const more = rows.length > limit;
    return {
      items: rows.slice(0, limit).map((row) => ({ seq: Number(row.seq), doc: JSON.parse(row.doc) as T })),
      more,
    };
  }

  count(scope: string): number {
    return Number((this.db.statement(this.sql.count).get(scope) as { n: number }).n);
  }

  all(scope: string): T[] {
    return (this.db.statement(this.sql.all).all(scope) as { doc: string }[]).map(
      (row) => JSON.parse(row.doc) as T,
    );
  }

  /** The id of the most recently created resource in the scope. */
  lastId(scope: string): string | undefined {
    const row = this.db.statement(this.sql.lastId).get(scope) as { id: string } | undefined;
    return row?.id;
  }

  insert(scope: string, id: string, name: string, doc: T): void {
    this.db.statement(this.sql.insert).run(scope, id, name, JSON.stringify(doc));
  }

  /** Keeps the row's seq, so an update never moves a resource in listings. */
  update(scope: string, id: string, name: string, doc: T): void {
    this.db.statement(this.sql.update).run(name, JSON.stringify(doc), scope, id);
  }

  delete(scope: string, id: string): boolean {
    return Number(this.db.statement(this.sql.delete).run(scope, id).changes) > 0;
  }

  deleteScope(scope: string): void {
    this.db.statement(this.sql.deleteScope).run(scope);
  }

  /** Everything under an agent: scope `agentId` and every `agentId/<version>`. */
  deleteTree(agentId: string): void {
    this.db.statement(this.sql.deleteTree).run(agentId);
  }
}
