import { randomUUID } from "node:crypto";
import { Worker } from "node:worker_threads";
import { WORKER_SOURCE } from "./worker-source.js";

/** What one invocation runs: the function as configured when the call arrived. */
export interface RunSpec {
  functionName: string;
  functionArn: string;
  /** Which incarnation of the function (StoredFunction.instanceId): part of the warm-environment key. */
  instanceId: string;
  taskRoot: string;
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** The complete environment of the execution environment (nothing inherited from agentctl's process). */
  env: Record<string, string>;
  /** Decoded X-Amz-Client-Context, when given. */
  clientContext?: unknown;
}

export interface RunOutcome {
  requestId: string;
  /** JSON text: the handler's result, or the runtime's error object. */
  payload: string;
  error: boolean;
  /** Log lines the handler wrote, in Lambda's text format. */
  logs: string[];
  durationMs: number;
}

interface WorkerReply {
  requestId: string;
  ok: boolean;
  payload?: string;
  error?: { errorType: string; errorMessage: string; trace: string[] };
  logs: string[];
  fatal?: boolean;
}

/** An idle execution environment is kept this long for the next invocation (a "warm start"). */
const IDLE_MS = 5 * 60_000;
/** Resolves @aws-sdk/* for handlers from agentctl's own dependencies (worker-source.ts). */
const SDK_PARENT_URL = import.meta.url;

interface Environment {
  worker: Worker;
  idleTimer?: NodeJS.Timeout;
  /** The thread ended (crashed, or a timer in user code threw while idle). */
  dead: boolean;
}

/**
 * Execution environments for Lambda handlers: one worker thread per
 * concurrent invocation of a function configuration (code, handler,
 * environment, memory), reused while warm. A worker has its own `process.env`
 * (so functions never see agentctl's or each other's variables), a heap capped
 * at the function's MemorySize, and is terminated when the function's Timeout
 * passes — which an in-thread call could not enforce against a busy loop.
 */
export class FunctionRunner {
  private readonly idle = new Map<string, Environment[]>();
  private readonly busy = new Set<Worker>();
  private closed = false;

  async run(spec: RunSpec, eventJson: string): Promise<RunOutcome> {
    if (this.closed) throw new Error("The emulator is closing; the function was not run.");
    const key = JSON.stringify([
      spec.functionArn,
      spec.instanceId,
      spec.taskRoot,
      spec.handler,
      spec.runtime,
      spec.memoryMb,
      spec.env,
    ]);
    const env = this.take(key) ?? this.spawn(spec);
    const requestId = randomUUID();
    const started = performance.now();
    const deadline = Date.now() + spec.timeoutSeconds * 1000;
    const context = {
      functionName: spec.functionName,
      functionVersion: "$LATEST",
      invokedFunctionArn: spec.functionArn,
      memoryLimitInMB: String(spec.memoryMb),
      awsRequestId: requestId,
      logGroupName: spec.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: spec.env.AWS_LAMBDA_LOG_STREAM_NAME,
      ...(spec.clientContext !== undefined ? { clientContext: spec.clientContext } : {}),
    };
    const worker = env.worker;
    this.busy.add(worker);
    worker.ref();
    const reply = await new Promise<WorkerReply & { reusable: boolean }>((resolve) => {
      const finish = (value: WorkerReply, reusable: boolean) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve({ ...value, reusable });
      };
      const runtimeError = (errorType: string, errorMessage: string): WorkerReply => ({
        requestId,
        ok: false,
        error: { errorType, errorMessage, trace: [] },
        logs: [],
      });
      const onMessage = (message: WorkerReply) => {
        if (message.requestId === requestId) finish(message, !message.fatal);
      };
      const onError = (err: Error) => {
        const oom = (err as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
        finish(
          oom
            ? runtimeError(
                "Runtime.OutOfMemory",
                `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
              )
            : {
                requestId,
                ok: false,
                error: {
                  errorType: err.name || "Error",
                  errorMessage: err.message,
                  trace: String(err.stack ?? "").split("\n"),
                },
                logs: [],
              },
          false,
        );
      };
      const onExit = (code: number) =>
        finish(
          runtimeError(
            "Runtime.ExitError",
            `RequestId: ${requestId} Error: Runtime exited with error: exit status ${code}`,
          ),
          false,
        );
      // Shape of a timeout as current Node runtimes report it [C]; unverified (R §6).
      const timer = setTimeout(
        () =>
          finish(
            runtimeError(
              "Sandbox.Timedout",
              `RequestId: ${requestId} Error: Task timed out after ${spec.timeoutSeconds.toFixed(2)} seconds`,
            ),
            false,
          ),
        spec.timeoutSeconds * 1000,
      );
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage({ requestId, event: eventJson, context, deadline });
    });
    this.busy.delete(worker);
    if (reply.reusable && !this.closed) this.park(key, env);
    else void worker.terminate();
    return {
      requestId,
      payload: reply.ok ? (reply.payload ?? "null") : JSON.stringify(reply.error),
      error: !reply.ok,
      logs: reply.logs,
      durationMs: performance.now() - started,
    };
  }

  /** Terminates every execution environment; in-flight invocations end as Runtime.ExitError. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.busy];
    for (const list of this.idle.values())
      for (const env of list) {
        clearTimeout(env.idleTimer);
        workers.push(env.worker);
      }
    this.idle.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(spec: RunSpec): Environment {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: spec.env,
      workerData: { handler: spec.handler, taskRoot: spec.taskRoot, sdkParentUrl: SDK_PARENT_URL },
      resourceLimits: { maxOldGenerationSizeMb: spec.memoryMb },
      stdout: true,
      stderr: true,
    });
    // What the function writes to stdout/stderr directly is dropped, not mixed into agentctl's output.
    worker.stdout.resume();
    worker.stderr.resume();
    const env: Environment = { worker, dead: false };
    // Always listened to: an unheard 'error' from an idle worker would otherwise crash the emulator.
    worker.on("error", () => {
      env.dead = true;
    });
    worker.on("exit", () => {
      env.dead = true;
    });
    return env;
  }

  private take(key: string): Environment | undefined {
    const list = this.idle.get(key) ?? [];
    for (let env = list.pop(); env; env = list.pop()) {
      clearTimeout(env.idleTimer);
      if (!env.dead) return env;
    }
    return undefined;
  }

  private park(key: string, env: Environment): void {
    env.worker.unref();
    env.idleTimer = setTimeout(() => {
      const list = this.idle.get(key);
      const index = list?.indexOf(env) ?? -1;
      if (list && index >= 0) list.splice(index, 1);
      void env.worker.terminate();
    }, IDLE_MS);
    env.idleTimer.unref();
    const list = this.idle.get(key) ?? [];
    list.push(env);
    this.idle.set(key, list);
  }
}
