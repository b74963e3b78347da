/** Deploy tests: a copy of the sample project, an emulator with an access log, real SDK clients. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAwsClients } from "../../src/aws/clients.js";
import type { DeployPorts } from "../../src/core/deploy/ports.js";
import { createDeployPorts } from "../../src/core/deploy/sdk-ports.js";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { repoRoot } from "../helpers/run-cli.js";

export const SAMPLE_FILES = ["agentctl.yaml", "agents", "openapi", "templates"];

/** A temporary copy of the sample project; `edit` rewrites one file. */
export function sampleCopy(): {
  dir: string;
  edit(file: string, fn: (text: string) => string): void;
  [Symbol.dispose](): void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), "agentctl-deploy-"));
  for (const f of SAMPLE_FILES) cpSync(path.join(repoRoot, f), path.join(dir, f), { recursive: true });
  return {
    dir,
    edit(file, fn) {
      const p = path.join(dir, file);
      writeFileSync(p, fn(readFileSync(p, "utf8")));
    },
    [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface DeployEmulator {
  emulator: RunningEmulator;
  ports: DeployPorts;
  logFile: string;
  /** Access-log entries so far. */
  log(): { operation: string; status: number }[];
  /** Mutating requests (anything but Get/List/Describe) in the access log so far. */
  mutating(): string[];
  [Symbol.asyncDispose](): Promise<void>;
}

// Describe*: Step Functions' reads (DescribeStateMachine) are named so.
const READ = /^(Get|List|Describe)/;

export async function deployEmulator(
  dir: string,
  opts: Partial<EmulatorOptions> = {},
): Promise<DeployEmulator> {
  const logFile = path.join(dir, ".agentctl-access.ndjson");
  writeFileSync(logFile, "");
  const emulator = await startEmulator({ dbPath: ":memory:", port: 0, accessLogFile: logFile, ...opts });
  const clients = createAwsClients({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const ports = await createDeployPorts(clients);
  const log = () =>
    readFileSync(logFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { operation: string; status: number });
  return {
    emulator,
    ports,
    logFile,
    log,
    mutating: () =>
      log()
        .filter((e) => !READ.test(e.operation) && !e.operation.startsWith("agentctl:"))
        .map((e) => e.operation),
    async [Symbol.asyncDispose]() {
      clients.destroy();
      await emulator.close();
    },
  };
}
