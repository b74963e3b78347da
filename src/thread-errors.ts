/**
 * Errors as they cross a worker-thread boundary. Structured cloning keeps an Error's message
 * but not its class or its own fields, and agentctl's error mapping reads exactly those: the
 * AWS SDK's `name`, `$metadata` and `$fault` (aws/classify-error.ts), Node's `code`, `syscall`
 * and `path` (system-errors.ts), SQLite's `errcode`. So they are copied by hand, as data.
 */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
  cause?: SerializedError;
}

const FIELDS = [
  "code",
  "syscall",
  "path",
  "errno",
  "address",
  "port",
  "errcode",
  "errstr",
  "$fault",
  "$metadata",
  "$retryable",
  "fieldList",
];

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const key of FIELDS) {
    const value = (err as unknown as Record<string, unknown>)[key];
    if (value !== undefined) fields[key] = plain(value);
  }
  return {
    name: err.name,
    message: err.message,
    ...(err.stack ? { stack: err.stack } : {}),
    fields,
    ...(err.cause !== undefined ? { cause: serializeError(err.cause) } : {}),
  };
}

export function deserializeError(data: SerializedError): Error {
  const err = new Error(
    data.message,
    data.cause ? { cause: deserializeError(data.cause) } : undefined,
  ) as Error & Record<string, unknown>;
  err.name = data.name;
  if (data.stack) err.stack = data.stack;
  Object.assign(err, data.fields);
  return err;
}

/** Only data survives the copy; anything else (a function, a socket) is dropped. */
function plain(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return undefined;
  }
}
