import type { ExecutionDriver } from "../states/driver.js";
import type { MemoryRepository } from "../states/repository.js";
import type { Store } from "../store/index.js";
import type { SqliteExecutionRepository } from "./sqlite-repository.js";

/** What every Step Functions operation works with. */
export interface SfnContext {
  store: Store;
  region: string;
  accountId: string;
  now(): number;
  /** STANDARD executions: durable, in SQLite. */
  driver: ExecutionDriver;
  repository: SqliteExecutionRepository;
  /** EXPRESS executions: in memory, like AWS keeps no history for them. */
  expressDriver: ExecutionDriver;
  expressRepository: MemoryRepository;
}
