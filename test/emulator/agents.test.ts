import {
  CreateAgentActionGroupCommand,
  CreateAgentAliasCommand,
  CreateAgentCommand,
  DeleteAgentCommand,
  GetAgentCommand,
  ListAgentsCommand,
  PrepareAgentCommand,
  UpdateAgentCommand,
} from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import {
  createReadyAgent,
  emulatorWithClient,
  errorOf,
  INSTRUCTION,
  LAMBDA_ARN,
  MODEL,
  prepare,
  ROLE_ARN,
  waitForAgent,
} from "./support.js";

describe("agents through the real SDK", () => {
  it("creates an agent that goes CREATING → NOT_PREPARED with the documented shape", async () => {
    await using t = await emulatorWithClient({ region: "eu-west-1", accountId: "123456789012" });
    const created = await t.client.send(
      new CreateAgentCommand({
        agentName: "order-validation",
        foundationModel: MODEL,
        instruction: INSTRUCTION,
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(202);
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const agent = created.agent;
    expect(agent?.agentStatus).toBe("CREATING");
    expect(agent?.agentId).toMatch(/^[A-Z0-9]{10}$/);
    expect(agent?.agentArn).toBe(`arn:aws:bedrock:eu-west-1:123456789012:agent/${agent?.agentId}`);
    expect(agent?.agentVersion).toBe("DRAFT");
    expect(agent?.idleSessionTTLInSeconds).toBe(600);
    expect(agent?.orchestrationType).toBe("DEFAULT");
    expect(agent?.agentCollaboration).toBe("DISABLED");
    expect(agent?.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(agent?.createdAt).toBeInstanceOf(Date);
    const ready = await waitForAgent(t.client, agent?.agentId ?? "", "NOT_PREPARED");
    expect(ready.updatedAt?.getTime()).toBeGreaterThanOrEqual(agent?.createdAt?.getTime() ?? 0);
    expect(ready.instruction).toBe(INSTRUCTION);
  });

  it("answers an unknown agent with ResourceNotFoundException 404", async () => {
    await using t = await emulatorWithClient();
    const err = await errorOf(t.client.send(new GetAgentCommand({ agentId: "ABCDE12345" })));
    expect(err.name).toBe("ResourceNotFoundException");
    expect(err.$metadata?.httpStatusCode).toBe(404);
    expect(err.message).toContain("ABCDE12345");
  });

  it("rejects a malformed agent name with ValidationException and a fieldList", async () => {
    await using t = await emulatorWithClient();
    const err = await errorOf(t.client.send(new CreateAgentCommand({ agentName: "my agent" })));
    expect(err.name).toBe("ValidationException");
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(err.fieldList?.map((f) => f.name)).toContain("agentName");
  });

  it("replays a repeated clientToken instead of creating a second agent", async () => {
    await using t = await emulatorWithClient();
    const clientToken = "11111111-2222-4333-8444-555555555555";
    const input = { agentName: "idempotent", foundationModel: MODEL, clientToken };
    const first = await t.client.send(new CreateAgentCommand(input));
    const second = await t.client.send(new CreateAgentCommand(input));
    expect(second.$metadata.httpStatusCode).toBe(202);
    expect(second.agent?.agentId).toBe(first.agent?.agentId);
    const listed = await t.client.send(new ListAgentsCommand({}));
    expect(listed.agentSummaries?.map((a) => a.agentName)).toEqual(["idempotent"]);
    const mismatch = await errorOf(
      t.client.send(new CreateAgentCommand({ ...input, description: "different parameters" })),
    );
    expect(mismatch.name).toBe("ConflictException");
  });

  it("refuses a second agent with the same name (ConflictException)", async () => {
    await using t = await emulatorWithClient();
    await t.client.send(new CreateAgentCommand({ agentName: "twin" }));
    const err = await errorOf(t.client.send(new CreateAgentCommand({ agentName: "twin" })));
    expect(err.name).toBe("ConflictException");
    expect(err.$metadata?.httpStatusCode).toBe(409);
  });

  it("pages through 23 agents, at most maxResults per page, following nextToken", async () => {
    await using t = await emulatorWithClient();
    const names = Array.from({ length: 23 }, (_, i) => `agent-${String(i).padStart(2, "0")}`);
    for (const agentName of names) await t.client.send(new CreateAgentCommand({ agentName }));
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let nextToken: string | undefined;
    do {
      const page = await t.client.send(new ListAgentsCommand({ maxResults: 5, nextToken }));
      pageSizes.push(page.agentSummaries?.length ?? 0);
      for (const s of page.agentSummaries ?? []) {
        seen.push(s.agentName ?? "");
        expect(s.latestAgentVersion).toBe("DRAFT");
        expect(s.updatedAt).toBeInstanceOf(Date);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    expect(pageSizes).toEqual([5, 5, 5, 5, 3]);
    expect(seen).toEqual(names);
    // Without maxResults a page still holds at most 10 (the model's cap).
    const first = await t.client.send(new ListAgentsCommand({ maxResults: 1000 }));
    expect(first.agentSummaries).toHaveLength(10);
    const bad = await errorOf(t.client.send(new ListAgentsCommand({ nextToken: "not-a-token" })));
    expect(bad.name).toBe("ValidationException");
  });

  it("UpdateAgent replaces the definition: UPDATING → NOT_PREPARED, omitted members cleared", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "updatable", { description: "first" });
    const updated = await t.client.send(
      new UpdateAgentCommand({
        agentId,
        agentName: "updatable-2",
        foundationModel: MODEL,
        agentResourceRoleArn: ROLE_ARN,
        idleSessionTTLInSeconds: 1800,
      }),
    );
    expect(updated.$metadata.httpStatusCode).toBe(202);
    expect(updated.agent?.agentStatus).toBe("UPDATING");
    const after = await waitForAgent(t.client, agentId, "NOT_PREPARED");
    expect(after.agentName).toBe("updatable-2");
    expect(after.idleSessionTTLInSeconds).toBe(1800);
    expect(after.description).toBeUndefined();
    expect(after.instruction).toBeUndefined();
  });

  it("prepares an agent: PREPARING → PREPARED with preparedAt", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "preparable");
    const started = await t.client.send(new PrepareAgentCommand({ agentId }));
    expect(started.$metadata.httpStatusCode).toBe(202);
    expect(started).toMatchObject({ agentId, agentStatus: "PREPARING", agentVersion: "DRAFT" });
    expect(started.preparedAt).toBeInstanceOf(Date);
    const prepared = await waitForAgent(t.client, agentId, "PREPARED", "FAILED");
    expect(prepared.agentStatus).toBe("PREPARED");
    expect(prepared.preparedAt).toBeInstanceOf(Date);
    expect(prepared.failureReasons).toBeUndefined();
  });

  it("refuses writes while CREATING", async () => {
    await using t = await emulatorWithClient({ latency: "realistic" });
    const created = await t.client.send(
      new CreateAgentCommand({ agentName: "slow", foundationModel: MODEL }),
    );
    const agentId = created.agent?.agentId ?? "";
    const err = await errorOf(
      t.client.send(
        new UpdateAgentCommand({
          agentId,
          agentName: "slow",
          foundationModel: MODEL,
          agentResourceRoleArn: ROLE_ARN,
        }),
      ),
    );
    expect(err.name).toBe("ConflictException");
    expect(err.message).toContain("CREATING");
  });

  it("ends a prepare FAILED with failureReasons when the draft cannot be prepared", async () => {
    await using t = await emulatorWithClient();
    const created = await t.client.send(new CreateAgentCommand({ agentName: "incomplete" }));
    const agentId = created.agent?.agentId ?? "";
    await waitForAgent(t.client, agentId, "NOT_PREPARED");
    await t.client.send(
      new CreateAgentActionGroupCommand({
        agentId,
        agentVersion: "DRAFT",
        actionGroupName: "broken",
        actionGroupExecutor: { lambda: LAMBDA_ARN },
        apiSchema: { payload: JSON.stringify({ openapi: "3.0.0", info: { title: "x", version: "1" } }) },
      }),
    );
    const failed = await prepare(t.client, agentId);
    expect(failed.agentStatus).toBe("FAILED");
    const reasons = (failed.failureReasons ?? []).join("\n");
    expect(reasons).toContain("foundation model");
    expect(reasons).toContain("service role");
    expect(reasons).toContain("no paths");
    expect(failed.recommendedActions?.length).toBeGreaterThan(0);
  });

  it("fails to prepare a SUPERVISOR agent without collaborators", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "supervisor", { agentCollaboration: "SUPERVISOR" });
    const failed = await prepare(t.client, agentId);
    expect(failed.agentStatus).toBe("FAILED");
    expect(failed.failureReasons?.join(" ")).toContain("no collaborators");
  });

  it("deletes an agent: DELETING, then 404", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "doomed");
    const deleted = await t.client.send(new DeleteAgentCommand({ agentId }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(deleted).toMatchObject({ agentId, agentStatus: "DELETING" });
    for (;;) {
      const got = await t.client.send(new GetAgentCommand({ agentId })).catch((err: Error) => err);
      if (got instanceof Error) {
        expect(got.name).toBe("ResourceNotFoundException");
        break;
      }
      expect(got.agent?.agentStatus).toBe("DELETING");
      await new Promise((r) => setTimeout(r, 10));
    }
  });

  it("refuses to delete an agent that has an alias unless skipResourceInUseCheck", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "aliased");
    await prepare(t.client, agentId);
    await t.client.send(new CreateAgentAliasCommand({ agentId, agentAliasName: "live" }));
    await waitForAgent(t.client, agentId, "PREPARED");
    const err = await errorOf(t.client.send(new DeleteAgentCommand({ agentId })));
    expect(err.name).toBe("ConflictException");
    expect(err.message).toContain("live");
    const forced = await t.client.send(new DeleteAgentCommand({ agentId, skipResourceInUseCheck: true }));
    expect(forced.agentStatus).toBe("DELETING");
  });
});
