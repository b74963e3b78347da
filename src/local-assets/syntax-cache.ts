/**
 * Remembers which handler sources parse. The only parser Node ships (stripTypeScriptTypes)
 * spends ~50 ms instantiating its WebAssembly in every process, mostly to re-confirm that
 * unchanged handlers still parse. A source that parsed once with this Node version parses
 * again, so its SHA-256 (with the Node version) is recorded in a per-user directory under the
 * temp dir (source/verdict-cache.ts: trusted directories only), and a recorded source is not
 * parsed again. Only successes are recorded: an error is always parsed afresh, so its message
 * and position are exact. The cache is never needed for correctness.
 */
import path from "node:path";
import { cacheRoot, hashKey, readRecord, writeRecord } from "../source/verdict-cache.js";
import { findSyntaxError, type SyntaxProblem } from "./syntax-check.js";

export function defaultSyntaxCacheDir(): string {
  return path.join(cacheRoot(), "parsed-handlers");
}

export function findSyntaxErrorCached(
  source: string,
  dir: string = defaultSyntaxCacheDir(),
): SyntaxProblem | undefined {
  const key = hashKey([process.version, source]);
  if (readRecord(dir, key) !== undefined) return undefined;
  const problem = findSyntaxError(source);
  if (!problem) writeRecord(dir, key, "");
  return problem;
}
