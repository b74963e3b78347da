/** boto3 `stepfunctions` against the emulator (test/python/sfn_conformance.py). */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../../src/emulator/index.js";
import { boto3Missing, isolatedPythonEnv, runPython } from "../../helpers/python.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const script = path.join(repoRoot, "test/python/sfn_conformance.py");

const skipReason = boto3Missing();
if (skipReason) console.warn(`skipping boto3 stepfunctions conformance: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("boto3 stepfunctions against the emulator", () => {
  it("runs create, start, describe, history, task token, stop, redrive and the error codes", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "agentctl-boto3-sfn-"));
    try {
      await using emulator = await startEmulator(
        { dbPath: path.join(dir, "sfn.db"), port: 0 },
        { sfnPollMs: 50, integrations: { "lambda:invoke": () => ({ ok: true, output: {} }) } },
      );
      const env = isolatedPythonEnv({
        AWS_ENDPOINT_URL_SFN: emulator.endpoint,
        AWS_DEFAULT_REGION: emulator.region,
        AWS_ACCESS_KEY_ID: "agentctl-local",
        AWS_SECRET_ACCESS_KEY: "agentctl-local",
      });
      const { code, output } = await runPython(script, env);
      expect(code, `sfn_conformance.py failed:\n${output}`).toBe(0);
      expect(output).toContain("all checks passed");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
