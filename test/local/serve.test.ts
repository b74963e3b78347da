import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { ListAgentsCommand } from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import { createAwsClients } from "../../src/aws/clients.js";
import { LOCAL_CREDENTIALS } from "../../src/aws/target-settings.js";
import { fetchHealth } from "../../src/core/local/health.js";
import { openLocalEmulator } from "../../src/core/local/open-local-emulator.js";
import { serverRecordPath } from "../../src/core/local/paths.js";
import { type ServeInfo, serveLocal } from "../../src/core/local/serve.js";
import { tempDir } from "./helpers.js";

function serveOptions(projectDir: string, port?: number) {
  return {
    projectDir,
    dbPath: path.join(projectDir, ".agentctl", "emulator.db"),
    region: "eu-west-1",
    ...(port !== undefined ? { port } : {}),
    pid: process.pid,
    credentials: LOCAL_CREDENTIALS,
  };
}

/** Starts serveLocal and resolves once it is ready; `stop()` aborts and waits for it to finish. */
async function startServing(projectDir: string) {
  const abort = new AbortController();
  let ready!: (info: ServeInfo) => void;
  const readyInfo = new Promise<ServeInfo>((resolve) => {
    ready = resolve;
  });
  const done = serveLocal(serveOptions(projectDir), abort.signal, ready);
  const info = await Promise.race([readyInfo, done]);
  return {
    info,
    done,
    async stop() {
      abort.abort();
      return done;
    },
  };
}

describe("local serve (core)", () => {
  it("serves, records itself in server.json, and withdraws on abort", async () => {
    await using project = await tempDir();
    const serving = await startServing(project.dir);
    const { info } = serving;
    try {
      expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.exports).toMatchObject({
        AWS_ENDPOINT_URL_BEDROCK_AGENT: info.endpoint,
        AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME: info.endpoint,
        AWS_ENDPOINT_URL_SFN: info.endpoint,
        AWS_ENDPOINT_URL_IAM: info.endpoint,
        AWS_ENDPOINT_URL_STS: info.endpoint,
        AWS_ENDPOINT_URL_LAMBDA: info.endpoint,
        AWS_ENDPOINT_URL_SNS: info.endpoint,
        AWS_REGION: "eu-west-1",
        AWS_DEFAULT_REGION: "eu-west-1",
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      });
      const health = await fetchHealth(info.endpoint);
      expect(health).toMatchObject({ ok: true, pid: process.pid, region: "eu-west-1" });
      const recorded = JSON.parse(await readFile(serverRecordPath(project.dir), "utf8"));
      expect(recorded).toMatchObject({ pid: process.pid, endpoint: info.endpoint, port: info.port });
      expect(existsSync(path.join(project.dir, ".agentctl", "emulator.db"))).toBe(true);

      // Other commands of the project now reuse this server instead of starting one.
      await using shared = await openLocalEmulator(project.dir, {
        vars: {},
        cwd: project.dir,
        region: "us-east-1",
      });
      expect(shared).toMatchObject({ shared: true, endpoint: info.endpoint, region: "eu-west-1" });
    } finally {
      await serving.stop();
    }
    expect(existsSync(serverRecordPath(project.dir))).toBe(false);
    expect(await fetchHealth(info.endpoint, 300)).toBeUndefined();
  });

  it("writes the access log it is given", async () => {
    await using project = await tempDir();
    const accessLogFile = path.join(project.dir, "access.ndjson");
    const abort = new AbortController();
    const done = serveLocal({ ...serveOptions(project.dir), accessLogFile }, abort.signal, (info) => {
      const clients = createAwsClients({
        endpoint: info.endpoint,
        region: info.region,
        credentials: LOCAL_CREDENTIALS,
      });
      void clients
        .bedrockAgent()
        .then((c) => c.send(new ListAgentsCommand({})))
        .finally(() => {
          clients.destroy();
          abort.abort();
        });
    });
    await done;
    const lines = (await readFile(accessLogFile, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual(expect.objectContaining({ operation: "ListAgents", status: 200 }));
  });

  it("refuses a second server for the same project", async () => {
    await using project = await tempDir();
    const first = await startServing(project.dir);
    try {
      await expect(
        serveLocal(serveOptions(project.dir), new AbortController().signal, () => {}),
      ).rejects.toMatchObject({ name: "FailedError", message: expect.stringContaining(first.info.endpoint) });
    } finally {
      await first.stop();
    }
  });

  it("explains a port that is already taken, without a stack", async () => {
    await using project = await tempDir();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(
        serveLocal(serveOptions(project.dir, port), new AbortController().signal, () => {}),
      ).rejects.toMatchObject({
        name: "UsageError",
        exitCode: 2,
        message: `Port ${port} on 127.0.0.1 is already in use.`,
      });
      expect(existsSync(serverRecordPath(project.dir))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
