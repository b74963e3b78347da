/** Wires the Step Functions service: the durable driver over SQLite, the in-memory one for EXPRESS. */
import { ExecutionDriver } from "../states/driver.js";
import { MemoryRepository } from "../states/repository.js";
import type { TaskDispatcher } from "../states/task-dispatcher.js";
import type { Store } from "../store/index.js";
import type { SfnContext } from "./context.js";
import { SqliteExecutionRepository } from "./sqlite-repository.js";

export { SFN_TARGET_PREFIX, stepFunctionsService } from "./service.js";

export function createSfnContext(opts: {
  store: Store;
  region: string;
  accountId: string;
  dispatcher: TaskDispatcher;
  now?: () => number;
  leaseMs?: number;
  pollMs?: number;
}): SfnContext {
  const now = opts.now ?? Date.now;
  const repository = new SqliteExecutionRepository(opts.store.db);
  const expressRepository = new MemoryRepository();
  const common = { dispatcher: opts.dispatcher, region: opts.region, accountId: opts.accountId, now };
  return {
    store: opts.store,
    region: opts.region,
    accountId: opts.accountId,
    now,
    repository,
    driver: new ExecutionDriver({
      ...common,
      repository,
      ...(opts.leaseMs !== undefined ? { leaseMs: opts.leaseMs } : {}),
      ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
    }),
    expressRepository,
    expressDriver: new ExecutionDriver({ ...common, repository: expressRepository }),
  };
}
