import type { Database } from "../store/database.js";

export interface StoredStateMachine {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: "STANDARD" | "EXPRESS";
  /** Epoch ms. */
  creationDate: number;
  updateDate?: number;
  revisionId: string;
  status: "ACTIVE" | "DELETING";
  loggingConfiguration: unknown;
  tracingConfiguration: unknown;
  encryptionConfiguration?: unknown;
  description?: string;
}

export class StateMachineTable {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  get(arn: string): StoredStateMachine | undefined {
    const row = this.db.statement("SELECT doc FROM sfn_state_machines WHERE arn = ?").get(arn) as
      | { doc: string }
      | undefined;
    return row ? (JSON.parse(row.doc) as StoredStateMachine) : undefined;
  }

  byName(name: string): StoredStateMachine | undefined {
    const row = this.db.statement("SELECT doc FROM sfn_state_machines WHERE name = ?").get(name) as
      | { doc: string }
      | undefined;
    return row ? (JSON.parse(row.doc) as StoredStateMachine) : undefined;
  }

  put(machine: StoredStateMachine): void {
    this.db
      .statement(
        "INSERT INTO sfn_state_machines (arn, name, doc) VALUES (?, ?, ?) ON CONFLICT (arn) DO UPDATE SET doc = excluded.doc",
      )
      .run(machine.stateMachineArn, machine.name, JSON.stringify(machine));
  }

  delete(arn: string): void {
    this.db.statement("DELETE FROM sfn_state_machines WHERE arn = ?").run(arn);
  }

  /** Creation order; `after` is a seq from a page token. */
  page(after: number, limit: number): { seq: number; machine: StoredStateMachine }[] {
    return (
      this.db
        .statement("SELECT seq, doc FROM sfn_state_machines WHERE seq > ? ORDER BY seq LIMIT ?")
        .all(after, limit) as { seq: number; doc: string }[]
    ).map((r) => ({ seq: Number(r.seq), machine: JSON.parse(r.doc) as StoredStateMachine }));
  }
}
