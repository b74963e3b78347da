import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import {
  CreateAgentCommand,
  GetAgentCommand,
  ListAgentsCommand,
  UpdateAgentCommand,
} from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { clientFor, createReadyAgent, errorOf, MODEL, ROLE_ARN, tempDir, waitForAgent } from "./support.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** The emulator in another OS process, as `agentctl local serve` would run it. */
async function spawnEmulator(
  dbPath: string,
  latency = "fast",
): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(
    process.execPath,
    ["--import", join(fixtures, "ts-resolve.mjs"), join(fixtures, "serve-child.ts"), dbPath, latency],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const exited = once(child, "exit").then(() => {
    throw new Error(`emulator child exited before listening: ${stderr}`);
  });
  const [line] = (await Promise.race([once(lines, "line"), exited])) as [string];
  lines.close();
  return { child, endpoint: (JSON.parse(line) as { endpoint: string }).endpoint };
}

const asEmulator = (endpoint: string): RunningEmulator =>
  ({ endpoint, region: "us-east-1" }) as RunningEmulator;

describe("state in SQLite", () => {
  it("keeps agents across a restart and resumes a pending transition", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "nested", "state.db");
    let agentId: string;
    {
      // Realistic timing: CREATING lasts 1–3 s, so the transition is still pending at close.
      await using first = await startEmulator({ dbPath, latency: "realistic" });
      const client = clientFor(first);
      agentId = (await client.send(new CreateAgentCommand({ agentName: "survivor", foundationModel: MODEL })))
        .agent?.agentId as string;
      client.destroy();
    }
    await using second = await startEmulator({ dbPath });
    const client = clientFor(second);
    const agent = (await client.send(new GetAgentCommand({ agentId }))).agent;
    expect(agent?.agentName).toBe("survivor");
    expect(agent?.agentStatus).toBe("CREATING");
    // The restarted server re-armed the pending transition from the file.
    await waitForAgent(client, agentId, "NOT_PREPARED");
    client.destroy();
  });

  it("lets two servers on one file see each other's writes", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "shared.db");
    await using a = await startEmulator({ dbPath });
    await using b = await startEmulator({ dbPath });
    const clientA = clientFor(a);
    const clientB = clientFor(b);
    const agentId = await createReadyAgent(clientA, "shared");
    expect((await clientB.send(new GetAgentCommand({ agentId }))).agent?.agentName).toBe("shared");
    await clientB.send(
      new UpdateAgentCommand({
        agentId,
        agentName: "renamed",
        foundationModel: MODEL,
        agentResourceRoleArn: ROLE_ARN,
      }),
    );
    const seenByA = await waitForAgent(clientA, agentId, "NOT_PREPARED");
    expect(seenByA.agentName).toBe("renamed");
    const conflict = await errorOf(clientA.send(new CreateAgentCommand({ agentName: "renamed" })));
    expect(conflict.name).toBe("ConflictException");
    clientA.destroy();
    clientB.destroy();
  });

  it("serves the same agents from another process and loses no committed write when it is killed", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "crash.db");
    const { child, endpoint } = await spawnEmulator(dbPath, "realistic");
    const remote = clientFor(asEmulator(endpoint));
    let agentId: string;
    try {
      agentId = (
        await remote.send(new CreateAgentCommand({ agentName: "committed", foundationModel: MODEL }))
      ).agent?.agentId as string;
    } finally {
      remote.destroy();
      child.kill("SIGKILL");
      await once(child, "exit");
    }
    await using local = await startEmulator({ dbPath });
    const client = clientFor(local);
    const listed = await client.send(new ListAgentsCommand({}));
    expect(listed.agentSummaries?.map((s) => s.agentId)).toEqual([agentId]);
    // Its CREATING transition was pending in the killed process; this one finishes it.
    await waitForAgent(client, agentId, "NOT_PREPARED");
    client.destroy();
  });
});
