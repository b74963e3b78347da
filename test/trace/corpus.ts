/**
 * Where the recorded real InvokeAgent streams are: AGENTCTL_SHARED_DIR, else `<repo>/../shared`
 * (the main checkout), else /work/shared (worktrees are not siblings of it).
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../helpers/run-cli.js";

function sharedDir(): string | undefined {
  const candidates = [process.env.AGENTCTL_SHARED_DIR, path.resolve(repoRoot, "../shared"), "/work/shared"];
  return candidates.find((dir): dir is string => dir !== undefined && existsSync(path.join(dir, "corpus")));
}

export const tracesDir = (() => {
  const dir = sharedDir();
  return dir ? path.join(dir, "corpus", "traces") : undefined;
})();

export const corpusStreams: string[] =
  tracesDir && existsSync(tracesDir)
    ? readdirSync(tracesDir)
        .filter((f) => f.endsWith(".eventstream"))
        .sort()
        .map((f) => path.join(tracesDir, f))
    : [];

export const corpusAbsentReason = "the recorded streams in ../shared/corpus/traces are absent";
