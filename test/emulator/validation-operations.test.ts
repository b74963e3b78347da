import * as sdk from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import { OPERATIONS, validateRequest } from "../../src/emulator/control-plane/validation/index.js";

const ID = "AGENT12345";
const ROLE = "arn:aws:iam::123456789012:role/AmazonBedrockExecutionRoleForAgents_orders";
const MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:product-catalog:$LATEST";
const TOKEN = "0f8fad5b-d9cb-469f-a165-70867728950e"; // what the SDK auto-fills: a UUIDv4
const KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ALIAS_ARN = "arn:aws:bedrock:us-east-1:123456789012:agent-alias/AGENT12345/ALIAS12345";
const INSTRUCTION = "You are an order validation assistant. Check every product against the catalog.";

const AGENT_BODY = {
  agentName: "order-validation",
  instruction: INSTRUCTION,
  foundationModel: MODEL,
  description: "Validates orders against the product catalog",
  orchestrationType: "DEFAULT",
  idleSessionTTLInSeconds: 600,
  agentResourceRoleArn: ROLE,
  customerEncryptionKeyArn: KMS,
  promptOverrideConfiguration: {
    promptConfigurations: [
      {
        promptType: "ORCHESTRATION",
        promptCreationMode: "OVERRIDDEN",
        promptState: "ENABLED",
        basePromptTemplate: "{{instruction}}",
        inferenceConfiguration: {
          temperature: 0,
          topP: 0.9,
          topK: 250,
          maximumLength: 2048,
          stopSequences: [],
        },
        parserMode: "OVERRIDDEN",
        foundationModel: "us.anthropic.claude-3-haiku-20240307-v1:0",
        additionalModelRequestFields: { anything: { goes: [1, "two", null] } },
      },
    ],
    overrideLambda: LAMBDA,
  },
  guardrailConfiguration: { guardrailIdentifier: "abcd1234", guardrailVersion: "DRAFT" },
  memoryConfiguration: {
    enabledMemoryTypes: ["SESSION_SUMMARY"],
    storageDays: 30,
    sessionSummaryConfiguration: { maxRecentSessions: 5 },
  },
  agentCollaboration: "SUPERVISOR",
};

const ACTION_GROUP_BODY = {
  actionGroupName: "product_catalog",
  description: "Product catalog lookups",
  actionGroupExecutor: { lambda: "arn:aws:lambda:eu-west-1:123456789012:function:catalog" },
  apiSchema: { s3: { s3BucketName: "my-schemas.bucket", s3ObjectKey: "schemas/catalog-api.yaml" } },
  actionGroupState: "ENABLED",
};

const COLLABORATOR_BODY = {
  agentDescriptor: { aliasArn: ALIAS_ARN },
  collaboratorName: "shipping",
  collaborationInstruction: "Hand shipping questions to this agent.",
  relayConversationHistory: "TO_COLLABORATOR",
};

