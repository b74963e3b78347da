import { invalidParameter, lambdaValidation } from "./errors.js";
import type { FunctionSettings } from "./store.js";

/** Runtimes the emulator can run: the handler is imported in-process by Node (invoke.ts). */
export const NODE_RUNTIMES = ["nodejs20.x", "nodejs22.x", "nodejs24.x"] as const;
/** Every other current value of the model's Runtime enum: accepted, but Invoke cannot run them. */
const OTHER_RUNTIMES = new Set([
  "nodejs18.x",
  "python3.9",
  "python3.10",
  "python3.11",
  "python3.12",
  "python3.13",
  "java11",
  "java17",
  "java21",
  "java8.al2",
  "dotnet8",
  "ruby3.2",
  "ruby3.3",
  "ruby3.4",
  "provided.al2",
  "provided.al2023",
]);

const ROLE_PATTERN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ENV_KEY = /^[a-zA-Z]([a-zA-Z0-9_])+$/;
/** Variables the runtime sets itself; Lambda refuses them [D configuration-envvars]. */
const RESERVED_ENV = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
]);

const constraint = (value: unknown, member: string, rule: string) =>
  lambdaValidation(
    `1 validation error detected: Value '${typeof value === "string" ? value : JSON.stringify(value)}' at '${member}' failed to satisfy constraint: ${rule}`,
  );

function integerIn(
  body: Record<string, unknown>,
  key: string,
  member: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value))
    throw constraint(value, member, "Member must be an integer");
  if (value < min) throw constraint(value, member, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraint(value, member, `Member must have value less than or equal to ${max}`);
  return value;
}

/**
 * The configuration members of CreateFunction and UpdateFunctionConfiguration
 * that were given, checked (§2.3). Limits are the documented ones where the
 * model is laxer (Timeout ≤ 900, MemorySize ≤ 10240; §6 unverified, the safer choice).
 */
export function settingsFrom(body: Record<string, unknown>): Partial<FunctionSettings> {
  const out: Partial<FunctionSettings> = {};
  const runtime = body.Runtime;
  if (runtime !== undefined && runtime !== null) {
    if (
      typeof runtime !== "string" ||
      !((NODE_RUNTIMES as readonly string[]).includes(runtime) || OTHER_RUNTIMES.has(runtime))
    )
      throw invalidParameter(
        `Value ${String(runtime)} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${[...NODE_RUNTIMES, ...OTHER_RUNTIMES].join(", ")}] or be a valid ARN`,
      );
    out.Runtime = runtime;
  }
  const role = body.Role;
  if (role !== undefined && role !== null) {
    if (typeof role !== "string" || !ROLE_PATTERN.test(role))
      throw constraint(
        role,
        "role",
        "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
      );
    out.Role = role;
  }
  const handler = body.Handler;
  if (handler !== undefined && handler !== null) {
    if (typeof handler !== "string" || handler.length > 128 || !/^[^\s]+$/.test(handler))
      throw constraint(handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+");
    out.Handler = handler;
  }
  const description = body.Description;
  if (description !== undefined && description !== null) {
    if (typeof description !== "string" || description.length > 256)
      throw constraint(description, "description", "Member must have length less than or equal to 256");
    out.Description = description;
  }
  const timeout = integerIn(body, "Timeout", "timeout", 1, 900);
  if (timeout !== undefined) out.Timeout = timeout;
  const memory = integerIn(body, "MemorySize", "memorySize", 128, 10240);
  if (memory !== undefined) out.MemorySize = memory;
  const environment = environmentOf(body.Environment);
  if (environment) out.Environment = environment;
  const architectures = body.Architectures;
  if (architectures !== undefined && architectures !== null) {
    if (
      !Array.isArray(architectures) ||
      architectures.length !== 1 ||
      !["x86_64", "arm64"].includes(architectures[0])
    )
      throw constraint(architectures, "architectures", "Member must have exactly one of [x86_64, arm64]");
    out.Architectures = [architectures[0] as string];
  }
  const storage = body.EphemeralStorage as { Size?: unknown } | undefined;
  if (storage !== undefined && storage !== null) {
    const size = integerIn({ Size: storage.Size }, "Size", "ephemeralStorage.size", 512, 10240);
    if (size === undefined) throw constraint(null, "ephemeralStorage.size", "Member must not be null");
    out.EphemeralStorage = { Size: size };
  }
  return out;
}

function environmentOf(value: unknown): FunctionSettings["Environment"] | undefined {
  if (value === undefined || value === null) return undefined;
  const variables = (value as { Variables?: unknown }).Variables ?? {};
  if (typeof variables !== "object" || variables === null || Array.isArray(variables))
    throw lambdaValidation("Environment.Variables must be a map of strings.");
  const out: Record<string, string> = {};
  const reserved: string[] = [];
  for (const [key, v] of Object.entries(variables)) {
    if (!ENV_KEY.test(key))
      throw constraint(
        key,
        "environment.variables",
        "Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+",
      );
    if (typeof v !== "string") throw lambdaValidation(`Environment variable ${key} must be a string.`);
    if (RESERVED_ENV.has(key)) reserved.push(key);
    out[key] = v;
  }
  if (reserved.length > 0)
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(", ")}`,
    );
  // The total size is capped at 4 KB [D].
  if (Buffer.byteLength(JSON.stringify(out)) > 4096)
    throw invalidParameter(
      "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit.",
    );
  return { Variables: out };
}
