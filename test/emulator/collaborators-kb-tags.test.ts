import {
  AssociateAgentCollaboratorCommand,
  AssociateAgentKnowledgeBaseCommand,
  CreateAgentAliasCommand,
  DeleteAgentCommand,
  DisassociateAgentCollaboratorCommand,
  DisassociateAgentKnowledgeBaseCommand,
  GetAgentCollaboratorCommand,
  GetAgentCommand,
  ListAgentCollaboratorsCommand,
  ListAgentKnowledgeBasesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAgentCollaboratorCommand,
} from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import { createReadyAgent, emulatorWithClient, errorOf, prepare, waitForAlias } from "./support.js";

describe("collaborators through the real SDK", () => {
  it("associates, reads, updates and disassociates a collaborator; the supervisor then prepares", async () => {
    await using t = await emulatorWithClient();
    const workerId = await createReadyAgent(t.client, "worker");
    await prepare(t.client, workerId);
    const alias = (
      await t.client.send(new CreateAgentAliasCommand({ agentId: workerId, agentAliasName: "live" }))
    ).agentAlias;
    await waitForAlias(t.client, workerId, alias?.agentAliasId ?? "", "PREPARED");
    const aliasArn = alias?.agentAliasArn ?? "";

    const plain = await createReadyAgent(t.client, "not-a-supervisor");
    const refused = await errorOf(
      t.client.send(
        new AssociateAgentCollaboratorCommand({
          agentId: plain,
          agentVersion: "DRAFT",
          agentDescriptor: { aliasArn },
          collaboratorName: "worker",
          collaborationInstruction: "Handles the work",
        }),
      ),
    );
    expect(refused.name).toBe("ValidationException");

    const supervisorId = await createReadyAgent(t.client, "boss", { agentCollaboration: "SUPERVISOR" });
    const associated = await t.client.send(
      new AssociateAgentCollaboratorCommand({
        agentId: supervisorId,
        agentVersion: "DRAFT",
        agentDescriptor: { aliasArn },
        collaboratorName: "worker",
        collaborationInstruction: "Handles the work",
      }),
    );
    expect(associated.$metadata.httpStatusCode).toBe(200);
    const collaborator = associated.agentCollaborator;
    expect(collaborator).toMatchObject({
      agentId: supervisorId,
      agentVersion: "DRAFT",
      collaboratorName: "worker",
      relayConversationHistory: "DISABLED",
      agentDescriptor: { aliasArn },
    });
    expect(collaborator?.lastUpdatedAt).toBeInstanceOf(Date);
    const collaboratorId = collaborator?.collaboratorId ?? "";

    const got = await t.client.send(
      new GetAgentCollaboratorCommand({ agentId: supervisorId, agentVersion: "DRAFT", collaboratorId }),
    );
    expect(got.agentCollaborator?.collaborationInstruction).toBe("Handles the work");
    const updated = await t.client.send(
      new UpdateAgentCollaboratorCommand({
        agentId: supervisorId,
        agentVersion: "DRAFT",
        collaboratorId,
        agentDescriptor: { aliasArn },
        collaboratorName: "worker",
        collaborationInstruction: "Handles all the work",
        relayConversationHistory: "TO_COLLABORATOR",
      }),
    );
    expect(updated.agentCollaborator?.relayConversationHistory).toBe("TO_COLLABORATOR");
    const listed = await t.client.send(
      new ListAgentCollaboratorsCommand({ agentId: supervisorId, agentVersion: "DRAFT" }),
    );
    expect(listed.agentCollaboratorSummaries?.map((c) => c.collaboratorId)).toEqual([collaboratorId]);

    expect((await prepare(t.client, supervisorId)).agentStatus).toBe("PREPARED");

    const unknownAlias = await errorOf(
      t.client.send(
        new AssociateAgentCollaboratorCommand({
          agentId: supervisorId,
          agentVersion: "DRAFT",
          agentDescriptor: {
            aliasArn: "arn:aws:bedrock:us-east-1:000000000000:agent-alias/AAAAAAAAAA/BBBBBBBBBB",
          },
          collaboratorName: "ghost",
          collaborationInstruction: "Does not exist",
        }),
      ),
    );
    expect(unknownAlias.name).toBe("ResourceNotFoundException");

    const gone = await t.client.send(
      new DisassociateAgentCollaboratorCommand({
        agentId: supervisorId,
        agentVersion: "DRAFT",
        collaboratorId,
      }),
    );
    expect(gone.$metadata.httpStatusCode).toBe(204);
    expect((await t.client.send(new GetAgentCommand({ agentId: supervisorId }))).agent?.agentStatus).toBe(
      "NOT_PREPARED",
    );
  });
});

