/**
 * The emulator checked by a client nobody here wrote: plain boto3 runs the
 * bedrock-agent lifecycle of aws-behaviour.md §2–§3 against it (test/python/conformance.py).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { boto3Missing, isolatedPythonEnv, runPython } from "../helpers/python.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const script = path.join(repoRoot, "test/python/conformance.py");

const skipReason = boto3Missing();
if (skipReason) console.warn(`skipping boto3 conformance: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("boto3 against the emulator", () => {
  it("passes the bedrock-agent lifecycle, errors and pagination checks", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "agentctl-boto3-"));
    try {
      await using fast = await startEmulator({ dbPath: path.join(dir, "fast.db"), port: 0, latency: "fast" });
      // Only for the one call that must land mid-transition (see conformance.py).
      await using slow = await startEmulator({
        dbPath: path.join(dir, "slow.db"),
        port: 0,
        latency: "realistic",
      });
      const env = isolatedPythonEnv({
        AWS_ENDPOINT_URL_BEDROCK_AGENT: fast.endpoint,
        CONFORMANCE_SLOW_ENDPOINT: slow.endpoint,
        AWS_DEFAULT_REGION: fast.region,
        AWS_ACCESS_KEY_ID: "agentctl-local",
        AWS_SECRET_ACCESS_KEY: "agentctl-local",
      });
      const { code, output } = await runPython(script, env);
      expect(code, `conformance.py failed:\n${output}`).toBe(0);
      expect(output).toContain("all checks passed");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
