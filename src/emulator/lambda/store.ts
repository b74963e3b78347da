import type { Database } from "../store/database.js";

/** The configuration members the emulator keeps (FunctionConfiguration, §2.3), state computed on read. */
export interface FunctionSettings {
  Runtime: string;
  Role: string;
  Handler: string;
  Description: string;
  Timeout: number;
  MemorySize: number;
  Environment?: { Variables: Record<string, string> };
  Architectures: string[];
  EphemeralStorage: { Size: number };
  CodeSha256: string;
  CodeSize: number;
  /** Hex SHA-256 of the zip: the content address of its extracted directory. */
  codeKey: string;
  /** Epoch ms of the last change. */
  LastModified: number;
}

/** One resource-policy statement exactly as AddPermission built it (returned by GetPolicy). */
export type PolicyStatement = Record<string, unknown>;

export interface StoredFunction {
  FunctionName: string;
  FunctionArn: string;
  RevisionId: string;
  /** What a call made now sees; `previous` is what Invoke runs while an update is InProgress (§2.3). */
  current: FunctionSettings;
  previous?: FunctionSettings;
  /** Pending until then (create). */
  activeAt: number;
  /** LastUpdateStatus InProgress until then (UpdateFunctionCode/Configuration). */
  updateDoneAt: number;
  /** Set once the function has been updated; a never-updated function reports Successful too. */
  lastUpdated: boolean;
  policy: PolicyStatement[];
  tags: Record<string, string>;
}

/** Lambda's tables (schema.ts migration 2): functions by exact name, and the uploaded zips by hex SHA-256. */
export class LambdaTables {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  get(name: string): StoredFunction | undefined {
    const row = this.db.statement("SELECT doc FROM lambda_functions WHERE name = ?").get(name) as
      | { doc: string }
      | undefined;
    return row ? (JSON.parse(row.doc) as StoredFunction) : undefined;
  }

  all(): StoredFunction[] {
    return (
      this.db.statement("SELECT doc FROM lambda_functions ORDER BY name").all() as { doc: string }[]
    ).map((row) => JSON.parse(row.doc) as StoredFunction);
  }

  insert(fn: StoredFunction): void {
    this.db
      .statement("INSERT INTO lambda_functions (name, code_sha, doc) VALUES (?, ?, ?)")
      .run(fn.FunctionName, fn.current.codeKey, JSON.stringify(fn));
  }

  update(fn: StoredFunction): void {
    this.db
      .statement("UPDATE lambda_functions SET code_sha = ?, doc = ? WHERE name = ?")
      .run(fn.current.codeKey, JSON.stringify(fn), fn.FunctionName);
  }

  /** Removes the function and any zip no other function uses. */
  delete(name: string): void {
    this.db.statement("DELETE FROM lambda_functions WHERE name = ?").run(name);
    this.db
      .statement("DELETE FROM lambda_code WHERE sha256 NOT IN (SELECT code_sha FROM lambda_functions)")
      .run();
  }

  putCode(key: string, zip: Buffer): void {
    this.db.statement("INSERT OR IGNORE INTO lambda_code (sha256, zip) VALUES (?, ?)").run(key, zip);
  }

  code(key: string): Buffer | undefined {
    const row = this.db.statement("SELECT zip FROM lambda_code WHERE sha256 = ?").get(key) as
      | { zip: Uint8Array }
      | undefined;
    return row ? Buffer.from(row.zip) : undefined;
  }
}
