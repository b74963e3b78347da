/**
 * How the runtime calls an action group's Lambda function. The emulator's Lambda service
 * plugs in here (`invokeFunction(lambdaCtx, arn, payload)` wrapped as a FunctionInvoker);
 * until then, and for tests, `localHandlerInvoker` runs a local handler module the way Lambda's
 * Node.js runtime would: `handler(event, context)`, awaited, its result JSON-serialised, a throw
 * reported as an Unhandled function error with Lambda's error payload.
 */
import { statSync } from "node:fs";
import { type HandlerFunction, importHandler } from "../../../local-assets/import-handler.js";

export interface FunctionResult {
  /** Lambda's Invoke status (200 for a completed call, also when the function threw). */
  statusCode: number;
  payload: Buffer;
  /** Set when the function failed; the payload then holds {errorMessage, errorType, trace}. */
  functionError?: "Unhandled" | "Handled";
}

export interface FunctionInvoker {
  /** Rejects when the function cannot be called at all (unknown function, service error). */
  invoke(functionArn: string, payload: Buffer): Promise<FunctionResult>;
}

/** Maps a function ARN (or its name) to a module path; undefined when there is no local handler. */
export type HandlerResolver = (functionArn: string) => string | undefined;

/** A resolver over a table keyed by full ARN or by function name. */
export function handlerTable(table: Readonly<Record<string, string>>): HandlerResolver {
  return (arn) => table[arn] ?? table[functionName(arn)];
}

/** `arn:aws:lambda:r:a:function:Name[:qualifier]` → Name; a bare name stays as it is. */
export function functionName(arn: string): string {
  const m = /:function:([^:]+)/.exec(arn);
  return m?.[1] ?? arn;
}

type Handler = HandlerFunction;

async function loadHandler(modulePath: string): Promise<Handler> {
  // Imported once per process, as Lambda keeps a warm instance (an edited handler needs a restart
  // of `local serve`); a query string to bust the cache would hide the .ts extension from loaders.
  statSync(modulePath);
  return importHandler(modulePath);
}

function lambdaContext(functionArn: string) {
  return {
    functionName: functionName(functionArn),
    functionVersion: "$LATEST",
    invokedFunctionArn: functionArn,
    memoryLimitInMB: "128",
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => 30_000,
    callbackWaitsForEmptyEventLoop: true,
  };
}

export function localHandlerInvoker(resolve: HandlerResolver): FunctionInvoker {
  return {
    async invoke(functionArn, payload) {
      const modulePath = resolve(functionArn);
      if (modulePath === undefined) {
        const err = new Error(`Function not found: ${functionArn} (no local handler is registered for it).`);
        err.name = "ResourceNotFoundException";
        throw err;
      }
      const handler = await loadHandler(modulePath);
      try {
        const result = await handler(JSON.parse(payload.toString("utf8")), lambdaContext(functionArn));
        // Lambda serialises `undefined` as null.
        return { statusCode: 200, payload: Buffer.from(JSON.stringify(result ?? null)) };
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        const body = { errorType: e.name, errorMessage: e.message, trace: (e.stack ?? "").split("\n") };
        return { statusCode: 200, payload: Buffer.from(JSON.stringify(body)), functionError: "Unhandled" };
      }
    },
  };
}
