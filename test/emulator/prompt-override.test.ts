import {
  CreateAgentCommand,
  type PromptConfiguration,
  type PromptOverrideConfiguration,
  UpdateAgentCommand,
} from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import { createReadyAgent, emulatorWithClient, errorOf, LAMBDA_ARN, MODEL, ROLE_ARN } from "./support.js";

const orchestration = (parserMode: "DEFAULT" | "OVERRIDDEN"): PromptConfiguration => ({
  promptType: "ORCHESTRATION",
  promptCreationMode: "OVERRIDDEN",
  promptState: "ENABLED",
  basePromptTemplate: "{{instruction}}",
  parserMode,
});

describe("promptOverrideConfiguration's parser Lambda rule (§2: overrideLambda requires a parserMode OVERRIDDEN)", () => {
  it("refuses overrideLambda when no prompt has parserMode OVERRIDDEN, on create and update", async () => {
    await using t = await emulatorWithClient();
    const lonelyLambda: PromptOverrideConfiguration = {
      promptConfigurations: [orchestration("DEFAULT")],
      overrideLambda: LAMBDA_ARN,
    };
    const created = await errorOf(
      t.client.send(
        new CreateAgentCommand({ agentName: "parser-less", promptOverrideConfiguration: lonelyLambda }),
      ),
    );
    expect(created.name).toBe("ValidationException");
    expect(created.$metadata?.httpStatusCode).toBe(400);
    expect(created.message).toMatch(/overrideLambda.*parserMode OVERRIDDEN/);
    expect(created.fieldList).toEqual([
      { name: "promptOverrideConfiguration.overrideLambda", message: expect.stringContaining("OVERRIDDEN") },
    ]);

    const agentId = await createReadyAgent(t.client, "parser-later");
    const updated = await errorOf(
      t.client.send(
        new UpdateAgentCommand({
          agentId,
          agentName: "parser-later",
          foundationModel: MODEL,
          agentResourceRoleArn: ROLE_ARN,
          promptOverrideConfiguration: { promptConfigurations: [], overrideLambda: LAMBDA_ARN },
        }),
      ),
    );
    expect(updated.name).toBe("ValidationException");
    expect(updated.fieldList?.map((f) => f.name)).toEqual(["promptOverrideConfiguration.overrideLambda"]);
  });

  it("refuses parserMode OVERRIDDEN without an overrideLambda to parse with", async () => {
    await using t = await emulatorWithClient();
    const err = await errorOf(
      t.client.send(
        new CreateAgentCommand({
          agentName: "lambda-less",
          promptOverrideConfiguration: {
            promptConfigurations: [orchestration("DEFAULT"), orchestration("OVERRIDDEN")],
          },
        }),
      ),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.message).toContain("ORCHESTRATION");
    expect(err.fieldList?.map((f) => f.name)).toEqual([
      "promptOverrideConfiguration.promptConfigurations.2.member.parserMode",
    ]);
  });

  it("accepts overrideLambda together with a parserMode OVERRIDDEN prompt, and prompts without a parser", async () => {
    await using t = await emulatorWithClient();
    const both = await t.client.send(
      new CreateAgentCommand({
        agentName: "custom-parser",
        promptOverrideConfiguration: {
          promptConfigurations: [orchestration("OVERRIDDEN")],
          overrideLambda: LAMBDA_ARN,
        },
      }),
    );
    expect(both.agent?.promptOverrideConfiguration?.overrideLambda).toBe(LAMBDA_ARN);
    const neither = await t.client.send(
      new CreateAgentCommand({
        agentName: "default-parser",
        promptOverrideConfiguration: { promptConfigurations: [orchestration("DEFAULT")] },
      }),
    );
    expect(neither.$metadata.httpStatusCode).toBe(202);
  });
});
