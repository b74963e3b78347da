/**
 * Finding the task token a waiting state handed out, from its TaskScheduled
 * parameters alone, so `run-workflow` can print the exact `agentctl approve …`
 * command and `approve EXECUTION` can find the one pending token — on AWS and on
 * the emulator alike, without access to the token store.
 *
 * A `.waitForTaskToken` task passes `$$.Task.Token` somewhere in its parameters:
 * as a field of its own or formatted into a message (the sample's SNS message).
 * AWS tokens are long opaque strings of the base64 alphabet (several hundred
 * characters); the emulator's are two base64url parts joined by a dot. So the token is the longest run of that
 * alphabet of at least MIN_TOKEN_LENGTH characters in any string value.
 */
const MIN_TOKEN_LENGTH = 40;
const TOKEN_RUN = /[A-Za-z0-9+/=_.-]{40,}/g;

export function findTaskToken(parametersJson: string | undefined): string | undefined {
  if (!parametersJson) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(parametersJson);
  } catch {
    parsed = parametersJson;
  }
  let best: string | undefined;
  for (const text of stringsIn(parsed)) {
    for (const match of text.matchAll(TOKEN_RUN)) {
      const run = match[0];
      if (run.length >= MIN_TOKEN_LENGTH && (!best || run.length > best.length)) best = run;
    }
  }
  return best;
}

function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (value && typeof value === "object")
    for (const item of Object.values(value)) yield* stringsIn(item);
}

/** `lambda:invoke.waitForTaskToken`, `sns:publish.waitForTaskToken`, … */
export function isTokenResource(resource: string | undefined): boolean {
  return resource?.endsWith(".waitForTaskToken") ?? false;
}

/**
 * Whether a command-line reference is a task token rather than an execution
 * name: names are at most 80 characters (§6.2), tokens are longer.
 */
export function looksLikeTaskToken(ref: string): boolean {
  return ref.length > 80 && /^[A-Za-z0-9+/=_.-]+$/.test(ref);
}