describe("knowledge-base associations through the real SDK", () => {
  it("associates up to two knowledge bases, lists and disassociates them", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "reader");
    const kb = (knowledgeBaseId: string) =>
      new AssociateAgentKnowledgeBaseCommand({
        agentId,
        agentVersion: "DRAFT",
        knowledgeBaseId,
        description: "Product manuals",
      });
    const first = await t.client.send(kb("KB00000001"));
    expect(first.agentKnowledgeBase).toMatchObject({
      knowledgeBaseId: "KB00000001",
      knowledgeBaseState: "ENABLED",
      agentVersion: "DRAFT",
    });
    const duplicate = await errorOf(t.client.send(kb("KB00000001")));
    expect(duplicate.name).toBe("ConflictException");
    await t.client.send(kb("KB00000002"));
    const third = await errorOf(t.client.send(kb("KB00000003")));
    expect(third.name).toBe("ServiceQuotaExceededException");
    const listed = await t.client.send(
      new ListAgentKnowledgeBasesCommand({ agentId, agentVersion: "DRAFT" }),
    );
    expect(listed.agentKnowledgeBaseSummaries?.map((k) => k.knowledgeBaseId)).toEqual([
      "KB00000001",
      "KB00000002",
    ]);
    const removed = await t.client.send(
      new DisassociateAgentKnowledgeBaseCommand({
        agentId,
        agentVersion: "DRAFT",
        knowledgeBaseId: "KB00000001",
      }),
    );
    expect(removed.$metadata.httpStatusCode).toBe(204);
    const again = await errorOf(
      t.client.send(
        new DisassociateAgentKnowledgeBaseCommand({
          agentId,
          agentVersion: "DRAFT",
          knowledgeBaseId: "KB00000001",
        }),
      ),
    );
    expect(again.name).toBe("ResourceNotFoundException");
  });
});

describe("tags through the real SDK", () => {
  it("tags agents (also at create time) and aliases by ARN, with the ARN percent-encoded in the path", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "tagged", { tags: { team: "orders" } });
    const agentArn = (await t.client.send(new GetAgentCommand({ agentId }))).agent?.agentArn ?? "";
    expect((await t.client.send(new ListTagsForResourceCommand({ resourceArn: agentArn }))).tags).toEqual({
      team: "orders",
    });
    await t.client.send(new TagResourceCommand({ resourceArn: agentArn, tags: { env: "dev", cost: "42" } }));
    await t.client.send(new UntagResourceCommand({ resourceArn: agentArn, tagKeys: ["cost", "team"] }));
    expect((await t.client.send(new ListTagsForResourceCommand({ resourceArn: agentArn }))).tags).toEqual({
      env: "dev",
    });

    const testAliasArn = `arn:aws:bedrock:us-east-1:000000000000:agent-alias/${agentId}/TSTALIASID`;
    await t.client.send(new TagResourceCommand({ resourceArn: testAliasArn, tags: { kind: "test" } }));
    expect((await t.client.send(new ListTagsForResourceCommand({ resourceArn: testAliasArn }))).tags).toEqual(
      { kind: "test" },
    );

    const other = await errorOf(
      t.client.send(
        new ListTagsForResourceCommand({
          resourceArn: "arn:aws:bedrock:us-east-1:000000000000:agent/ZZZZZZZZZZ",
        }),
      ),
    );
    expect(other.name).toBe("ResourceNotFoundException");
  });

  it("answers ResourceNotFoundException for the tags of a deleted agent", async () => {
    await using t = await emulatorWithClient();
    const agentId = await createReadyAgent(t.client, "ephemeral", { tags: { a: "b" } });
    const resourceArn = `arn:aws:bedrock:us-east-1:000000000000:agent/${agentId}`;
    await t.client.send(new DeleteAgentCommand({ agentId }));
    for (;;) {
      const got = await t.client.send(new ListTagsForResourceCommand({ resourceArn })).catch((e: Error) => e);
      if (got instanceof Error) {
        expect(got.name).toBe("ResourceNotFoundException");
        break;
      }
      expect(got.tags).toEqual({ a: "b" }); // still DELETING
      await new Promise((r) => setTimeout(r, 10));
    }
  });
});