const VALID: Record<string, Record<string, unknown>> = {
  CreateAgent: {
    ...AGENT_BODY,
    clientToken: TOKEN,
    tags: { project: "agentctl", "cost center": "a/b:c=d+e@f" },
  },
  UpdateAgent: { agentId: ID, ...AGENT_BODY },
  GetAgent: { agentId: ID },
  ListAgents: { maxResults: 10, nextToken: "eyJwYWdlIjoyfQ==" },
  DeleteAgent: { agentId: ID, skipResourceInUseCheck: false },
  PrepareAgent: { agentId: ID },
  CreateAgentActionGroup: { agentId: ID, agentVersion: "DRAFT", clientToken: TOKEN, ...ACTION_GROUP_BODY },
  UpdateAgentActionGroup: {
    agentId: ID,
    agentVersion: "DRAFT",
    actionGroupId: "GROUP12345",
    actionGroupName: "user_input",
    parentActionGroupSignature: "AMAZON.UserInput",
    parentActionGroupSignatureParams: { type: "computer_20241022" },
    actionGroupExecutor: { customControl: "RETURN_CONTROL" },
    functionSchema: {
      functions: [
        {
          name: "get_product",
          description: "Look a product up",
          parameters: { productId: { description: "The product", type: "string", required: true } },
          requireConfirmation: "DISABLED",
        },
      ],
    },
  },
  GetAgentActionGroup: { agentId: ID, agentVersion: "3", actionGroupId: "GROUP12345" },
  ListAgentActionGroups: { agentId: ID, agentVersion: "DRAFT", maxResults: 1 },
  DeleteAgentActionGroup: {
    agentId: ID,
    agentVersion: "DRAFT",
    actionGroupId: "GROUP12345",
    skipResourceInUseCheck: true,
  },
  CreateAgentAlias: {
    agentId: ID,
    agentAliasName: "live",
    clientToken: TOKEN,
    description: "Production",
    routingConfiguration: [{ agentVersion: "1", provisionedThroughput: "my-throughput" }],
    tags: { env: "prod" },
  },
  UpdateAgentAlias: {
    agentId: ID,
    agentAliasId: "ALIAS12345",
    agentAliasName: "live",
    routingConfiguration: [],
    aliasInvocationState: "REJECT_INVOCATIONS",
  },
  GetAgentAlias: { agentId: ID, agentAliasId: "TSTALIASID" },
  ListAgentAliases: { agentId: ID, maxResults: 1000 },
  DeleteAgentAlias: { agentId: ID, agentAliasId: "ALIAS12345" },
  ListAgentVersions: { agentId: ID },
  GetAgentVersion: { agentId: ID, agentVersion: "1" },
  DeleteAgentVersion: { agentId: ID, agentVersion: "12", skipResourceInUseCheck: false },
  AssociateAgentCollaborator: {
    agentId: ID,
    agentVersion: "DRAFT",
    clientToken: TOKEN,
    ...COLLABORATOR_BODY,
  },
  GetAgentCollaborator: { agentId: ID, agentVersion: "DRAFT", collaboratorId: "COLLAB1234" },
  UpdateAgentCollaborator: {
    agentId: ID,
    agentVersion: "DRAFT",
    collaboratorId: "COLLAB1234",
    ...COLLABORATOR_BODY,
  },
  ListAgentCollaborators: { agentId: ID, agentVersion: "2" },
  DisassociateAgentCollaborator: { agentId: ID, agentVersion: "DRAFT", collaboratorId: "COLLAB1234" },
  AssociateAgentKnowledgeBase: {
    agentId: ID,
    agentVersion: "DRAFT",
    knowledgeBaseId: "KB12345678",
    description: "Use for product manuals",
    knowledgeBaseState: "DISABLED",
  },
  ListAgentKnowledgeBases: { agentId: ID, agentVersion: "DRAFT" },
  DisassociateAgentKnowledgeBase: { agentId: ID, agentVersion: "DRAFT", knowledgeBaseId: "KB12345678" },
  TagResource: {
    resourceArn: "arn:aws:bedrock:us-east-1:123456789012:agent-alias/AGENT12345/ALIAS12345",
    tags: {},
  },
  UntagResource: { resourceArn: "arn:aws:bedrock:us-east-1:123456789012:agent/AGENT12345", tagKeys: ["env"] },
  ListTagsForResource: { resourceArn: "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/KB12345678" },
};

/**
 * Required members per operation, in model order (aws-behaviour.md §2.2). Operations not listed require
 * exactly their path labels (the `…Id`, `…Version`, `…Arn` members of their valid input).
 */
