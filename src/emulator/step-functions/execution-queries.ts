/** Read-side queries over executions and their history (the list and describe operations). */
import type { ExecutionState, HistoryEvent } from "../states/types.js";
import type { Database } from "../store/database.js";

export interface ExecutionRow {
  seq: number;
  arn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionState["status"];
  startDate: number;
  stopDate?: number;
  redriveCount: number;
  input: string;
}

interface RawRow {
  seq: number;
  arn: string;
  state_machine_arn: string;
  name: string;
  status: string;
  start_date: number;
  stop_date: number | null;
  redrive_count: number;
  input: string;
}

const COLUMNS = "seq, arn, state_machine_arn, name, status, start_date, stop_date, redrive_count, input";

const toRow = (r: RawRow): ExecutionRow => ({
  seq: Number(r.seq),
  arn: r.arn,
  stateMachineArn: r.state_machine_arn,
  name: r.name,
  status: r.status as ExecutionRow["status"],
  startDate: Number(r.start_date),
  ...(r.stop_date === null ? {} : { stopDate: Number(r.stop_date) }),
  redriveCount: Number(r.redrive_count),
  input: r.input,
});

export class ExecutionQueries {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  row(arn: string): ExecutionRow | undefined {
    const r = this.db.statement(`SELECT ${COLUMNS} FROM sfn_executions WHERE arn = ?`).get(arn) as
      | RawRow
      | undefined;
    return r ? toRow(r) : undefined;
  }

  state(arn: string): ExecutionState | undefined {
    const r = this.db.statement("SELECT doc FROM sfn_executions WHERE arn = ?").get(arn) as
      | { doc: string }
      | undefined;
    return r ? (JSON.parse(r.doc) as ExecutionState) : undefined;
  }

  /** Newest first, as ListExecutions returns them; `before` is a seq from a page token. */
  page(
    filter: { machineArn: string; status?: string; redriven?: boolean; before?: number },
    limit: number,
  ): ExecutionRow[] {
    const where = ["state_machine_arn = ?"];
    const args: (string | number)[] = [filter.machineArn];
    if (filter.status) {
      where.push("status = ?");
      args.push(filter.status);
    }
    if (filter.redriven !== undefined)
      where.push(filter.redriven ? "redrive_count > 0" : "redrive_count = 0");
    if (filter.before !== undefined) {
      where.push("seq < ?");
      args.push(filter.before);
    }
    return (
      this.db
        .statement(
          `SELECT ${COLUMNS} FROM sfn_executions WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ?`,
        )
        .all(...args, limit) as unknown as RawRow[]
    ).map(toRow);
  }

  /** Events after (or, reversed, before) the event id `from`. */
  history(arn: string, reverse: boolean, from: number | undefined, limit: number): HistoryEvent[] {
    const sql = reverse
      ? "SELECT doc FROM sfn_history WHERE execution_arn = ? AND id < ? ORDER BY id DESC LIMIT ?"
      : "SELECT doc FROM sfn_history WHERE execution_arn = ? AND id > ? ORDER BY id LIMIT ?";
    const start = from ?? (reverse ? Number.MAX_SAFE_INTEGER : 0);
    return (this.db.statement(sql).all(arn, start, limit) as { doc: string }[]).map(
      (r) => JSON.parse(r.doc) as HistoryEvent,
    );
  }
}
