import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { CreateAgentCommand, ListAgentsCommand } from "@aws-sdk/client-bedrock-agent";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { createAwsClients } from "../../src/aws/clients.js";
import { LOCAL_CREDENTIALS } from "../../src/aws/target-settings.js";
import localReset from "../../src/commands/local-reset.js";
import localStatusCommand from "../../src/commands/local-status.js";
import { openLocalEmulator } from "../../src/core/local/open-local-emulator.js";
import { type ServeInfo, serveLocal } from "../../src/core/local/serve.js";
import { localStatus } from "../../src/core/local/status.js";
import { makeContext, tempDir } from "./helpers.js";

const AGENT = {
  foundationModel: "anthropic.claude-3-5-sonnet-20241022-v2:0",
  instruction: "You validate orders against the product catalog and answer briefly.",
  agentResourceRoleArn: "arn:aws:iam::123456789012:role/AmazonBedrockExecutionRoleForAgents_test",
};

async function createAgents(endpoint: string, region: string, names: string[]): Promise<void> {
  const clients = createAwsClients({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  const client = await clients.bedrockAgent();
  for (const agentName of names) await client.send(new CreateAgentCommand({ agentName, ...AGENT }));
  clients.destroy();
}

async function listAgentNames(endpoint: string, region: string): Promise<string[]> {
  const clients = createAwsClients({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  const out = await (await clients.bedrockAgent()).send(new ListAgentsCommand({}));
  clients.destroy();
  return (out.agentSummaries ?? []).map((a) => a.agentName as string);
}

async function serve(projectDir: string) {
  const abort = new AbortController();
  let ready!: (info: ServeInfo) => void;
  const readyInfo = new Promise<ServeInfo>((resolve) => {
    ready = resolve;
  });
  const done = serveLocal(
    {
      projectDir,
      dbPath: path.join(projectDir, ".agentctl", "emulator.db"),
      region: "us-east-1",
      pid: process.pid,
      credentials: LOCAL_CREDENTIALS,
    },
    abort.signal,
    ready,
  );
  const info = await Promise.race([readyInfo, done]);
  return {
    info,
    async [Symbol.asyncDispose]() {
      abort.abort();
      await done;
    },
  };
}

describe("local reset", () => {
  it("refuses without --yes when there is no terminal to ask on", async () => {
    await using project = await tempDir();
    const db = path.join(project.dir, ".agentctl", "emulator.db");
    await mkdir(path.dirname(db), { recursive: true });
    await writeFile(db, "state");
    const ctx = makeContext(project.dir);
    await expect(localReset(ctx, [], {})).rejects.toMatchObject({
      name: "UsageError",
      exitCode: 2,
      hint: expect.stringContaining("--yes"),
    });
    expect(existsSync(db)).toBe(true);
  });

  it("deletes the database and its WAL files with --yes", async () => {
    await using project = await tempDir();
    {
      await using emulator = await openLocalEmulator(project.dir, {
        vars: {},
        cwd: project.dir,
        region: "us-east-1",
      });
      await createAgents(emulator.endpoint, emulator.region, ["doomed"]);
    }
    const ctx = makeContext(project.dir, {}, { yes: true, json: true });
    await localReset(ctx, [], {});
    const result = JSON.parse(ctx.io.stdout.join(""));
    expect(result.via).toBe("files");
    expect(result.removedFiles).toContain(path.join(project.dir, ".agentctl", "emulator.db"));
    expect(existsSync(path.join(project.dir, ".agentctl", "emulator.db"))).toBe(false);

    await using fresh = await openLocalEmulator(project.dir, {
      vars: {},
      cwd: project.dir,
      region: "us-east-1",
    });
    expect(await listAgentNames(fresh.endpoint, fresh.region)).toEqual([]);
  });

  it("asks a running server to wipe its state", async () => {
    await using project = await tempDir();
    await using server = await serve(project.dir);
    await createAgents(server.info.endpoint, server.info.region, ["one", "two"]);
    const ctx = makeContext(project.dir, {}, { yes: true, json: true });
    await localReset(ctx, [], {});
    expect(JSON.parse(ctx.io.stdout.join(""))).toMatchObject({
      via: "server",
      serverEndpoint: server.info.endpoint,
    });
    expect(await listAgentNames(server.info.endpoint, server.info.region)).toEqual([]);
  });

  it.each([true, false])(
    "says so when there is nothing to reset, without asking (--yes: %s)",
    async (yes) => {
      await using project = await tempDir();
      const ctx = makeContext(project.dir, {}, { yes });
      await localReset(ctx, [], {});
      expect(ctx.io.stdout.join("")).toMatch(/Nothing to reset/);
    },
  );
});

describe("local status", () => {
  it("reports no server and no state in a fresh project", async () => {
    await using project = await tempDir();
    const status = await localStatus(project.dir, { vars: {}, cwd: project.dir });
    expect(status).toMatchObject({ running: false, dbExists: false, dbBytes: 0 });
    expect(status.agents).toBeUndefined();
    expect(existsSync(path.join(project.dir, ".agentctl"))).toBe(false);
  });

  it("counts the agents in the project's state when no server runs", async () => {
    await using project = await tempDir();
    {
      await using emulator = await openLocalEmulator(project.dir, {
        vars: {},
        cwd: project.dir,
        region: "us-east-1",
      });
      await createAgents(emulator.endpoint, emulator.region, ["a1", "a2", "a3"]);
    }
    const status = await localStatus(project.dir, { vars: {}, cwd: project.dir });
    expect(status).toMatchObject({
      running: false,
      dbExists: true,
      agents: 3,
      stateMachines: 0,
      runningExecutions: 0,
    });
    expect(status.dbBytes).toBeGreaterThan(0);
  });

  it("counts state machines and the executions still running", async () => {
    await using project = await tempDir();
    {
      await using emulator = await openLocalEmulator(project.dir, {
        vars: {},
        cwd: project.dir,
        region: "us-east-1",
      });
      const clients = createAwsClients({
        endpoint: emulator.endpoint,
        region: emulator.region,
        credentials: LOCAL_CREDENTIALS,
      });
      const sfn = await clients.sfn();
      const definition = (seconds: number) =>
        JSON.stringify({ StartAt: "W", States: { W: { Type: "Wait", Seconds: seconds, End: true } } });
      const roleArn = "arn:aws:iam::000000000000:role/any";
      const waits = await sfn.send(
        new CreateStateMachineCommand({ name: "waits", definition: definition(3600), roleArn }),
      );
      const quick = await sfn.send(
        new CreateStateMachineCommand({ name: "quick", definition: definition(0), roleArn }),
      );
      await sfn.send(new StartExecutionCommand({ stateMachineArn: waits.stateMachineArn }));
      const done = await sfn.send(new StartExecutionCommand({ stateMachineArn: quick.stateMachineArn }));
      for (let i = 0; i < 100; i++) {
        const d = await sfn.send(new DescribeExecutionCommand({ executionArn: done.executionArn }));
        if (d.status !== "RUNNING") break;
        await new Promise((r) => setTimeout(r, 20));
      }
      clients.destroy();
    }
    const status = await localStatus(project.dir, { vars: {}, cwd: project.dir });
    expect(status).toMatchObject({ agents: 0, stateMachines: 2, runningExecutions: 1 });
  });

  it("shows the running server, as JSON under --json", async () => {
    await using project = await tempDir();
    await using server = await serve(project.dir);
    await createAgents(server.info.endpoint, server.info.region, ["only"]);
    const ctx = makeContext(project.dir, {}, { json: true });
    await localStatusCommand(ctx);
    expect(JSON.parse(ctx.io.stdout.join(""))).toMatchObject({
      running: true,
      endpoint: server.info.endpoint,
      pid: process.pid,
      agents: 1,
      dbExists: true,
    });
  });
});
