import { createHash } from "node:crypto";
import type { AccountContext } from "../account/context.js";
import { AwsError } from "../aws-error.js";
import type { Reply } from "../server/reply.js";
import { extractedCodeDir } from "./code-dir.js";
import { invalidParameter, resourceConflict } from "./errors.js";
import { requireFunction } from "./functions.js";
import { type LambdaOperation, queryString } from "./operation.js";
import type { RunOutcome, RunSpec } from "./runner.js";
import { NODE_RUNTIMES } from "./settings.js";
import { type FunctionSettings, LambdaTables, type StoredFunction } from "./store.js";

export type InvocationType = "RequestResponse" | "Event" | "DryRun";

export interface InvokeOptions {
  invocationType?: InvocationType;
  /** "Tail": return the last 4 KB of the log (synchronous calls only). */
  logType?: "None" | "Tail";
  qualifier?: string;
  /** Base64 JSON, as in X-Amz-Client-Context. */
  clientContext?: string;
}

export interface InvokeResult {
  /** 200 RequestResponse, 202 Event, 204 DryRun (R §2.3). */
  statusCode: number;
  /** The handler's result as JSON, or the runtime's error object; empty for Event and DryRun. */
  payload: Buffer;
  /** Set when the handler failed: the call still succeeded (HTTP 200). */
  functionError?: "Unhandled";
  executedVersion: string;
  /** Base64 of the log's last 4 KB, with logType Tail on a synchronous call. */
  logResult?: string;
}

const SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
/** The current model text's asynchronous limit (R §2.3). */
const ASYNC_PAYLOAD_LIMIT = 1024 * 1024;
const LOG_TAIL_BYTES = 4096;

/** What an invocation runs: during an update (LastUpdateStatus InProgress) still the previous code and configuration (R §2.3). */
function settingsInEffect(fn: StoredFunction, now: number): FunctionSettings {
  return now < fn.updateDoneAt && fn.previous ? fn.previous : fn.current;
}

function eventJson(payload: Buffer): string {
  // An empty payload reaches the handler as {} [I]: both SDKs send none when the caller gives none.
  if (payload.length === 0) return "{}";
  const text = payload.toString("utf8");
  try {
    JSON.parse(text);
  } catch (err) {
    throw new AwsError(
      "InvalidRequestContentException",
      400,
      `Could not parse request body into json: ${(err as Error).message}`,
    );
  }
  return text;
}

