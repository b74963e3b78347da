/**
 * Remembers checks that found nothing to report, keyed by a hash of everything the check reads,
 * so an unchanged file is not checked again by the next process: deploy validates the whole
 * project every run, and most runs change nothing. A record counts only for the build that made
 * it (BUILD_ID: there is none under tests, so they always check), only when the check reported
 * nothing at all (errors and warnings are found afresh every time, positions exact), and only in
 * a directory this user owns that nobody else can write to. Never needed for correctness: a
 * missing, foreign or unwritable directory just means checking every time.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { BUILD_ID } from "../build-id.js";

/** Per user, under the temp dir (like Node's own compile cache). */
export function cacheRoot(): string {
  return path.join(os.tmpdir(), `agentctl-${process.getuid?.() ?? "user"}`);
}

export function defaultVerdictDir(): string {
  return path.join(cacheRoot(), "verdicts");
}

/** The recorded value under `key`, if any, from a trusted directory. */
export function readRecord(dir: string, key: string): string | undefined {
  if (!trusted(dir)) return undefined;
  try {
    return readFileSync(path.join(dir, key), "utf8");
  } catch {
    return undefined;
  }
}

/** Written beside and renamed into place, so a concurrent reader sees the whole record or none. */
export function writeRecord(dir: string, key: string, value: string): void {
  const temporary = path.join(dir, `.${key}.${process.pid}.${threadId}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, value);
    renameSync(temporary, path.join(dir, key));
  } catch {
    // Read-only or foreign temp dir: check again next time.
    try {
      rmSync(temporary, { force: true });
    } catch {}
  }
}

export function hashKey(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/**
 * `check`'s result for these inputs: recorded by an earlier run of this build when it was
 * `clean`, else computed (and recorded when clean). `inputs` must be everything the result
 * depends on; `kind` keeps different checks of the same text apart. Results are stored as JSON.
 */
export async function rememberedCheck<T>(
  kind: string,
  inputs: readonly string[],
  check: () => Promise<T> | T,
  clean: (result: T) => boolean,
  dir: string = defaultVerdictDir(),
  buildId: string | undefined = BUILD_ID,
): Promise<T> {
  if (buildId === undefined) return check();
  const key = hashKey([kind, buildId, ...inputs]);
  const recorded = readRecord(dir, key);
  if (recorded !== undefined) {
    try {
      return JSON.parse(recorded) as T;
    } catch {
      // A torn write: check again and overwrite it.
    }
  }
  const result = await check();
  if (clean(result)) writeRecord(dir, key, JSON.stringify(result));
  return result;
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
    // A missing directory is created (0700) on the first record; ask again then.
    if (verdict) trustedDirs.set(dir, verdict);
  }
  return verdict;
}
