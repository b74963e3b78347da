/**
 * Remembers which handler sources parse. The only parser Node ships (stripTypeScriptTypes)
 * spends ~50 ms instantiating its WebAssembly in every process, mostly to re-confirm that
 * unchanged handlers still parse. A source that parsed once with this Node version parses
 * again, so its SHA-256 (with the Node version) is recorded in a per-user directory under the
 * temp dir, and a recorded source is not parsed again. Only successes are recorded: an error
 * is always parsed afresh, so its message and position are exact. Records count only in a
 * directory this user owns that nobody else can write to. The cache is never needed for
 * correctness: a missing, foreign or unwritable directory just means parsing every time.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findSyntaxError, type SyntaxProblem } from "./syntax-check.js";

export function defaultSyntaxCacheDir(): string {
  return path.join(os.tmpdir(), `agentctl-${process.getuid?.() ?? "user"}`, "parsed-handlers");
}

export function findSyntaxErrorCached(
  source: string,
  dir: string = defaultSyntaxCacheDir(),
): SyntaxProblem | undefined {
  const entry = path.join(
    dir,
    createHash("sha256").update(`${process.version}\u0000${source}`).digest("hex"),
  );
  if (trusted(dir) && existsSync(entry)) return undefined;
  const problem = findSyntaxError(source);
  if (!problem) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(entry, "");
    } catch {
      // Read-only or foreign temp dir: parse next time too.
    }
  }
  return problem;
}

const trustedDirs = new Map<string, boolean>();

/** A record only counts in a directory this user owns and nobody else may write to. */
function trusted(dir: string): boolean {
  let verdict = trustedDirs.get(dir);
  if (verdict === undefined) {
    try {
      const info = statSync(dir);
      verdict = (process.getuid === undefined || info.uid === process.getuid()) && (info.mode & 0o022) === 0;
    } catch {
      verdict = false;
    }
    // A missing directory is created (0700) on the first success; ask again then.
    if (verdict) trustedDirs.set(dir, verdict);
  }
  return verdict;
}
