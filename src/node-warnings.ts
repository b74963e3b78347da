/**
 * Node flags some built-ins agentctl relies on as experimental (node:sqlite on
 * Node 22, module.stripTypeScriptTypes) and prints a warning on first use. Users
 * cannot act on it, so exactly that warning is dropped while `run` executes
 * (synchronously, so nothing else can warn in between); every other warning passes.
 */
export function withoutExperimentalWarning<T>(feature: string, run: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes(feature)) return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return run();
  } finally {
    process.emitWarning = emit;
  }
}
