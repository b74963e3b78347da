import {
  type BedrockAgentClient,
  CreateAgentActionGroupCommand,
  CreateAgentAliasCommand,
  DeleteAgentAliasCommand,
  DeleteAgentVersionCommand,
  GetAgentActionGroupCommand,
  GetAgentAliasCommand,
  GetAgentVersionCommand,
  ListAgentActionGroupsCommand,
  ListAgentAliasesCommand,
  ListAgentVersionsCommand,
  UpdateAgentActionGroupCommand,
  UpdateAgentAliasCommand,
} from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import {
  createReadyAgent,
  emulatorWithClient,
  errorOf,
  LAMBDA_ARN,
  OPENAPI_PAYLOAD,
  prepare,
  waitForAgent,
  waitForAlias,
} from "./support.js";

async function preparedAgentWithGroup(client: BedrockAgentClient, name: string) {
  const agentId = await createReadyAgent(client, name);
  const group = await client.send(
    new CreateAgentActionGroupCommand({
      agentId,
      agentVersion: "DRAFT",
      actionGroupName: "catalog",
      description: "version one",
      actionGroupExecutor: { lambda: LAMBDA_ARN },
      apiSchema: { payload: OPENAPI_PAYLOAD },
    }),
  );
  expect((await prepare(client, agentId)).agentStatus).toBe("PREPARED");
  return { agentId, actionGroupId: group.agentActionGroup?.actionGroupId ?? "" };
}