const REQUIRED: Record<string, string[]> = {
  CreateAgent: ["agentName"],
  UpdateAgent: ["agentId", "agentName", "foundationModel", "agentResourceRoleArn"],
  CreateAgentActionGroup: ["agentId", "agentVersion", "actionGroupName"],
  UpdateAgentActionGroup: ["agentId", "agentVersion", "actionGroupId", "actionGroupName"],
  CreateAgentAlias: ["agentId", "agentAliasName"],
  UpdateAgentAlias: ["agentId", "agentAliasId", "agentAliasName"],
  UpdateAgentCollaborator: [
    "agentId",
    "agentVersion",
    "collaboratorId",
    "agentDescriptor",
    "collaboratorName",
    "collaborationInstruction",
  ],
  AssociateAgentCollaborator: [
    "agentId",
    "agentVersion",
    "agentDescriptor",
    "collaboratorName",
    "collaborationInstruction",
  ],
  AssociateAgentKnowledgeBase: ["agentId", "agentVersion", "knowledgeBaseId", "description"],
  TagResource: ["resourceArn", "tags"],
  UntagResource: ["resourceArn", "tagKeys"],
  ListAgents: [],
};

describe("every operation", () => {
  it("OPERATIONS names exactly the bedrock-agent agent operations of §2.1, each a real SDK command", () => {
    expect([...OPERATIONS].sort()).toEqual(Object.keys(VALID).sort());
    const commands = sdk as unknown as Record<string, unknown>;
    for (const operation of OPERATIONS)
      expect(typeof commands[`${operation}Command`], operation).toBe("function");
  });

  it.each(Object.entries(VALID))("%s accepts a realistic valid input", (operation, input) => {
    expect(validateRequest(operation, input)).toBeUndefined();
  });

  it.each(OPERATIONS.map((op) => [op]))("%s reports each missing required member as null", (operation) => {
    const names = validateRequest(operation, {})?.fieldList.map((f) => f.name) ?? [];
    const input = VALID[operation] ?? {};
    const expected = REQUIRED[operation] ?? Object.keys(input).filter((k) => /Id$|Version$|Arn$/.test(k));
    expect(names).toEqual(expected);
    for (const field of validateRequest(operation, {})?.fieldList ?? []) {
      expect(field.message).toBe("Member must not be null");
    }
  });

  it("the SDK's idempotency token and the tagging ARN forms pass; the model's /d{12} typo is not copied", () => {
    expect(
      validateRequest("CreateAgent", { agentName: "a", clientToken: crypto.randomUUID() }),
    ).toBeUndefined();
    const tags = (resourceArn: string) => validateRequest("ListTagsForResource", { resourceArn });
    for (const arn of [
      "arn:aws:bedrock:us-east-1:123456789012:agent/AGENT12345",
      "arn:aws:bedrock:us-east-1:123456789012:flow/FLOW123456/alias/ALIAS12345",
      "arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT1234:3",
    ]) {
      expect(tags(arn), arn).toBeUndefined();
    }
    expect(tags("arn:aws:bedrock:us-east-1:/d{12}:agent/AGENT12345")).toBeDefined();
    expect(tags("arn:aws:bedrock:us-east-1:123456789012:agent/agent12345")).toBeDefined();
    expect(tags("arn:aws:bedrock:us-east-1:123456789012:guardrail/AGENT12345")).toBeDefined();
  });

  it("echoes the tagging ARN pattern as the model writes it (botocore 1.43.11 TaggableResourcesArn)", () => {
    const modelText =
      ".*(^arn:aws:bedrock:[a-zA-Z0-9-]+:/d{12}:(agent|agent-alias|knowledge-base|flow|prompt)/[A-Z0-9]{10}(?:/[A-Z0-9]{10})?$" +
      "|^arn:aws:bedrock:[a-zA-Z0-9-]+:/d{12}:flow/([A-Z0-9]{10})/alias/([A-Z0-9]{10})$" +
      "|^arn:aws:bedrock:[a-zA-Z0-9-]+:/d{12}:prompt/([A-Z0-9]{10})?(?::/d+)?$).*";
    const failure = validateRequest("ListTagsForResource", {
      resourceArn: "arn:aws:bedrock:us-east-1:123456789012:guardrail/AGENT12345",
    });
    expect(failure?.fieldList).toEqual([
      { name: "resourceArn", message: `Member must satisfy regular expression pattern: ${modelText}` },
    ]);
    expect(failure?.message).toContain(
      `failed to satisfy constraint: Member must satisfy regular expression pattern: ${modelText}`,
    );
  });
});
