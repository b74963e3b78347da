/**
 * Runs executions: loads the state, lets the interpreter make one transition,
 * commits it (state + events, one transaction, optimistic version check),
 * and only then starts the integration calls that transition scheduled. A
 * process killed anywhere leaves the last committed transition, never half of
 * one; the calls it had under way are re-dispatched by whichever process sees
 * their claim lapse (at-least-once, like AWS's own retries of a lost worker).
 * Timers are not kept in memory either: every process polls the repository
 * for due executions, so a Wait due while no emulator ran fires on the next start.
 */
import { randomUUID } from "node:crypto";
import { DriverTimers } from "./driver-timers.js";
import {
  findTokenFrame,
  Interpreter,
  type NewExecution,
  nextWakeAt,
  pendingDispatches,
  taskContextOf,
} from "./engine.js";
import type { ExecutionRepository, LoadedExecution } from "./repository.js";
import type { TaskDispatcher } from "./task-dispatcher.js";
import type { ExecutionState, HistoryEvent, TaskOutcome } from "./types.js";

export interface DriverOptions {
  repository: ExecutionRepository;
  dispatcher: TaskDispatcher;
  region: string;
  accountId: string;
  owner?: string;
  /** How long a claim on running integration calls lasts without renewal. */
  leaseMs?: number;
  /** How often the repository is polled for due timers and lapsed claims. */
  pollMs?: number;
  now?: () => number;
}

interface Transition {
  events: HistoryEvent[];
  dispatches: string[];
}

type TokenAnswer = "ok" | "missing" | "timed-out";

const MAX_CONFLICT_RETRIES = 50;
const YIELD_AFTER_MS = 10;

export class ExecutionDriver {
  readonly owner: string;
  private readonly repo: ExecutionRepository;
  private readonly dispatcher: TaskDispatcher;
  private readonly leaseMs: number;
  private readonly now: () => number;
  private readonly region: string;
  private readonly accountId: string;
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly inflight = new Map<string, Set<string>>();
  private readonly interpreters = new Map<string, Interpreter>();
  private readonly committed = new Map<string, LoadedExecution>();
  private readonly endWaiters = new Map<string, Array<() => void>>();
  private readonly timers: DriverTimers;
  /** Set by stopTimers: the store may be closing, so nothing more is started. */
  private closed = false;

  constructor(opts: DriverOptions) {
    this.repo = opts.repository;
    this.dispatcher = opts.dispatcher;
    this.region = opts.region;
    this.accountId = opts.accountId;
    this.owner = opts.owner ?? randomUUID();
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.now = opts.now ?? Date.now;
    this.timers = new DriverTimers({
      repository: this.repo,
      owner: this.owner,
      leaseMs: this.leaseMs,
      pollMs: opts.pollMs ?? 1_000,
      now: this.now,
      drive: (arn) => this.drive(arn),
      reclaim: (arn) => this.reclaim(arn),
      inflight: () => new Set(this.inflight.keys()),
    });
  }

  private interpreter(loaded: LoadedExecution): Interpreter {
    const arn = loaded.exec.executionArn;
    let interpreter = this.interpreters.get(arn);
    if (!interpreter || interpreter.definition !== loaded.definition) {
      interpreter = new Interpreter(loaded.definition, { region: this.region });
      this.interpreters.set(arn, interpreter);
    }
    return interpreter;
  }

  /** Records the new execution; it then runs in the background (await `untilSettled` to follow it). */
  start(args: NewExecution): ExecutionState {
    const interpreter = new Interpreter(args.definition, { region: this.region });
    const { exec, step } = interpreter.start(args);
    this.repo.insert(exec, args.definition, step.events);
    void this.drive(exec.executionArn).catch(() => undefined);
    return exec;
  }

  /** Serializes work on one execution within this process. */
  private serial<T>(arn: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(arn) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.queues.set(arn, tail);
    void tail.then(() => {
      if (this.queues.get(arn) === tail) this.queues.delete(arn);
    });
    return next;
  }

