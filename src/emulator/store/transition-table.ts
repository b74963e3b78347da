import type { Database } from "./database.js";

export interface StoredTransition {
  seq: number;
  agentId: string;
  kind: string;
  dueAt: number;
  payload: Record<string, unknown>;
}

interface TransitionRow {
  seq: number;
  agent_id: string;
  kind: string;
  due_at: number;
  payload: string;
}

const toTransition = (row: TransitionRow): StoredTransition => ({
  seq: Number(row.seq),
  agentId: row.agent_id,
  kind: row.kind,
  dueAt: Number(row.due_at),
  payload: JSON.parse(row.payload) as Record<string, unknown>,
});

/** Asynchronous status changes waiting for their time; persisted so a restarted server resumes them. */
export class TransitionTable {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  add(agentId: string, kind: string, dueAt: number, payload: Record<string, unknown>): void {
    this.db
      .statement("INSERT INTO pending_transitions (agent_id, kind, due_at, payload) VALUES (?, ?, ?, ?)")
      .run(agentId, kind, dueAt, JSON.stringify(payload));
  }

  /** Cheap enough for every request: an index probe. */
  anyDue(now: number): boolean {
    return (
      this.db.statement("SELECT 1 FROM pending_transitions WHERE due_at <= ? LIMIT 1").get(now) !== undefined
    );
  }

  due(now: number): StoredTransition[] {
    return (
      this.db
        .statement("SELECT * FROM pending_transitions WHERE due_at <= ? ORDER BY due_at, seq")
        .all(now) as unknown as TransitionRow[]
    ).map(toTransition);
  }

  nextDueAt(): number | undefined {
    const row = this.db.statement("SELECT min(due_at) AS due FROM pending_transitions").get() as {
      due: number | null;
    };
    return row.due === null ? undefined : Number(row.due);
  }

  /** False when another process already applied it. */
  take(seq: number): boolean {
    return Number(this.db.statement("DELETE FROM pending_transitions WHERE seq = ?").run(seq).changes) > 0;
  }

  forAgent(agentId: string): StoredTransition[] {
    return (
      this.db
        .statement("SELECT * FROM pending_transitions WHERE agent_id = ? ORDER BY due_at, seq")
        .all(agentId) as unknown as TransitionRow[]
    ).map(toTransition);
  }

  deleteForAgent(agentId: string): void {
    this.db.statement("DELETE FROM pending_transitions WHERE agent_id = ?").run(agentId);
  }
}
