/**
 * The driver's clockwork: polling the repository for due timers and lapsed
 * claims, and renewing this process's claims while its integration calls run.
 * No execution timer lives here: they are values in the executions' state, so
 * every process finds them by polling, and none is lost with a process.
 */
import type { ExecutionRepository } from "./repository.js";

/** setTimeout's ceiling; longer delays are re-armed in steps, never overflowed. */
const MAX_TIMER_MS = 2_147_483_647;

export interface TimerHooks {
  repository: ExecutionRepository;
  owner: string;
  leaseMs: number;
  pollMs: number;
  now(): number;
  /** Runs what is due for an execution. */
  drive(arn: string): Promise<unknown>;
  /** Takes over an execution's integration calls whose claim lapsed. */
  reclaim(arn: string): Promise<unknown>;
  /** Executions with integration calls under way in this process. */
  inflight(): ReadonlySet<string>;
}

export class DriverTimers {
  private readonly hooks: TimerHooks;
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private renewTimer: NodeJS.Timeout | undefined;
  running = false;

  constructor(hooks: TimerHooks) {
    this.hooks = hooks;
  }

  start(): void {
    this.running = true;
    this.poll();
  }

  /** Stops; claims still held here are released so the next process takes over at once. */
  stop(): void {
    const inflight = [...this.hooks.inflight()];
    if (this.running && inflight.length > 0) {
      try {
        this.hooks.repository.renew(this.hooks.owner, inflight, 0);
      } catch {
        // the claims lapse on their own
      }
    }
    this.running = false;
    clearTimeout(this.timer);
    clearInterval(this.renewTimer);
    this.timer = undefined;
    this.renewTimer = undefined;
  }

  private poll(): void {
    if (!this.running) return;
    const { repository, now } = this.hooks;
    try {
      for (const arn of repository.due(now())) void this.hooks.drive(arn).catch(() => undefined);
      for (const arn of repository.lapsed(now()))
        if (!this.hooks.inflight().has(arn)) void this.hooks.reclaim(arn).catch(() => undefined);
    } catch {
      // A busy database: try again on the next tick.
    }
    this.arm();
  }

  /** Re-arms for the next due timer, but never later than the poll interval (other processes add work too). */
  private arm(): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    let delay = this.hooks.pollMs;
    try {
      const next = this.hooks.repository.nextWakeAt();
      if (next !== undefined) delay = Math.max(0, Math.min(delay, next - this.hooks.now()));
    } catch {
      // keep the poll interval
    }
    this.timerDueAt = this.hooks.now() + delay;
    this.timer = setTimeout(() => this.poll(), Math.min(delay, MAX_TIMER_MS));
    this.timer.unref();
  }

  /** A transition set a timer earlier than the one armed: re-arm for it (0 = runnable now, driven already). */
  wakeFor(at: number | undefined): void {
    if (!this.running || at === undefined || at === 0 || at >= this.timerDueAt) return;
    this.arm();
  }

  /** Keeps this process's claims alive while its integration calls run. */
  renewClaims(): void {
    if (this.renewTimer) return;
    this.renewTimer = setInterval(
      () => {
        const inflight = [...this.hooks.inflight()];
        if (inflight.length === 0) {
          clearInterval(this.renewTimer);
          this.renewTimer = undefined;
          return;
        }
        try {
          this.hooks.repository.renew(this.hooks.owner, inflight, this.hooks.now() + this.hooks.leaseMs);
        } catch {
          // retried on the next tick, well before the claim lapses
        }
      },
      Math.max(10, Math.floor(this.hooks.leaseMs / 3)),
    );
    this.renewTimer.unref();
  }
}
