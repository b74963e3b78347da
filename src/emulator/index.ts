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
import { registerIntegrations } from "./integrations/index.js";
import { agentRuntimeService, createRuntimeContext, type RuntimeOptions } from "./runtime/service.js";
import { createHttpHandler } from "./server/dispatch.js";
import { internalCall } from "./server/internal-endpoints.js";
import { resolveServerLimits, type ServerLimits } from "./server/limits.js";
import { type Listener, listen } from "./server/listener.js";
import { type IntegrationHandler, IntegrationRegistry } from "./states/task-dispatcher.js";
import { createSfnContext, stepFunctionsService } from "./step-functions/index.js";
import { Store } from "./store/index.js";
import { isLatencyProfile } from "./timing.js";

export type { FaultSpec } from "./faults.js";
export { parseFaultSpec } from "./faults.js";
export type { FunctionInvoker, FunctionResult } from "./runtime/actions/function-invoker.js";
export type { RuntimeOptions } from "./runtime/service.js";
export type { IntegrationHandler, TaskDispatcher } from "./states/task-dispatcher.js";

/** How long a stopping emulator waits for Step Functions work in flight (states/driver.ts quiesce). */
const DRAIN_LIMIT_MS = 120_000;

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
  /** The agent runtime: Lambda invoker, local handlers, model settings (runtime/service.ts). */
  runtime?: RuntimeOptions;
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
  // Opened first: a log path that cannot be written fails before any state is opened.
  const accessLog: AccessLog = opts.accessLogFile ? openAccessLog(opts.accessLogFile) : NO_ACCESS_LOG;
  const store = new Store(opts.dbPath);
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
    const services = account;
    registerIntegrations(integrations, {
      invokeFunction: (fn, payload) => services.invokeFunction(fn, payload),
      publish: (input) => services.publish(input),
    });
    // Tests' own handlers win over the emulator's services.
    for (const [name, handler] of Object.entries(internals.integrations ?? {}))
      integrations.register(name, handler);
    // Resume what a previous server left pending before taking requests.
    ctx.scheduler.start();
    sfn.driver.startTimers();
    sfn.expressDriver.startTimers();
    listener = await listen(
      opts.port ?? 0,
      createHttpHandler({
        controlPlane: controlPlaneService(ctx),
        runtime: agentRuntimeService(
          createRuntimeContext(store, runtimeOptions(opts.runtime, account), Date.now),
          () => ctx.scheduler.applyDue(),
        ),
        stepFunctions: stepFunctionsService(sfn),
        claim: account.claim,
        internal: (request) =>
          internalCall(request, identity, {
            reset: () => store.db.reset(),
            outbox: (query) => (account ? account.readOutbox(query) : []),
          }),
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
    await account?.close();
    store.close();
    await accessLog.close();
    throw new Error(`The emulator cannot start on 127.0.0.1:${opts.port ?? 0}: ${(err as Error).message}`, {
      cause: err,
    });
  }

  // Handlers' SDK clients call back into this emulator (lambda/invoke.ts).
  account.ctx.endpoint = `http://127.0.0.1:${listener.port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Work in flight finishes first; it may call back into this listener (the adapter
      // Lambda invokes agents here), so the listener closes after.
      await Promise.all([sfn.driver.quiesce(DRAIN_LIMIT_MS), sfn.expressDriver.quiesce(DRAIN_LIMIT_MS)]);
      await listener.close();
      ctx.scheduler.stop();
      sfn.driver.stopTimers();
      sfn.expressDriver.stopTimers();
      await account?.close();
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

/**
 * Action groups' functions run on the emulator's own Lambda service (the code deploy
 * uploaded), unless the caller wires its own invoker or a table of local handler modules.
 */
function runtimeOptions(
  runtime: RuntimeOptions | undefined,
  account: RunningAccountServices,
): RuntimeOptions {
  if (runtime?.functionInvoker || runtime?.localHandlers) return runtime;
  return {
    ...runtime,
    functionInvoker: {
      async invoke(functionArn, payload) {
        const result = await account.invokeFunction(functionArn, payload);
        return {
          statusCode: result.statusCode,
          payload: result.payload,
          ...(result.functionError ? { functionError: result.functionError } : {}),
        };
      },
    },
  };
}