describe("aliases and versions through the real SDK", () => {
  it("lists the built-in TSTALIASID routing to DRAFT and refuses to change it", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "fresh");
    const listed = await t.client.send(new ListAgentAliasesCommand({ agentId }));
    expect(listed.agentAliasSummaries).toEqual([
      expect.objectContaining({
        agentAliasId: "TSTALIASID",
        agentAliasName: "AgentTestAlias",
        routingConfiguration: [{ agentVersion: "DRAFT" }],
        agentAliasStatus: "PREPARED",
      }),
    ]);
    const update = await errorOf(
      t.client.send(
        new UpdateAgentAliasCommand({ agentId, agentAliasId: "TSTALIASID", agentAliasName: "x" }),
      ),
    );
    expect(update.name).toBe("ValidationException");
    const del = await errorOf(
      t.client.send(new DeleteAgentAliasCommand({ agentId, agentAliasId: "TSTALIASID" })),
    );
    expect(del.name).toBe("ValidationException");
  });

  it("refuses to cut a version from a never-prepared draft", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "unprepared");
    const err = await errorOf(
      t.client.send(new CreateAgentAliasCommand({ agentId, agentAliasName: "live" })),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.message).toContain("PrepareAgent");
  });

  it("creates version 1 through an alias, snapshotting the draft's action groups", async () => {
    await using t = await emulatorWithClient();
    const { agentId, actionGroupId } = await preparedAgentWithGroup(t.client, "versioned");
    const created = await t.client.send(
      new CreateAgentAliasCommand({
        agentId,
        agentAliasName: "live",
        description: "production",
        tags: { team: "orders" },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(202);
    const alias = created.agentAlias;
    expect(alias?.agentAliasStatus).toBe("CREATING");
    expect(alias?.agentAliasId).toMatch(/^[A-Z0-9]{10}$/);
    expect(alias?.agentAliasArn).toBe(
      `arn:aws:bedrock:us-east-1:000000000000:agent-alias/${agentId}/${alias?.agentAliasId}`,
    );
    expect(alias?.routingConfiguration).toEqual([{ agentVersion: "1" }]);
    expect(alias?.aliasInvocationState).toBe("ACCEPT_INVOCATIONS");
    await waitForAgent(t.client, agentId, "PREPARED");
    const ready = await waitForAlias(t.client, agentId, alias?.agentAliasId ?? "", "PREPARED");
    expect(ready.agentAliasHistoryEvents).toEqual([
      { routingConfiguration: [{ agentVersion: "1" }], startDate: expect.any(Date) },
    ]);

    const version = (await t.client.send(new GetAgentVersionCommand({ agentId, agentVersion: "1" })))
      .agentVersion;
    expect(version).toMatchObject({ agentId, version: "1", agentName: "versioned", agentStatus: "PREPARED" });

    // The draft moves on; version 1 keeps what it froze.
    await t.client.send(
      new UpdateAgentActionGroupCommand({
        agentId,
        agentVersion: "DRAFT",
        actionGroupId,
        actionGroupName: "catalog",
        description: "version two",
        actionGroupExecutor: { lambda: LAMBDA_ARN },
        apiSchema: { payload: OPENAPI_PAYLOAD },
      }),
    );
    const frozen = await t.client.send(
      new GetAgentActionGroupCommand({ agentId, agentVersion: "1", actionGroupId }),
    );
    expect(frozen.agentActionGroup).toMatchObject({ agentVersion: "1", description: "version one" });
    const v1Groups = await t.client.send(new ListAgentActionGroupsCommand({ agentId, agentVersion: "1" }));
    expect(v1Groups.actionGroupSummaries?.map((g) => g.actionGroupId)).toEqual([actionGroupId]);

    const versions = await t.client.send(new ListAgentVersionsCommand({ agentId }));
    expect(versions.agentVersionSummaries?.map((v) => v.agentVersion)).toEqual(["DRAFT", "1"]);
  });

  it("re-routes an alias: without a version it cuts a new one, with one it switches, and records history", async () => {
    await using t = await emulatorWithClient();
    const { agentId } = await preparedAgentWithGroup(t.client, "rerouted");
    const alias = (await t.client.send(new CreateAgentAliasCommand({ agentId, agentAliasName: "live" })))
      .agentAlias;
    const agentAliasId = alias?.agentAliasId ?? "";
    await waitForAlias(t.client, agentId, agentAliasId, "PREPARED");
    await waitForAgent(t.client, agentId, "PREPARED");

    const toV2 = await t.client.send(
      new UpdateAgentAliasCommand({ agentId, agentAliasId, agentAliasName: "live" }),
    );
    expect(toV2.agentAlias?.agentAliasStatus).toBe("UPDATING");
    expect(toV2.agentAlias?.routingConfiguration).toEqual([{ agentVersion: "2" }]);
    await waitForAlias(t.client, agentId, agentAliasId, "PREPARED");
    await waitForAgent(t.client, agentId, "PREPARED");

    await t.client.send(
      new UpdateAgentAliasCommand({
        agentId,
        agentAliasId,
        agentAliasName: "live",
        routingConfiguration: [{ agentVersion: "1" }],
        aliasInvocationState: "REJECT_INVOCATIONS",
      }),
    );
    const back = await waitForAlias(t.client, agentId, agentAliasId, "PREPARED");
    expect(back.routingConfiguration).toEqual([{ agentVersion: "1" }]);
    expect(back.aliasInvocationState).toBe("REJECT_INVOCATIONS");
    const history = back.agentAliasHistoryEvents ?? [];
    expect(history.map((h) => h.routingConfiguration?.[0]?.agentVersion)).toEqual(["1", "2", "1"]);
    expect(history[0]?.endDate).toBeUndefined();
    expect(history[1]?.endDate).toBeInstanceOf(Date);

    const missing = await errorOf(
      t.client.send(
        new UpdateAgentAliasCommand({
          agentId,
          agentAliasId,
          agentAliasName: "live",
          routingConfiguration: [{ agentVersion: "9" }],
        }),
      ),
    );
    expect(missing.name).toBe("ResourceNotFoundException");
    const draft = await errorOf(
      t.client.send(
        new UpdateAgentAliasCommand({
          agentId,
          agentAliasId,
          agentAliasName: "live",
          routingConfiguration: [{ agentVersion: "DRAFT" }],
        }),
      ),
    );
    expect(draft.name).toBe("ValidationException");
  });

  it("guards a version an alias routes to, and dissociates the alias when forced", async () => {
    await using t = await emulatorWithClient();
    const { agentId } = await preparedAgentWithGroup(t.client, "pinned");
    const alias = (await t.client.send(new CreateAgentAliasCommand({ agentId, agentAliasName: "live" })))
      .agentAlias;
    const agentAliasId = alias?.agentAliasId ?? "";
    await waitForAlias(t.client, agentId, agentAliasId, "PREPARED");
    await waitForAgent(t.client, agentId, "PREPARED");
    const err = await errorOf(t.client.send(new DeleteAgentVersionCommand({ agentId, agentVersion: "1" })));
    expect(err.name).toBe("ConflictException");
    const forced = await t.client.send(
      new DeleteAgentVersionCommand({ agentId, agentVersion: "1", skipResourceInUseCheck: true }),
    );
    expect(forced.$metadata.httpStatusCode).toBe(202);
    expect(forced).toMatchObject({ agentId, agentVersion: "1", agentStatus: "DELETING" });
    const dissociated = (await t.client.send(new GetAgentAliasCommand({ agentId, agentAliasId }))).agentAlias;
    // §3.2: DISSOCIATED = no version associated, and the old routing's period is closed.
    expect(dissociated?.agentAliasStatus).toBe("DISSOCIATED");
    expect(dissociated?.routingConfiguration).toEqual([]);
    expect(dissociated?.agentAliasHistoryEvents?.[0]).toMatchObject({
      routingConfiguration: [{ agentVersion: "1" }],
      endDate: expect.any(Date),
    });
    const listed = await t.client.send(new ListAgentAliasesCommand({ agentId }));
    expect(
      listed.agentAliasSummaries?.find((a) => a.agentAliasId === agentAliasId)?.routingConfiguration,
    ).toEqual([]);
    for (;;) {
      const got = await t.client
        .send(new GetAgentVersionCommand({ agentId, agentVersion: "1" }))
        .catch((e: Error) => e);
      if (got instanceof Error) {
        expect(got.name).toBe("ResourceNotFoundException");
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    // Re-routing a dissociated alias opens a new period after the closed one.
    await t.client.send(new UpdateAgentAliasCommand({ agentId, agentAliasId, agentAliasName: "live" }));
    const rerouted = await waitForAlias(t.client, agentId, agentAliasId, "PREPARED");
    expect(rerouted.routingConfiguration).toEqual([{ agentVersion: "2" }]);
    expect(rerouted.agentAliasHistoryEvents?.map((e) => [e.routingConfiguration, e.endDate])).toEqual([
      [[{ agentVersion: "2" }], undefined],
      [[{ agentVersion: "1" }], expect.any(Date)],
    ]);
  });

  it("deletes an alias: DELETING, then gone", async () => {
    await using t = await emulatorWithClient();
    const { agentId } = await preparedAgentWithGroup(t.client, "short-lived");
    const alias = (await t.client.send(new CreateAgentAliasCommand({ agentId, agentAliasName: "tmp" })))
      .agentAlias;
    const agentAliasId = alias?.agentAliasId ?? "";
    const deleted = await t.client.send(new DeleteAgentAliasCommand({ agentId, agentAliasId }));
    expect(deleted).toMatchObject({ agentId, agentAliasId, agentAliasStatus: "DELETING" });
    for (;;) {
      const got = await t.client
        .send(new GetAgentAliasCommand({ agentId, agentAliasId }))
        .catch((e: Error) => e);
      if (got instanceof Error) {
        expect(got.name).toBe("ResourceNotFoundException");
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const listed = await t.client.send(new ListAgentAliasesCommand({ agentId }));
    expect(listed.agentAliasSummaries?.map((a) => a.agentAliasId)).toEqual(["TSTALIASID"]);
  });

  it("allows 10 aliases per agent besides TSTALIASID (402 for the 11th)", async () => {
    await using t = await emulatorWithClient();
    const { agentId } = await preparedAgentWithGroup(t.client, "popular");
    const first = (await t.client.send(new CreateAgentAliasCommand({ agentId, agentAliasName: "a0" })))
      .agentAlias;
    await waitForAlias(t.client, agentId, first?.agentAliasId ?? "", "PREPARED");
    await waitForAgent(t.client, agentId, "PREPARED");
    for (let i = 1; i < 10; i++) {
      await t.client.send(
        new CreateAgentAliasCommand({
          agentId,
          agentAliasName: `a${i}`,
          routingConfiguration: [{ agentVersion: "1" }],
        }),
      );
    }
    const err = await errorOf(
      t.client.send(
        new CreateAgentAliasCommand({
          agentId,
          agentAliasName: "a10",
          routingConfiguration: [{ agentVersion: "1" }],
        }),
      ),
    );
    expect(err.name).toBe("ServiceQuotaExceededException");
    expect(err.$metadata?.httpStatusCode).toBe(402);
    const page = await t.client.send(new ListAgentAliasesCommand({ agentId }));
    expect(page.agentAliasSummaries).toHaveLength(10);
    expect(page.nextToken).toBeDefined();
  });
});