function environmentOf(
  ctx: AccountContext,
  fn: StoredFunction,
  settings: FunctionSettings,
  taskRoot: string,
): Record<string, string> {
  const stream = createHash("sha256")
    .update(`${fn.FunctionArn}/${settings.codeKey}`)
    .digest("hex")
    .slice(0, 32);
  const day = new Date(ctx.now()).toISOString().slice(0, 10).replace(/-/g, "/");
  return {
    ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
    LANG: "en_US.UTF-8",
    ...(settings.Environment?.Variables ?? {}),
    AWS_REGION: ctx.region,
    AWS_DEFAULT_REGION: ctx.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${settings.Runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.FunctionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.MemorySize),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.FunctionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[$LATEST]${stream}`,
    LAMBDA_TASK_ROOT: taskRoot,
    LAMBDA_RUNTIME_DIR: "/var/runtime",
    _HANDLER: settings.Handler,
    // The execution role's credentials, emulator-style: dummies that only the emulator accepts.
    AWS_ACCESS_KEY_ID: "agentctl-local",
    AWS_SECRET_ACCESS_KEY: "agentctl-local",
    // SDK clients inside the handler call the emulated account, not AWS.
    ...(ctx.endpoint ? { AWS_ENDPOINT_URL: ctx.endpoint } : {}),
  };
}

function logTail(outcome: RunOutcome, settings: FunctionSettings): string {
  const id = outcome.requestId;
  const duration = outcome.durationMs.toFixed(2);
  const text =
    `START RequestId: ${id} Version: $LATEST\n${outcome.logs.join("")}END RequestId: ${id}\n` +
    `REPORT RequestId: ${id}\tDuration: ${duration} ms\tBilled Duration: ${Math.ceil(outcome.durationMs)} ms\tMemory Size: ${settings.MemorySize} MB\t\n`;
  const bytes = Buffer.from(text);
  return bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES)).toString("base64");
}

/**
 * Invokes a function the way Lambda's Invoke does — the internal entry point
 * for the emulator's other services (the agent runtime's action groups, Step
 * Functions' lambda:invoke task) as well as the HTTP operation. `payload` is
 * sent as is when it is a Buffer/Uint8Array or string, JSON-encoded otherwise.
 * Throws AwsError for what Lambda answers with an HTTP error (not found,
 * Pending, bad payload); a handler's failure is a result with functionError.
 */
export async function invokeFunction(
  ctx: AccountContext,
  functionNameOrArn: string,
  payload: unknown,
  options: InvokeOptions = {},
): Promise<InvokeResult> {
  const raw =
    payload instanceof Uint8Array
      ? Buffer.from(payload)
      : typeof payload === "string"
        ? Buffer.from(payload)
        : Buffer.from(JSON.stringify(payload ?? null));
  const type = options.invocationType ?? "RequestResponse";
  const query: Record<string, string> =
    options.qualifier !== undefined ? { Qualifier: options.qualifier } : {};
  const prepared = ctx.db.read(() => {
    const fn = requireFunction(ctx, { functionName: functionNameOrArn, query });
    const now = ctx.now();
    if (now < fn.activeAt)
      throw resourceConflict(
        "The operation cannot be performed at this time. The function is currently in the following state: Pending",
      );
    const settings = settingsInEffect(fn, now);
    const taskRoot = extractedCodeDir(ctx.codeDir, settings.codeKey, () =>
      new LambdaTables(ctx.db).code(settings.codeKey),
    );
    return { fn, settings, taskRoot };
  });
  const { fn, settings, taskRoot } = prepared;
  const limit = type === "Event" ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
  if (raw.length > limit)
    throw new AwsError(
      "RequestTooLargeException",
      413,
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
    );
  const event = eventJson(raw);
  if (!(NODE_RUNTIMES as readonly string[]).includes(settings.Runtime))
    throw new AwsError(
      "InvalidRuntimeException",
      502,
      `The local emulator runs only ${NODE_RUNTIMES.join(", ")} functions; ${fn.FunctionName} uses ${settings.Runtime}.`,
    );
  if (type === "DryRun") return { statusCode: 204, payload: Buffer.alloc(0), executedVersion: "$LATEST" };
  let clientContext: unknown;
  if (options.clientContext !== undefined) {
    try {
      clientContext = JSON.parse(Buffer.from(options.clientContext, "base64").toString("utf8"));
    } catch {
      throw invalidParameter("Client context must be a valid Base64-encoded JSON object.");
    }
  }
  const spec: RunSpec = {
    functionName: fn.FunctionName,
    functionArn: fn.FunctionArn,
    instanceId: fn.instanceId,
    taskRoot,
    handler: settings.Handler,
    runtime: settings.Runtime,
    timeoutSeconds: settings.Timeout,
    memoryMb: settings.MemorySize,
    env: environmentOf(ctx, fn, settings, taskRoot),
    ...(clientContext !== undefined ? { clientContext } : {}),
  };
  if (type === "Event") {
    // Lambda queues the event and retries a failure twice; here it runs once, now, and its outcome is dropped.
    void ctx.runner.run(spec, event).catch(() => undefined);
    return { statusCode: 202, payload: Buffer.alloc(0), executedVersion: "$LATEST" };
  }
  const outcome = await ctx.runner.run(spec, event);
  return {
    statusCode: 200,
    payload: Buffer.from(outcome.payload),
    ...(outcome.error ? { functionError: "Unhandled" as const } : {}),
    executedVersion: "$LATEST",
    ...(options.logType === "Tail" ? { logResult: logTail(outcome, settings) } : {}),
  };
}

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export const INVOKE_OPERATIONS: Record<string, LambdaOperation> = {
  Invoke: {
    mode: "async",
    async run(ctx, input): Promise<Reply> {
      const type = header(input.headers, "x-amz-invocation-type") ?? "RequestResponse";
      if (type !== "RequestResponse" && type !== "Event" && type !== "DryRun")
        throw invalidParameter(
          `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
        );
      const logType = header(input.headers, "x-amz-log-type") ?? "None";
      if (logType !== "None" && logType !== "Tail")
        throw invalidParameter(
          `1 validation error detected: Value '${logType}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [Tail, None]`,
        );
      const qualifier = queryString(input.query, "Qualifier");
      const clientContext = header(input.headers, "x-amz-client-context");
      const result = await invokeFunction(ctx, input.functionName, input.raw, {
        invocationType: type,
        logType,
        ...(qualifier !== undefined ? { qualifier } : {}),
        ...(clientContext !== undefined ? { clientContext } : {}),
      });
      const headers: Record<string, string> = {};
      if (result.statusCode === 200) {
        headers["Content-Type"] = "application/json";
        headers["X-Amz-Executed-Version"] = result.executedVersion;
        if (result.functionError) headers["X-Amz-Function-Error"] = result.functionError;
        if (result.logResult) headers["X-Amz-Log-Result"] = result.logResult;
      }
      return result.statusCode === 200
        ? { status: 200, headers, body: result.payload }
        : { status: result.statusCode, headers };
    },
  },
};
