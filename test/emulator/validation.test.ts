import { describe, expect, it } from "vitest";
import { validateRequest } from "../../src/emulator/control-plane/validation/index.js";

const NAME_PATTERN = "([0-9a-zA-Z][_-]?){1,100}";
const ROLE = "arn:aws:iam::123456789012:role/AmazonBedrockExecutionRoleForAgents_orders";
const MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";

function messageOf(operation: string, input: Record<string, unknown>): string | undefined {
  return validateRequest(operation, input)?.message;
}

describe("Coral message texts", () => {
  it("reports a pattern failure exactly like AWS", () => {
    expect(validateRequest("CreateAgent", { agentName: "my agent" })).toEqual({
      message:
        "1 validation error detected: Value 'my agent' at 'agentName' failed to satisfy constraint: " +
        `Member must satisfy regular expression pattern: ${NAME_PATTERN}`,
      fieldList: [
        { name: "agentName", message: `Member must satisfy regular expression pattern: ${NAME_PATTERN}` },
      ],
    });
  });

  it("reports a missing required member as null", () => {
    expect(messageOf("CreateAgent", {})).toBe(
      "1 validation error detected: Value null at 'agentName' failed to satisfy constraint: Member must not be null",
    );
    // JSON null is the same as absent
    expect(messageOf("CreateAgent", { agentName: null })).toBe(messageOf("CreateAgent", {}));
  });

  it("reports lengths in both directions", () => {
    expect(messageOf("CreateAgent", { agentName: "a", description: "d".repeat(201) })).toBe(
      `1 validation error detected: Value '${"d".repeat(201)}' at 'description' failed to satisfy constraint: ` +
        "Member must have length less than or equal to 200",
    );
    expect(messageOf("CreateAgent", { agentName: "a", description: "" })).toBe(
      "1 validation error detected: Value '' at 'description' failed to satisfy constraint: " +
        "Member must have length greater than or equal to 1",
    );
  });

  it("reports numeric ranges with the value echoed", () => {
    expect(messageOf("CreateAgent", { agentName: "a", idleSessionTTLInSeconds: 5401 })).toBe(
      "1 validation error detected: Value '5401' at 'idleSessionTTLInSeconds' failed to satisfy constraint: " +
        "Member must have value less than or equal to 5400",
    );
    expect(validateRequest("ListAgents", { maxResults: 0 })?.fieldList).toEqual([
      { name: "maxResults", message: "Member must have value greater than or equal to 1" },
    ]);
    expect(validateRequest("ListAgents", { maxResults: 1000 })).toBeUndefined();
    expect(validateRequest("ListAgents", { maxResults: 1001 })?.fieldList[0]?.message).toBe(
      "Member must have value less than or equal to 1000",
    );
  });

  it("reports enum violations with the value set", () => {
    expect(messageOf("CreateAgent", { agentName: "a", orchestrationType: "default" })).toBe(
      "1 validation error detected: Value 'default' at 'orchestrationType' failed to satisfy constraint: " +
        "Member must satisfy enum value set: [DEFAULT, CUSTOM_ORCHESTRATION]",
    );
  });

  it("counts and joins several problems in model member order", () => {
    const failure = validateRequest("UpdateAgent", {
      agentId: "short",
      agentName: "ok-name",
      idleSessionTTLInSeconds: 59,
      agentCollaboration: "ON",
    });
    expect(failure?.message).toBe(
      "5 validation errors detected: " +
        "Value 'short' at 'agentId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z]{10}; " +
        "Value null at 'foundationModel' failed to satisfy constraint: Member must not be null; " +
        "Value '59' at 'idleSessionTTLInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60; " +
        "Value null at 'agentResourceRoleArn' failed to satisfy constraint: Member must not be null; " +
        "Value 'ON' at 'agentCollaboration' failed to satisfy constraint: Member must satisfy enum value set: [SUPERVISOR, SUPERVISOR_ROUTER, DISABLED]",
    );
    expect(failure?.fieldList.map((f) => f.name)).toEqual([
      "agentId",
      "foundationModel",
      "idleSessionTTLInSeconds",
      "agentResourceRoleArn",
      "agentCollaboration",
    ]);
  });

  it("reports every broken constraint of one value separately", () => {
    const failure = validateRequest("CreateAgent", { agentName: "a", clientToken: "not a token" });
    expect(failure?.fieldList).toEqual([
      {
        name: "clientToken",
        message: "Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}",
      },
      { name: "clientToken", message: "Member must have length greater than or equal to 33" },
    ]);
    expect(failure?.message.startsWith("2 validation errors detected: ")).toBe(true);
  });
});

