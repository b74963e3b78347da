/**
 * IAM, STS, Lambda and SNS checked by a client nobody here wrote: plain boto3
 * runs test/python/account_conformance.py against one emulator port.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { boto3Missing, isolatedPythonEnv, runPython } from "../helpers/python.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const script = path.join(repoRoot, "test/python/account_conformance.py");

const skipReason = boto3Missing();
if (skipReason) console.warn(`skipping boto3 IAM/STS/Lambda/SNS conformance: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("boto3 against the emulator's IAM, STS, Lambda and SNS", () => {
  it("passes the role, policy, identity, function, invoke, permission and topic checks", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "agentctl-boto3-account-"));
    try {
      await using emulator = await startEmulator({
        dbPath: path.join(dir, "state.db"),
        port: 0,
        latency: "fast",
      });
      const env = isolatedPythonEnv({
        AWS_ENDPOINT_URL_IAM: emulator.endpoint,
        AWS_ENDPOINT_URL_STS: emulator.endpoint,
        AWS_ENDPOINT_URL_LAMBDA: emulator.endpoint,
        AWS_ENDPOINT_URL_SNS: emulator.endpoint,
        AWS_DEFAULT_REGION: emulator.region,
        AWS_ACCESS_KEY_ID: "agentctl-local",
        AWS_SECRET_ACCESS_KEY: "agentctl-local",
      });
      const { code, output } = await runPython(script, env);
      expect(code, `account_conformance.py failed:\n${output}`).toBe(0);
      expect(output).toContain("all checks passed");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