  /**
   * The state this process committed last, when nobody has committed since (a
   * cheap version probe); otherwise a fresh load. Saves parsing the whole state
   * at every transition of a long run.
   */
  private latest(arn: string): LoadedExecution | undefined {
    const mine = this.committed.get(arn);
    if (mine && this.repo.version(arn) === mine.exec.version) return mine;
    this.committed.delete(arn);
    return this.repo.load(arn);
  }

  /** Applies `change` to the latest state and commits it, re-reading on a conflict with another process. */
  private async transition(
    arn: string,
    change: (
      i: Interpreter,
      exec: ExecutionState,
      now: number,
    ) => Promise<Transition | undefined> | Transition | undefined,
  ): Promise<Transition | undefined> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      if (this.closed) return undefined;
      const loaded = this.latest(arn);
      if (!loaded) return undefined;
      const expected = loaded.exec.version;
      let result: Transition | undefined;
      try {
        result = await change(this.interpreter(loaded), loaded.exec, this.now());
      } catch (err) {
        this.committed.delete(arn);
        throw err;
      }
      if (!result) return undefined;
      const claim =
        result.dispatches.length > 0
          ? { owner: this.owner, leaseUntil: this.now() + this.leaseMs }
          : undefined;
      if (!this.repo.commit(loaded.exec, expected, result.events, claim ? { claim } : {})) {
        this.committed.delete(arn);
        continue;
      }
      for (const taskId of result.dispatches) this.launch(loaded.exec, taskId);
      if (loaded.exec.status !== "RUNNING") this.ended(arn);
      else {
        this.committed.set(arn, loaded);
        this.timers.wakeFor(nextWakeAt(loaded.exec));
      }
      return result;
    }
    throw new Error(
      `The execution ${arn} kept changing under this process; gave up after ${MAX_CONFLICT_RETRIES} attempts.`,
    );
  }

  /**
   * Runs every transition that is due now. A long run of transitions awaits only
   * settled promises, which never lets the event loop turn: it yields every
   * YIELD_AFTER_MS so the server keeps answering requests meanwhile.
   */
  drive(arn: string): Promise<void> {
    return this.serial(arn, async () => {
      let since = performance.now();
      while (await this.transition(arn, (i, exec, now) => i.step(exec, now))) {
        if (performance.now() - since < YIELD_AFTER_MS) continue;
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    });
  }

  private launch(exec: ExecutionState, taskId: string): void {
    const found = taskContextOf(exec, taskId);
    if (!found) return;
    const arn = exec.executionArn;
    const { frame, task } = found;
    const tasks = this.inflight.get(arn) ?? new Set<string>();
    this.inflight.set(arn, tasks);
    tasks.add(taskId);
    this.timers.renewClaims();
    const ctx = {
      executionArn: arn,
      stateMachineArn: exec.stateMachineArn,
      stateName: frame.state,
      region: this.region,
      accountId: this.accountId,
      ...(task.token ? { taskToken: task.token } : {}),
    };
    void Promise.resolve()
      .then(() => this.dispatcher.dispatch(task.resource, task.parameters, ctx))
      .catch(
        (err: unknown): TaskOutcome => ({
          ok: false,
          error: "States.Runtime",
          cause: (err as Error)?.message ?? String(err),
        }),
      )
      .then((outcome) => this.deliver(arn, taskId, outcome))
      .finally(() => {
        tasks.delete(taskId);
        if (tasks.size === 0) this.inflight.delete(arn);
      })
      .catch(() => undefined);
  }

  private async deliver(arn: string, taskId: string, outcome: TaskOutcome): Promise<void> {
    await this.serial(arn, () =>
      this.transition(arn, (i, exec, now) => i.deliver(exec, taskId, outcome, now)),
    );
    await this.drive(arn);
  }

  /** SendTaskSuccess / SendTaskFailure, from any process. */
  async answerToken(arn: string, token: string, outcome: TaskOutcome): Promise<TokenAnswer> {
    let answer: TokenAnswer = "missing";
    await this.serial(arn, () =>
      this.transition(arn, (i, exec, now) => {
        if (!findTokenFrame(exec, token)) {
          answer = exec.timedOutTokens.includes(token) ? "timed-out" : "missing";
          return undefined;
        }
        answer = "ok";
        return i.answerToken(exec, token, outcome, now);
      }),
    );
    if ((answer as TokenAnswer) === "ok") await this.drive(arn);
    return answer;
  }

  async heartbeat(arn: string, token: string): Promise<TokenAnswer> {
    let answer: TokenAnswer = "missing";
    await this.serial(arn, () =>
      this.transition(arn, (_i, exec, now) => {
        const frame = findTokenFrame(exec, token);
        if (!frame?.task) {
          answer = exec.timedOutTokens.includes(token) ? "timed-out" : "missing";
          return undefined;
        }
        answer = "ok";
        if (frame.task.heartbeatSeconds !== undefined && frame.task.awaiting === "token")
          frame.task.heartbeatAt = now + frame.task.heartbeatSeconds * 1000;
        return { events: [], dispatches: [] };
      }),
    );
    return answer;
  }

  async stop(arn: string, error?: string, cause?: string): Promise<ExecutionState | undefined> {
    let stopped: ExecutionState | undefined;
    await this.serial(arn, () =>
      this.transition(arn, (i, exec, now) => {
        if (exec.status !== "RUNNING") return undefined;
        stopped = exec;
        return i.stop(exec, now, error, cause);
      }),
    );
    return stopped;
  }

  async redrive(arn: string): Promise<ExecutionState | undefined> {
    let redriven: ExecutionState | undefined;
    await this.serial(arn, () =>
      this.transition(arn, (i, exec, now) => {
        if (exec.status === "RUNNING" || exec.status === "SUCCEEDED") return undefined;
        redriven = exec;
        return i.redrive(exec, now);
      }),
    );
    if (redriven) void this.drive(arn).catch(() => undefined);
    return redriven;
  }

  /** Takes over integration calls whose process died, and calls them again. */
  private reclaim(arn: string): Promise<unknown> {
    return this.serial(arn, () =>
      this.transition(arn, (_i, exec) => {
        const tasks = pendingDispatches(exec);
        return tasks.length === 0 ? undefined : { events: [], dispatches: tasks.map((t) => t.id) };
      }),
    );
  }

  /** Resolves once the execution is no longer RUNNING. */
  untilSettled(arn: string): Promise<void> {
    const loaded = this.repo.load(arn);
    if (loaded?.exec.status !== "RUNNING") return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.endWaiters.get(arn) ?? [];
      list.push(resolve);
      this.endWaiters.set(arn, list);
    });
  }

  private ended(arn: string): void {
    this.interpreters.delete(arn);
    this.committed.delete(arn);
    const waiters = this.endWaiters.get(arn);
    this.endWaiters.delete(arn);
    for (const resolve of waiters ?? []) resolve();
  }

  /**
   * Resolves once this process has nothing in flight: no integration call running and
   * no transition queued (or after `limitMs`). An emulator that stops waits for this
   * first, so the CLI command that started or answered an execution leaves it at a
   * resting point — waiting for a token or a timer, or ended — instead of abandoning a
   * call for another process to repeat once its claim lapses.
   */
  async quiesce(limitMs: number): Promise<void> {
    const deadline = this.now() + limitMs;
    while ((this.inflight.size > 0 || this.queues.size > 0) && this.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Starts polling for due timers and lapsed claims (including those left by a previous process). */
  startTimers(): void {
    this.closed = false;
    this.timers.start();
  }

  /** Stops polling and starts nothing more (the store may be closing). */
  stopTimers(): void {
    this.timers.stop();
    this.closed = true;
  }
}
