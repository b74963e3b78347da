/**
 * Executions in SQLite. Each commit is one BEGIN IMMEDIATE transaction that
 * checks the version it read, writes the whole state, appends the events and
 * updates the columns the scheduler and the list operations read. SQLite's
 * write lock makes commits from several processes strictly one after another;
 * the version check makes a process that read stale state start over.
 */
import { nextWakeAt, pendingDispatches } from "../states/engine.js";
import type { CommitOptions, ExecutionRepository, LoadedExecution } from "../states/repository.js";
import type { ExecutionState, HistoryEvent, JsonObject } from "../states/types.js";
import type { Database } from "../store/database.js";

interface ExecutionRow {
  arn: string;
  definition: string;
  doc: string;
}

export class SqliteExecutionRepository implements ExecutionRepository {
  /** Definitions never change during an execution: parse each once. */
  private readonly definitions = new Map<string, { text: string; value: JsonObject }>();

  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  insert(exec: ExecutionState, definition: JsonObject, events: HistoryEvent[]): void {
    this.db.write(() => {
      this.db
        .statement(
          `INSERT INTO sfn_executions (arn, state_machine_arn, name, status, start_date, input, definition, doc, version, wake_at, dispatching)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
        )
        .run(
          exec.executionArn,
          exec.stateMachineArn,
          exec.name,
          exec.status,
          Date.parse(exec.startTime),
          JSON.stringify(exec.input),
          JSON.stringify(definition),
          JSON.stringify(exec),
          exec.version,
          nextWakeAt(exec) ?? null,
        );
      this.appendEvents(exec.executionArn, events);
    });
  }

  load(executionArn: string): LoadedExecution | undefined {
    const row = this.db
      .statement("SELECT arn, definition, doc FROM sfn_executions WHERE arn = ?")
      .get(executionArn) as unknown as ExecutionRow | undefined;
    if (!row) return undefined;
    let cached = this.definitions.get(executionArn);
    if (!cached || cached.text !== row.definition) {
      cached = { text: row.definition, value: JSON.parse(row.definition) as JsonObject };
      this.definitions.set(executionArn, cached);
    }
    return { exec: JSON.parse(row.doc) as ExecutionState, definition: cached.value };
  }

  version(executionArn: string): number | undefined {
    const row = this.db.statement("SELECT version FROM sfn_executions WHERE arn = ?").get(executionArn) as
      | { version: number }
      | undefined;
    return row ? Number(row.version) : undefined;
  }

  commit(
    exec: ExecutionState,
    expectedVersion: number,
    events: HistoryEvent[],
    options: CommitOptions = {},
  ): boolean {
    return this.db.write(() => {
      const current = this.db
        .statement("SELECT version FROM sfn_executions WHERE arn = ?")
        .get(exec.executionArn) as { version: number } | undefined;
      if (!current || Number(current.version) !== expectedVersion) return false;
      exec.version = expectedVersion + 1;
      const claim = options.claim;
      this.db
        .statement(
          `UPDATE sfn_executions SET status = ?, stop_date = ?, redrive_count = ?, doc = ?, version = ?, wake_at = ?, dispatching = ?,
             lease_owner = coalesce(?, lease_owner), lease_until = coalesce(?, lease_until)
           WHERE arn = ?`,
        )
        .run(
          exec.status,
          exec.stopTime ?? null,
          exec.redriveCount,
          JSON.stringify(exec),
          exec.version,
          nextWakeAt(exec) ?? null,
          pendingDispatches(exec).length > 0 ? 1 : 0,
          claim?.owner ?? null,
          claim?.leaseUntil ?? null,
          exec.executionArn,
        );
      this.appendEvents(exec.executionArn, events);
      if (exec.status !== "RUNNING") this.definitions.delete(exec.executionArn);
      return true;
    });
  }

  private appendEvents(arn: string, events: HistoryEvent[]): void {
    const insert = this.db.statement("INSERT INTO sfn_history (execution_arn, id, doc) VALUES (?, ?, ?)");
    for (const event of events) insert.run(arn, event.id, JSON.stringify(event));
  }

  due(now: number): string[] {
    return (
      this.db
        .statement(
          "SELECT arn FROM sfn_executions WHERE wake_at IS NOT NULL AND wake_at <= ? AND status = 'RUNNING'",
        )
        .all(now) as { arn: string }[]
    ).map((r) => r.arn);
  }

  lapsed(now: number): string[] {
    return (
      this.db
        .statement(
          "SELECT arn FROM sfn_executions WHERE dispatching = 1 AND status = 'RUNNING' AND coalesce(lease_until, 0) <= ?",
        )
        .all(now) as { arn: string }[]
    ).map((r) => r.arn);
  }

  nextWakeAt(): number | undefined {
    const row = this.db
      .statement(
        "SELECT min(wake_at) AS next FROM sfn_executions WHERE wake_at IS NOT NULL AND status = 'RUNNING'",
      )
      .get() as { next: number | null };
    return row.next === null ? undefined : Number(row.next);
  }

  renew(owner: string, executionArns: string[], leaseUntil: number): void {
    if (executionArns.length === 0) return;
    this.db.write(() => {
      const update = this.db.statement(
        "UPDATE sfn_executions SET lease_until = ? WHERE arn = ? AND lease_owner = ?",
      );
      for (const arn of executionArns) update.run(leaseUntil, arn, owner);
    });
  }
}