describe("sensitive members are never echoed", () => {
  it("leaves the value out for instruction and collaborationInstruction", () => {
    expect(messageOf("CreateAgent", { agentName: "a", instruction: "too short secret" })).toBe(
      "1 validation error detected: Value at 'instruction' failed to satisfy constraint: " +
        "Member must have length greater than or equal to 40",
    );
    const message = messageOf("AssociateAgentCollaborator", {
      agentId: "AGENT12345",
      agentVersion: "DRAFT",
      agentDescriptor: {
        aliasArn: "arn:aws:bedrock:us-east-1:123456789012:agent-alias/AGENT12345/ALIAS12345",
      },
      collaboratorName: "shipping",
      collaborationInstruction: "x".repeat(4001),
    });
    expect(message).toContain("Value at 'collaborationInstruction' failed");
    expect(message).not.toContain("xxxx");
  });

  it("hides everything inside promptOverrideConfiguration and unions holding apiSchema.payload", () => {
    const prompt = messageOf("CreateAgent", {
      agentName: "a",
      promptOverrideConfiguration: {
        promptConfigurations: [{ promptType: "SECRET_TYPE", basePromptTemplate: "" }],
      },
    });
    expect(prompt).toContain(
      "Value at 'promptOverrideConfiguration.promptConfigurations.1.member.promptType' failed to satisfy constraint: " +
        "Member must satisfy enum value set:",
    );
    expect(prompt).toContain(
      "Value at 'promptOverrideConfiguration.promptConfigurations.1.member.basePromptTemplate'",
    );
    expect(prompt).not.toContain("SECRET_TYPE");

    const union = messageOf("CreateAgentActionGroup", {
      agentId: "AGENT12345",
      agentVersion: "DRAFT",
      actionGroupName: "catalog",
      apiSchema: { payload: "openapi: 3.0.0 secret", s3: { s3BucketName: "bucket", s3ObjectKey: "a.yaml" } },
    });
    expect(union).toBe(
      "1 validation error detected: Value at 'apiSchema' failed to satisfy constraint: " +
        "Member must have exactly one member set, one of: [s3, payload]",
    );
  });

  it("still echoes the non-sensitive sibling of a sensitive member", () => {
    const message = messageOf("CreateAgentActionGroup", {
      agentId: "AGENT12345",
      agentVersion: "DRAFT",
      actionGroupName: "catalog",
      apiSchema: { s3: { s3BucketName: "Bad_Bucket", s3ObjectKey: "a.yaml" } },
    });
    expect(message).toContain("Value 'Bad_Bucket' at 'apiSchema.s3.s3BucketName'");
  });
});

