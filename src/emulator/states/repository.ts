/**
 * Where executions live between transitions. The SQLite implementation
 * (step-functions/sqlite-repository.ts) makes them durable and shared between
 * processes; the in-memory one serves EXPRESS sync executions and benchmarks.
 */
import { nextWakeAt, pendingDispatches } from "./engine.js";
import type { ExecutionState, HistoryEvent, JsonObject } from "./types.js";

export interface LoadedExecution {
  exec: ExecutionState;
  definition: JsonObject;
}

export interface CommitOptions {
  /** This process now runs integration calls for the execution; claim it until `leaseUntil`. */
  claim?: { owner: string; leaseUntil: number };
}

export interface ExecutionRepository {
  /** Stores a new execution and its first events. */
  insert(exec: ExecutionState, definition: JsonObject, events: HistoryEvent[]): void;
  load(executionArn: string): LoadedExecution | undefined;
  /** The committed version, cheaply: lets a driver reuse the state it committed last. */
  version(executionArn: string): number | undefined;
  /**
   * Writes `exec` and appends `events` in one transaction, only if the stored
   * version is still `expectedVersion` (bumping it); false when another writer won.
   */
  commit(
    exec: ExecutionState,
    expectedVersion: number,
    events: HistoryEvent[],
    options?: CommitOptions,
  ): boolean;
  /** Running executions whose timer is due. */
  due(now: number): string[];
  /** Running executions with integration calls whose claim has lapsed. */
  lapsed(now: number): string[];
  /** The earliest timer of any running execution. */
  nextWakeAt(): number | undefined;
  /** Extends this process's claims. */
  renew(owner: string, executionArns: string[], leaseUntil: number): void;
}

/** A repository in memory: same contract, no durability. */
export class MemoryRepository implements ExecutionRepository {
  private readonly rows = new Map<
    string,
    {
      doc: string;
      version: number;
      definition: JsonObject;
      events: HistoryEvent[];
      wakeAt?: number;
      leaseUntil?: number;
      dispatching: boolean;
      owner?: string;
    }
  >();
  /** Off for benchmarks of the interpreter alone: state is kept as an object, not re-serialized. */
  private readonly serialize: boolean;
  constructor(serialize = true) {
    this.serialize = serialize;
  }
  private objects = new Map<string, ExecutionState>();

  insert(exec: ExecutionState, definition: JsonObject, events: HistoryEvent[]): void {
    this.rows.set(exec.executionArn, {
      doc: this.serialize ? JSON.stringify(exec) : "",
      version: exec.version,
      definition,
      events: [...events],
      dispatching: false,
    });
    if (!this.serialize) this.objects.set(exec.executionArn, exec);
  }

  load(executionArn: string): LoadedExecution | undefined {
    const row = this.rows.get(executionArn);
    if (!row) return undefined;
    const exec = this.serialize
      ? (JSON.parse(row.doc) as ExecutionState)
      : (this.objects.get(executionArn) as ExecutionState);
    return { exec, definition: row.definition };
  }

  commit(
    exec: ExecutionState,
    expectedVersion: number,
    events: HistoryEvent[],
    options: CommitOptions = {},
  ): boolean {
    const row = this.rows.get(exec.executionArn);
    if (!row) return false;
    if (row.version !== expectedVersion) return false;
    exec.version = expectedVersion + 1;
    row.version = exec.version;
    if (this.serialize) row.doc = JSON.stringify(exec);
    row.events.push(...events);
    row.wakeAt = wakeAtOf(exec);
    row.dispatching = hasDispatches(exec);
    if (options.claim) {
      row.owner = options.claim.owner;
      row.leaseUntil = options.claim.leaseUntil;
    }
    return true;
  }

  version(executionArn: string): number | undefined {
    return this.rows.get(executionArn)?.version;
  }

  events(executionArn: string): HistoryEvent[] {
    return this.rows.get(executionArn)?.events ?? [];
  }

  due(now: number): string[] {
    return [...this.rows].filter(([, r]) => r.wakeAt !== undefined && r.wakeAt <= now).map(([arn]) => arn);
  }

  lapsed(now: number): string[] {
    return [...this.rows].filter(([, r]) => r.dispatching && (r.leaseUntil ?? 0) <= now).map(([arn]) => arn);
  }

  nextWakeAt(): number | undefined {
    let next: number | undefined;
    for (const row of this.rows.values())
      if (row.wakeAt !== undefined && (next === undefined || row.wakeAt < next)) next = row.wakeAt;
    return next;
  }

  renew(owner: string, executionArns: string[], leaseUntil: number): void {
    for (const arn of executionArns) {
      const row = this.rows.get(arn);
      if (row && row.owner === owner) row.leaseUntil = leaseUntil;
    }
  }

  delete(executionArn: string): void {
    this.rows.delete(executionArn);
    this.objects.delete(executionArn);
  }
}

export function wakeAtOf(exec: ExecutionState): number | undefined {
  return nextWakeAt(exec);
}

export function hasDispatches(exec: ExecutionState): boolean {
  return pendingDispatches(exec).length > 0;
}
