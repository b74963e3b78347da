import {
  CreateAgentActionGroupCommand,
  type CreateAgentActionGroupCommandInput,
  DeleteAgentActionGroupCommand,
  GetAgentActionGroupCommand,
  GetAgentCommand,
  ListAgentActionGroupsCommand,
  UpdateAgentActionGroupCommand,
} from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import {
  createReadyAgent,
  emulatorWithClient,
  errorOf,
  LAMBDA_ARN,
  OPENAPI_PAYLOAD,
  prepare,
} from "./support.js";

const functionGroup = (agentId: string, name: string, functions = 1): CreateAgentActionGroupCommandInput => ({
  agentId,
  agentVersion: "DRAFT",
  actionGroupName: name,
  actionGroupExecutor: { customControl: "RETURN_CONTROL" },
  functionSchema: {
    functions: Array.from({ length: functions }, (_, i) => ({
      name: `${name}_fn${i}`,
      description: "does a thing",
    })),
  },
});

describe("action groups through the real SDK", () => {
  it("creates, reads, lists, updates and deletes an OpenAPI action group on DRAFT", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "catalog-agent");
    const created = await t.client.send(
      new CreateAgentActionGroupCommand({
        agentId,
        agentVersion: "DRAFT",
        actionGroupName: "product-catalog",
        description: "Look up products",
        actionGroupExecutor: { lambda: LAMBDA_ARN },
        apiSchema: { payload: OPENAPI_PAYLOAD },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(200);
    const group = created.agentActionGroup;
    expect(group?.actionGroupId).toMatch(/^[A-Z0-9]{10}$/);
    expect(group).toMatchObject({ agentId, agentVersion: "DRAFT", actionGroupState: "ENABLED" });
    expect(group?.apiSchema).toEqual({ payload: OPENAPI_PAYLOAD });
    const actionGroupId = group?.actionGroupId ?? "";

    const got = await t.client.send(
      new GetAgentActionGroupCommand({ agentId, agentVersion: "DRAFT", actionGroupId }),
    );
    expect(got.agentActionGroup?.actionGroupExecutor).toEqual({ lambda: LAMBDA_ARN });

    const listed = await t.client.send(new ListAgentActionGroupsCommand({ agentId, agentVersion: "DRAFT" }));
    expect(listed.actionGroupSummaries).toEqual([
      expect.objectContaining({
        actionGroupId,
        actionGroupName: "product-catalog",
        actionGroupState: "ENABLED",
      }),
    ]);

    const updated = await t.client.send(
      new UpdateAgentActionGroupCommand({
        agentId,
        agentVersion: "DRAFT",
        actionGroupId,
        actionGroupName: "product-catalog",
        actionGroupState: "DISABLED",
        actionGroupExecutor: { lambda: LAMBDA_ARN },
        apiSchema: { payload: OPENAPI_PAYLOAD },
      }),
    );
    expect(updated.agentActionGroup?.actionGroupState).toBe("DISABLED");
    expect(updated.agentActionGroup?.description).toBeUndefined(); // full replace

    const deleted = await t.client.send(
      new DeleteAgentActionGroupCommand({ agentId, agentVersion: "DRAFT", actionGroupId }),
    );
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const gone = await errorOf(
      t.client.send(new GetAgentActionGroupCommand({ agentId, agentVersion: "DRAFT", actionGroupId })),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
  });

  it("returns a built-in group's signature as parentActionSignature and refuses extra members", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "asker");
    const created = await t.client.send(
      new CreateAgentActionGroupCommand({
        agentId,
        agentVersion: "DRAFT",
        actionGroupName: "UserInputAction",
        parentActionGroupSignature: "AMAZON.UserInput",
      }),
    );
    expect(created.agentActionGroup?.parentActionSignature).toBe("AMAZON.UserInput");
    const err = await errorOf(
      t.client.send(
        new CreateAgentActionGroupCommand({
          agentId,
          agentVersion: "DRAFT",
          actionGroupName: "CodeInterpreterAction",
          parentActionGroupSignature: "AMAZON.CodeInterpreter",
          description: "not allowed here",
        }),
      ),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.fieldList?.map((f) => f.name)).toContain("description");
  });

  it("refuses both apiSchema and functionSchema", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "both-schemas");
    const err = await errorOf(
      t.client.send(
        new CreateAgentActionGroupCommand({
          ...functionGroup(agentId, "both"),
          apiSchema: { payload: OPENAPI_PAYLOAD },
        }),
      ),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });

  it("only writes DRAFT: a numbered version in the path is a ValidationException", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "immutable");
    const err = await errorOf(
      t.client.send(new CreateAgentActionGroupCommand({ ...functionGroup(agentId, "x"), agentVersion: "1" })),
    );
    expect(err.name).toBe("ValidationException");
  });

  it("moves a PREPARED agent back to NOT_PREPARED when its draft changes", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "edited");
    expect((await prepare(t.client, agentId)).agentStatus).toBe("PREPARED");
    await t.client.send(new CreateAgentActionGroupCommand(functionGroup(agentId, "later")));
    const agent = (await t.client.send(new GetAgentCommand({ agentId }))).agent;
    expect(agent?.agentStatus).toBe("NOT_PREPARED");
  });

  it("enforces the per-agent quotas with ServiceQuotaExceededException 402", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "crowded");
    // 11 APIs across enabled groups: the 12th function is over the quota.
    await t.client.send(new CreateAgentActionGroupCommand(functionGroup(agentId, "big", 11)));
    const apis = await errorOf(
      t.client.send(new CreateAgentActionGroupCommand(functionGroup(agentId, "one-more"))),
    );
    expect(apis.name).toBe("ServiceQuotaExceededException");
    expect(apis.$metadata?.httpStatusCode).toBe(402);
    expect(apis.message).toContain("APIs per Agent");

    // Disabled groups do not count towards APIs or enabled groups, only towards the 20 groups.
    for (let i = 0; i < 19; i++) {
      await t.client.send(
        new CreateAgentActionGroupCommand({
          ...functionGroup(agentId, `off${i}`),
          actionGroupState: "DISABLED",
        }),
      );
    }
    const groups = await errorOf(
      t.client.send(
        new CreateAgentActionGroupCommand({
          ...functionGroup(agentId, "off-21"),
          actionGroupState: "DISABLED",
        }),
      ),
    );
    expect(groups.name).toBe("ServiceQuotaExceededException");
    expect(groups.message).toContain("Action groups per Agent");
  });

  it("caps enabled action groups at 15", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "many-enabled");
    const noApis = (name: string): CreateAgentActionGroupCommandInput => ({
      agentId,
      agentVersion: "DRAFT",
      actionGroupName: name,
      parentActionGroupSignature: "AMAZON.UserInput",
    });
    for (let i = 0; i < 15; i++) await t.client.send(new CreateAgentActionGroupCommand(noApis(`g${i}`)));
    const err = await errorOf(t.client.send(new CreateAgentActionGroupCommand(noApis("g15"))));
    expect(err.name).toBe("ServiceQuotaExceededException");
    expect(err.message).toContain("Enabled action groups");
  });

  it("refuses to delete an ENABLED group unless skipResourceInUseCheck", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "guarded");
    const created = await t.client.send(new CreateAgentActionGroupCommand(functionGroup(agentId, "in-use")));
    const actionGroupId = created.agentActionGroup?.actionGroupId ?? "";
    const err = await errorOf(
      t.client.send(new DeleteAgentActionGroupCommand({ agentId, agentVersion: "DRAFT", actionGroupId })),
    );
    expect(err.name).toBe("ConflictException");
    const ok = await t.client.send(
      new DeleteAgentActionGroupCommand({
        agentId,
        agentVersion: "DRAFT",
        actionGroupId,
        skipResourceInUseCheck: true,
      }),
    );
    expect(ok.$metadata.httpStatusCode).toBe(204);
  });

  it("replays CreateAgentActionGroup with the same clientToken", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "retrying");
    const input = { ...functionGroup(agentId, "once"), clientToken: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee" };
    const first = await t.client.send(new CreateAgentActionGroupCommand(input));
    const second = await t.client.send(new CreateAgentActionGroupCommand(input));
    expect(second.agentActionGroup?.actionGroupId).toBe(first.agentActionGroup?.actionGroupId);
    const listed = await t.client.send(new ListAgentActionGroupsCommand({ agentId, agentVersion: "DRAFT" }));
    expect(listed.actionGroupSummaries).toHaveLength(1);
  });
});
