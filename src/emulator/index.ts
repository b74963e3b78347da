/**
 * The local emulator: bedrock-agent (and, in later work, bedrock-agent-runtime
 * and Step Functions) on one 127.0.0.1 port, state in SQLite. Behaviour is
 * specified in SPEC.md beside this file. Options come from the command layer;
 * nothing here reads the environment.
 */
import { type AccessLog, NO_ACCESS_LOG, openAccessLog } from "./access-log.js";
import { type RunningAccountServices, startAccountServices } from "./account/services.js";
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
import { stepFunctionsService } from "./services/step-functions.js";
import { Store } from "./store/index.js";
import { isLatencyProfile } from "./timing.js";

export type { FaultSpec } from "./faults.js";
export { parseFaultSpec } from "./faults.js";

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
  /**
   * How long after CreateRole/PutRolePolicy/UpdateAssumeRolePolicy/AttachRolePolicy
   * Lambda still cannot assume the role (SPEC.md, IAM propagation). Default: 0 with
   * latency "fast", 5000 with "realistic".
   */
  iamPropagationMs?: number;
}

/**
 * Knobs for tests, deliberately outside EmulatorOptions (the command layer's
 * contract): every real client is served well by the defaults.
 */
export interface EmulatorInternals {
  /** Client timeouts (server/limits.ts); tests shorten them to observe them. */
  serverLimits?: Partial<ServerLimits>;
}

export interface RunningEmulator {
  endpoint: string;
  port: number;
  region: string;
  accountId: string;
  dbPath: string;
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
  const propagation = opts.iamPropagationMs;
  if (propagation !== undefined && (!Number.isInteger(propagation) || propagation < 0))
    throw new Error(
      `Emulator IAM propagation ${propagation} ms must be a whole number of milliseconds, 0 or more.`,
    );
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
  let listener: Listener;
  let account: RunningAccountServices | undefined;
  try {
    account = startAccountServices({
      db: store.db,
      dbPath: opts.dbPath,
      region,
      accountId,
      latency: ctx.latency,
      ...(opts.iamPropagationMs !== undefined ? { iamPropagationMs: opts.iamPropagationMs } : {}),
    });
    // Resume what a previous server left pending before taking requests.
    ctx.scheduler.start();
    listener = await listen(
      opts.port ?? 0,
      createHttpHandler({
        controlPlane: controlPlaneService(ctx),
        runtime: agentRuntimeService,
        stepFunctions: stepFunctionsService,
        claim: account.claim,
        internal: (request) => internalCall(request, identity, () => store.db.reset()),
        faults,
        accessLog,
        bodyStallMs: limits.bodyStallMs,
      }),
      limits,
    );
  } catch (err) {
    ctx.scheduler.stop();
    account?.close();
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
      account?.close();
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
    close,
    [Symbol.asyncDispose]: close,
  };
}
