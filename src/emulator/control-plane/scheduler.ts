import type { Store, StoredTransition } from "../store/index.js";

/** Retry soon when applying fails (e.g. another process holds the write lock past busy_timeout). */
const RETRY_AFTER_ERROR_MS = 250;

/**
 * Drives asynchronous status changes (CREATING → NOT_PREPARED, PREPARING →
 * PREPARED, …). Pending transitions live in SQLite, not in memory, so:
 * - a restarted server applies the overdue ones on start and re-arms for the rest;
 * - every process sharing the file applies due ones before serving a request
 *   (`applyDue`), so a status never lags because the scheduling process died;
 * - `take()` deletes a row before applying it, so two processes never apply one twice.
 * The timer is unref'd: a CLI process using the emulator in-process can exit
 * with transitions pending, and the next process resumes them.
 */
export class TransitionScheduler {
  private readonly store: Store;
  private readonly now: () => number;
  private readonly apply: (transition: StoredTransition) => void;
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(store: Store, now: () => number, apply: (transition: StoredTransition) => void) {
    this.store = store;
    this.now = now;
    this.apply = apply;
  }

  /** Call inside the write transaction that started the transition. */
  schedule(agentId: string, kind: string, delayMs: number, payload: Record<string, unknown> = {}): void {
    const dueAt = this.now() + delayMs;
    this.store.transitions.add(agentId, kind, dueAt, payload);
    this.arm(dueAt);
  }

  cancelForAgent(agentId: string): void {
    this.store.transitions.deleteForAgent(agentId);
  }

  /** Applies every transition whose time has come, in one transaction. */
  applyDue(): void {
    const now = this.now();
    if (!this.store.transitions.anyDue(now)) return;
    this.store.db.write(() => {
      for (const transition of this.store.transitions.due(now)) {
        if (this.store.transitions.take(transition.seq)) this.apply(transition);
      }
    });
  }

  start(): void {
    this.stopped = false;
    this.applyDue();
    this.armNext();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = Number.POSITIVE_INFINITY;
  }

  private armNext(): void {
    const next = this.store.transitions.nextDueAt();
    if (next !== undefined) this.arm(next);
  }

  private arm(dueAt: number): void {
    if (this.stopped || dueAt >= this.timerDueAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => this.fire(), Math.max(0, dueAt - this.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerDueAt = Number.POSITIVE_INFINITY;
    if (this.stopped) return;
    try {
      this.applyDue();
      this.armNext();
    } catch {
      this.arm(this.now() + RETRY_AFTER_ERROR_MS);
    }
  }
}
