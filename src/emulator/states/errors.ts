/** ASL errors: what a state fails with, and how Retry/Catch match them. */

/** A failure inside a state, named as AWS names it (States.* or the integration's own name). */
export class StatesError extends Error {
  readonly error: string;
  readonly causeText: string;
  constructor(error: string, cause: string) {
    super(`${error}: ${cause}`);
    this.name = "StatesError";
    this.error = error;
    this.causeText = cause;
  }
}

export const runtimeError = (cause: string): StatesError => new StatesError("States.Runtime", cause);

/**
 * Does a retrier's or catcher's ErrorEquals match `error`? AWS: States.ALL matches
 * any error except States.Runtime and States.DataLimitExceeded, which are terminal;
 * States.TaskFailed matches any error except States.Timeout (and the same two).
 * States.Runtime is never retried or caught, even when named. Naming
 * States.DataLimitExceeded explicitly is not documented as catching it, so the
 * safer choice is taken: it stays terminal too.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (error === "States.Runtime" || error === "States.DataLimitExceeded") return false;
  for (const name of errorEquals) {
    if (name === error) return true;
    if (name === "States.ALL") return true;
    if (name === "States.TaskFailed" && error !== "States.Timeout") return true;
  }
  return false;
}

export function errorOf(err: unknown): { error: string; cause: string } {
  if (err instanceof StatesError) return { error: err.error, cause: err.causeText };
  return { error: "States.Runtime", cause: (err as Error)?.message ?? String(err) };
}
