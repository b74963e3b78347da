/**
 * The local emulator: bedrock-agent (and, in later work, bedrock-agent-runtime
 * and Step Functions) on one 127.0.0.1 port, state in SQLite. Behaviour is
 * specified in SPEC.md beside this file. Options come from the command layer;
 * nothing here reads the environment.
 */
import { type AccessLog, NO_ACCESS_LOG, openAccessLog } from "./access-log.js";
import type { ControlPlaneContext } from "./control-plane/context.js";
import { applyTransition } from "./control-plane/lifecycle.js";
import { TransitionScheduler } from "./control-plane/scheduler.js";
import { controlPlaneService } from "./control-plane/service.js";
import { FaultInjector, parseFaultSpec } from "./faults.js";
import { createHttpHandler } from "./server/dispatch.js";
import { internalCall } from "./server/internal-endpoints.js";
import { resolveServerLimits, type ServerLimits } from "./server/limits.js";
import { type Listener, listen } from "./server/listener.js";
import { agentRuntimeService } from "./services/agent-runtime.js";
import { type IntegrationHandler, IntegrationRegistry } from "./states/task-dispatcher.js";
import { createSfnContext, stepFunctionsService } from "./step-functions/index.js";
import { Store } from "./store/index.js";
import { isLatencyProfile } from "./timing.js";

export type { FaultSpec } from "./faults.js";
export { parseFaultSpec } from "./faults.js";
export type { IntegrationHandler, TaskDispatcher } from "./states/task-dispatcher.js";

export interface EmulatorOptions {
  /** SQLite file; ":memory:" allowed for tests. */
  dbPath: string;
  /** 0 or undefined = ephemeral. */
  port?: number;
  /** Default "fast". */
  latency?: "fast" | "realistic";
  /** The value of AGENTCTL_EMULATOR_FAULTS, e.g. "throttle=0.1,seed=42"; "" = none. */
  faults?: string;
  /** NDJSON, appended; one line per request, never headers or credentials. */
  accessLogFile?: string;
  /** Default "us-east-1". */
  region?: string;
  /** Default "000000000000". */
  accountId?: string;
}

/**
 * Knobs for tests, deliberately outside EmulatorOptions (the command layer's
 * contract): every real client is served well by the defaults.
 */
export interface EmulatorInternals {
  /** Client timeouts (server/limits.ts); tests shorten them to observe them. */
  serverLimits?: Partial<ServerLimits>;
  /**
   * Step Functions Task integrations (`lambda:invoke`, `sns:publish`, …), registered
   * before the server resumes executions a previous process left waiting.
   */
  integrations?: Record<string, IntegrationHandler>;
  /** Step Functions: how long a claim on running integration calls lasts, and how often timers are polled. */
  sfnLeaseMs?: number;
  sfnPollMs?: number;
}

export interface RunningEmulator {
  endpoint: string;
  port: number;
  region: string;
  accountId: string;
  dbPath: string;
  /** Where Step Functions Task integrations are registered (see states/task-dispatcher.ts). */
  integrations: IntegrationRegistry;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

function checkOptions(opts: EmulatorOptions, region: string, accountId: string): void {
  if (!/^[a-z0-9-]{1,20}$/.test(region))
    throw new Error(`Emulator region "${region}" is not a region name like us-east-1.`);
  if (!/^\d{12}$/.test(accountId)) throw new Error(`Emulator account id "${accountId}" must be 12 digits.`);
  if (opts.latency !== undefined && !isLatencyProfile(opts.latency)) {
    throw new Error(`Emulator latency "${String(opts.latency)}" must be "fast" or "realistic".`);
  }
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`Emulator port ${port} is not a TCP port.`);
}

export async function startEmulator(
  opts: EmulatorOptions,
  internals: EmulatorInternals = {},
): Promise<RunningEmulator> {
  const region = opts.region ?? "us-east-1";
  const accountId = opts.accountId ?? "000000000000";
  checkOptions(opts, region, accountId);
  const limits = resolveServerLimits(internals.serverLimits);
  const faults = new FaultInjector(parseFaultSpec(opts.faults ?? ""));
  const store = new Store(opts.dbPath);
  const accessLog: AccessLog = opts.accessLogFile ? openAccessLog(opts.accessLogFile) : NO_ACCESS_LOG;
  const ctx: ControlPlaneContext = {
    store,
    region,
    accountId,
    latency: opts.latency ?? "fast",
    faults,
    now: Date.now,
    scheduler: new TransitionScheduler(store, Date.now, (transition) => applyTransition(ctx, transition)),
  };
  const identity = {
    pid: process.pid,
    region,
    accountId,
    dbPath: opts.dbPath,
    startedAt: new Date().toISOString(),
  };
  const integrations = new IntegrationRegistry();
  for (const [name, handler] of Object.entries(internals.integrations ?? {}))
    integrations.register(name, handler);
  const sfn = createSfnContext({
    store,
    region,
    accountId,
    dispatcher: integrations,
    ...(internals.sfnLeaseMs !== undefined ? { leaseMs: internals.sfnLeaseMs } : {}),
    ...(internals.sfnPollMs !== undefined ? { pollMs: internals.sfnPollMs } : {}),
  });
  let listener: Listener;
  try {
    // Resume what a previous server left pending before taking requests.
    ctx.scheduler.start();
    sfn.driver.startTimers();
    sfn.expressDriver.startTimers();
    listener = await listen(
      opts.port ?? 0,
      createHttpHandler({
        controlPlane: controlPlaneService(ctx),
        runtime: agentRuntimeService,
        stepFunctions: stepFunctionsService(sfn),
        internal: (request) => internalCall(request, identity, () => store.db.reset()),
        faults,
        accessLog,
        bodyStallMs: limits.bodyStallMs,
      }),
      limits,
    );
  } catch (err) {
    ctx.scheduler.stop();
    sfn.driver.stopTimers();
    sfn.expressDriver.stopTimers();
    store.close();
    await accessLog.close();
    throw new Error(`The emulator cannot start on 127.0.0.1:${opts.port ?? 0}: ${(err as Error).message}`, {
      cause: err,
    });
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await listener.close();
      ctx.scheduler.stop();
      sfn.driver.stopTimers();
      sfn.expressDriver.stopTimers();
      store.close();
      await accessLog.close();
    })();
    return closing;
  };
  return {
    endpoint: `http://127.0.0.1:${listener.port}`,
    port: listener.port,
    region,
    accountId,
    dbPath: opts.dbPath,
    integrations,
    close,
    [Symbol.asyncDispose]: close,
  };
}
