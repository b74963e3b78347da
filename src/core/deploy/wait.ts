/**
 * Waiting without fixed sleeps: poll with exponential backoff up to a deadline, and
 * retry a write that hit ConflictException (the agent mid-transition) after the agent
 * has settled. Bedrock has no waiters (aws-behaviour.md §3.1), so these are ours.
 */
import { awsErrorName } from "./errors.js";

export interface WaitPolicy {
  /** First delay between polls. */
  initialMs: number;
  maxMs: number;
  timeoutMs: number;
}

export const DEFAULT_WAIT: WaitPolicy = { initialMs: 50, maxMs: 2_000, timeoutMs: 15 * 60_000 };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class WaitTimeoutError extends Error {}

/** Polls `read` until `done` holds; throws WaitTimeoutError naming `what` after the deadline. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  policy: WaitPolicy = DEFAULT_WAIT,
): Promise<T> {
  const deadline = Date.now() + policy.timeoutMs;
  let delay = policy.initialMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() + delay > deadline) {
      throw new WaitTimeoutError(
        `Timed out after ${Math.round(policy.timeoutMs / 1000)} s waiting for ${what}.`,
      );
    }
    await sleep(delay);
    delay = Math.min(policy.maxMs, Math.round(delay * 1.6));
  }
}

/**
 * Retries `fn` while it fails with ConflictException, calling `settle` (wait for the
 * resource to leave its transitional status) before each new attempt.
 */
export async function retryOnConflict<T>(
  fn: () => Promise<T>,
  settle: () => Promise<unknown>,
  attempts = 8,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (awsErrorName(err) !== "ConflictException" || attempt >= attempts) throw err;
      await settle();
      await sleep(Math.min(2_000, 50 * 2 ** attempt));
    }
  }
}

/**
 * IAM propagation (aws-iam-sts-lambda-sns.md §3): right after a role is created or changed,
 * calls that use it can fail with specific errors for a while. Retried with bounded backoff
 * (1 s doubling to 10 s, about 3 minutes in all) only on those errors.
 */
export async function retryPropagation<T>(
  fn: () => Promise<T>,
  isPropagation: (err: unknown) => boolean,
  opts: { initialMs?: number; totalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.totalMs ?? 180_000);
  let delay = opts.initialMs ?? 1_000;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!isPropagation(err) || Date.now() + delay > deadline) throw err;
      await sleep(delay);
      delay = Math.min(10_000, delay * 2);
    }
  }
}

const message = (err: unknown) => String((err as { message?: unknown })?.message ?? "");

/** Lambda: the new execution role cannot be assumed yet. */
export function isLambdaRolePropagation(err: unknown): boolean {
  return (
    awsErrorName(err) === "InvalidParameterValueException" &&
    /cannot be assumed by Lambda|execution role does not have permissions/.test(message(err))
  );
}

/** Bedrock: the agent's new role (or its policy) is not visible to Bedrock yet. */
export function isBedrockRolePropagation(err: unknown): boolean {
  const name = awsErrorName(err);
  return (
    (name === "AccessDeniedException" || name === "ValidationException") &&
    /role|inference ?profile/i.test(message(err))
  );
}

/**
 * Step Functions: the state machine's new role cannot be assumed yet (aws-iam-sts-lambda-sns.md
 * §3: AccessDeniedException "Neither the global service principal states.amazonaws.com, nor the
 * regional one is authorized to assume the provided role"). The reference names no other
 * error for this; an InvalidArn is a real mistake and is not retried.
 */
export function isStatesRolePropagation(err: unknown): boolean {
  return (
    awsErrorName(err) === "AccessDeniedException" &&
    /authorized to assume the provided role/.test(message(err))
  );
}
