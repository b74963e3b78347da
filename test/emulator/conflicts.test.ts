/**
 * Writes during a transition are refused with ConflictException 409. To hold an
 * agent in PREPARING/VERSIONING without depending on timing, a "fast" emulator
 * sets the agent up and a "realistic" one (seconds-long transitions) sharing the
 * same database file starts the transition.
 */

import { join } from "node:path";
import {
  CreateAgentActionGroupCommand,
  CreateAgentAliasCommand,
  DeleteAgentCommand,
  GetAgentCommand,
  PrepareAgentCommand,
  UpdateAgentCommand,
} from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { clientFor, createReadyAgent, errorOf, MODEL, prepare, ROLE_ARN, tempDir } from "./support.js";

async function slowTwin(dbPath: string) {
  const emulator = await startEmulator({ dbPath, latency: "realistic" });
  const client = clientFor(emulator);
  return {
    client,
    async [Symbol.asyncDispose]() {
      client.destroy();
      await emulator.close();
    },
  };
}

describe("ConflictException during transitions", () => {
  it("refuses prepare, update, action-group and alias writes while PREPARING", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "state.db");
    await using fast = await startEmulator({ dbPath });
    const fastClient = clientFor(fast);
    const agentId = await createReadyAgent(fastClient, "busy");
    await using slow = await slowTwin(dbPath);
    const started = await slow.client.send(new PrepareAgentCommand({ agentId }));
    expect(started.agentStatus).toBe("PREPARING");

    const attempts = [
      fastClient.send(new PrepareAgentCommand({ agentId })),
      fastClient.send(
        new UpdateAgentCommand({
          agentId,
          agentName: "busy",
          foundationModel: MODEL,
          agentResourceRoleArn: ROLE_ARN,
        }),
      ),
      fastClient.send(
        new CreateAgentActionGroupCommand({
          agentId,
          agentVersion: "DRAFT",
          actionGroupName: "late",
          parentActionGroupSignature: "AMAZON.UserInput",
        }),
      ),
      fastClient.send(new CreateAgentAliasCommand({ agentId, agentAliasName: "live" })),
    ];
    for (const attempt of attempts) {
      const err = await errorOf(attempt);
      expect(err.name).toBe("ConflictException");
      expect(err.$metadata?.httpStatusCode).toBe(409);
      expect(err.message).toContain("PREPARING");
    }
    // Deletion is the exception: any status may go to DELETING (§3.1).
    const deleted = await fastClient.send(new DeleteAgentCommand({ agentId }));
    expect(deleted.agentStatus).toBe("DELETING");
    fastClient.destroy();
  });

  it("refuses a second alias while the first one is VERSIONING the agent", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "state.db");
    await using fast = await startEmulator({ dbPath });
    const fastClient = clientFor(fast);
    const agentId = await createReadyAgent(fastClient, "versioning");
    expect((await prepare(fastClient, agentId)).agentStatus).toBe("PREPARED");
    await using slow = await slowTwin(dbPath);
    await slow.client.send(new CreateAgentAliasCommand({ agentId, agentAliasName: "first" }));
    expect((await fastClient.send(new GetAgentCommand({ agentId }))).agent?.agentStatus).toBe("VERSIONING");
    const err = await errorOf(
      fastClient.send(new CreateAgentAliasCommand({ agentId, agentAliasName: "second" })),
    );
    expect(err.name).toBe("ConflictException");
    expect(err.message).toContain("VERSIONING");
    fastClient.destroy();
  });
});