describe("path labels", () => {
  const AG = { agentId: "AGENT12345", actionGroupName: "catalog" };

  it("writes on sub-resources require agentVersion DRAFT", () => {
    expect(validateRequest("CreateAgentActionGroup", { ...AG, agentVersion: "DRAFT" })).toBeUndefined();
    expect(validateRequest("CreateAgentActionGroup", { ...AG, agentVersion: "1" })?.fieldList).toEqual([
      { name: "agentVersion", message: "Member must satisfy regular expression pattern: DRAFT" },
      { name: "agentVersion", message: "Member must have length greater than or equal to 5" },
    ]);
    expect(validateRequest("CreateAgentActionGroup", { ...AG, agentVersion: "draft" })?.fieldList).toEqual([
      { name: "agentVersion", message: "Member must satisfy regular expression pattern: DRAFT" },
    ]);
    expect(validateRequest("CreateAgentActionGroup", { ...AG })?.fieldList).toEqual([
      { name: "agentVersion", message: "Member must not be null" },
    ]);
  });

  it("reads of sub-resources accept DRAFT or a numbered version", () => {
    const get = (agentVersion: string) =>
      validateRequest("GetAgentActionGroup", {
        agentId: "AGENT12345",
        actionGroupId: "GROUP12345",
        agentVersion,
      });
    expect(get("DRAFT")).toBeUndefined();
    expect(get("1")).toBeUndefined();
    expect(get("99999")).toBeUndefined();
    expect(get("0")?.fieldList[0]?.message).toBe(
      "Member must satisfy regular expression pattern: (DRAFT|[0-9]{0,4}[1-9][0-9]{0,4})",
    );
    expect(get("100000")?.fieldList.map((f) => f.message)).toContain(
      "Member must have length less than or equal to 5",
    );
  });

  it("GetAgentVersion and DeleteAgentVersion accept digits only", () => {
    expect(validateRequest("GetAgentVersion", { agentId: "AGENT12345", agentVersion: "12" })).toBeUndefined();
    expect(messageOf("DeleteAgentVersion", { agentId: "AGENT12345", agentVersion: "DRAFT" })).toBe(
      "1 validation error detected: Value 'DRAFT' at 'agentVersion' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: [0-9]{1,5}",
    );
  });

  it("anchors patterns: a valid value with extra characters fails", () => {
    expect(validateRequest("GetAgent", { agentId: "AGENT12345" })).toBeUndefined();
    expect(validateRequest("GetAgent", { agentId: "AGENT123456" })).toBeDefined();
    expect(validateRequest("GetAgent", { agentId: "xAGENT12345" })).toBeDefined();
    expect(validateRequest("GetAgent", { agentId: "AGENT12345\n" })).toBeDefined();
  });

  it("aliases: exactly ten characters, TSTALIASID or alphanumeric", () => {
    const get = (agentAliasId: string) =>
      validateRequest("GetAgentAlias", { agentId: "AGENT12345", agentAliasId });
    expect(get("TSTALIASID")).toBeUndefined();
    expect(get("ALIAS12345")).toBeUndefined();
    expect(get("ALIAS-1234")?.fieldList.map((f) => f.message)).toEqual([
      "Member must satisfy regular expression pattern: (\\bTSTALIASID\\b|[0-9a-zA-Z]+)",
    ]);
    expect(get("ALIAS")?.fieldList.map((f) => f.message)).toEqual([
      "Member must have length greater than or equal to 10",
    ]);
  });
});

describe("contract edges", () => {
  it("ignores members the model does not name, at the top and nested", () => {
    expect(
      validateRequest("UpdateAgent", {
        agentId: "AGENT12345",
        agentName: "orders",
        foundationModel: MODEL,
        agentResourceRoleArn: ROLE,
        someFutureMember: { anything: [1, 2] },
        guardrailConfiguration: { guardrailIdentifier: "abc123", futureField: true },
      }),
    ).toBeUndefined();
  });

  it("answers hostile values with a failure, never a stack trace", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const failure = validateRequest("CreateAgent", { agentName: deep, tags: { k: deep } });
    expect(failure?.fieldList).toEqual([
      { name: "agentName", message: "Member must be of type string" },
      { name: "tags.k.member", message: "Member must be of type string" },
    ]);
    expect(failure?.message).toMatch(/^2 validation errors detected: Value '\[\[\[.*…\]+' at 'agentName'/);
  });

  it("throws a plain Error for an unknown operation name", () => {
    expect(() => validateRequest("InvokeAgent", {})).toThrow(/unknown bedrock-agent operation 'InvokeAgent'/);
    expect(() => validateRequest("createAgent", {})).toThrow(Error);
  });
});
