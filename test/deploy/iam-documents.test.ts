/** The IAM documents and the Lambda permission deploy writes, read back from the emulator, equal these exactly. */
import { describe, expect, it } from "vitest";
import { deployProject } from "../../src/core/deploy/engine.js";
import { agentPermissionsPolicy, modelResources } from "../../src/core/deploy/iam-documents.js";
import { deployEmulator, sampleCopy } from "./helpers.js";

describe("IAM and Lambda documents", () => {
  it("the sample's role, trust policy, function role and Lambda permission are exactly the expected documents", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const { result } = await deployProject(env.ports, {
      projectDir: project.dir,
      vars: {},
      progress: () => {},
    });
    const agentId = result.agents.find((a) => a.name === "order-validation")?.agentId as string;
    const agentArn = `arn:aws:bedrock:us-east-1:000000000000:agent/${agentId}`;

    const role = await env.ports.iam.getRole("agentctl-order-processing-order-validation");
    expect(role?.arn).toBe(
      "arn:aws:iam::000000000000:role/agentctl/agentctl-order-processing-order-validation",
    );
    expect(role?.tags).toEqual({
      "agentctl:project": "order-processing",
      "agentctl:agent": "order-validation",
    });
    expect(role?.trustPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "bedrock.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "000000000000" },
            ArnLike: { "aws:SourceArn": agentArn },
          },
        },
      ],
    });
    expect(
      await env.ports.iam.getRolePolicy("agentctl-order-processing-order-validation", "agentctl-agent"),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "InvokeModel",
          Effect: "Allow",
          Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
          Resource: ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20241022-v2:0"],
        },
      ],
    });
    expect(await env.ports.iam.listRolePolicies("agentctl-order-processing-order-validation")).toEqual([
      "agentctl-agent",
    ]);

    expect(await env.ports.lambda.getPolicyStatements("ProductCatalog")).toEqual([
      {
        Sid: `agentctl-${agentId}`,
        Effect: "Allow",
        Principal: { Service: "bedrock.amazonaws.com" },
        Action: "lambda:InvokeFunction",
        Resource: "arn:aws:lambda:us-east-1:000000000000:function:ProductCatalog",
        Condition: {
          StringEquals: { "AWS:SourceAccount": "000000000000" },
          ArnLike: { "AWS:SourceArn": agentArn },
        },
      },
    ]);

    const fnRole = await env.ports.iam.getRole("agentctl-order-processing-fn-ProductCatalog");
    expect(fnRole?.trustPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "000000000000" } },
        },
      ],
    });
    expect(
      await env.ports.iam.getRolePolicy("agentctl-order-processing-fn-ProductCatalog", "agentctl-logs"),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CreateLogGroup",
          Effect: "Allow",
          Action: ["logs:CreateLogGroup"],
          Resource: ["arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/ProductCatalog"],
        },
        {
          Sid: "WriteLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: ["arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/ProductCatalog:*"],
        },
      ],
    });
    const fn = await env.ports.lambda.getFunction("ProductCatalog");
    expect(fn?.tags).toEqual({
      "agentctl:project": "order-processing",
      "agentctl:agent": "order-validation",
    });
  });

  it("inference profiles, knowledge bases, guardrails and collaborators get exactly their resources", () => {
    expect(
      modelResources("us.anthropic.claude-3-5-sonnet-20241022-v2:0", "us-west-2", "123456789012"),
    ).toEqual([
      "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0",
      "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-20241022-v2:0",
    ]);
    expect(
      agentPermissionsPolicy({
        region: "eu-west-1",
        account: "123456789012",
        model: "anthropic.claude-3-haiku-20240307-v1:0",
        knowledgeBaseIds: ["KB12345678"],
        guardrail: "abc123",
        collaboratorAliasArns: ["arn:aws:bedrock:eu-west-1:123456789012:agent-alias/AGENT00001/ALIAS00001"],
      }),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "InvokeModel",
          Effect: "Allow",
          Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
          Resource: ["arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"],
        },
        {
          Sid: "RetrieveFromKnowledgeBases",
          Effect: "Allow",
          Action: ["bedrock:Retrieve"],
          Resource: ["arn:aws:bedrock:eu-west-1:123456789012:knowledge-base/KB12345678"],
        },
        {
          Sid: "ApplyGuardrail",
          Effect: "Allow",
          Action: ["bedrock:ApplyGuardrail"],
          Resource: ["arn:aws:bedrock:eu-west-1:123456789012:guardrail/abc123"],
        },
        {
          Sid: "InvokeCollaborators",
          Effect: "Allow",
          Action: ["bedrock:GetAgentAlias", "bedrock:InvokeAgent"],
          Resource: ["arn:aws:bedrock:eu-west-1:123456789012:agent-alias/AGENT00001/ALIAS00001"],
        },
      ],
    });
  });
});
