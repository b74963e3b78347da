import { readFileSync } from "node:fs";
import path from "node:path";
import type { DescribeExecutionCommandOutput } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { validateStateMachineDefinition } from "../../src/asl/validate.js";
import { destroyProject } from "../../src/core/deploy/destroy.js";
import { deployProject, planDeployment } from "../../src/core/deploy/engine.js";
import type { DeployPorts } from "../../src/core/deploy/ports.js";
import { PROJECT_TAG } from "../../src/core/deploy/tags.js";
import { adapterCodeSha256 } from "../../src/core/workflow/index.js";
import { repoRoot } from "../helpers/run-cli.js";
import { deployEmulator, sampleCopy } from "./helpers.js";

const quiet = () => {};
const ACCOUNT = "000000000000";
const REGION = "us-east-1";
const NAME = "order-processing-order-workflow";

async function machine(ports: DeployPorts) {
  const found = (await ports.sfn.list()).find((m) => m.name === NAME);
  if (!found) return undefined;
  const info = await ports.sfn.describe(found.arn);
  return { ...found, ...info, tags: await ports.sfn.listTags(found.arn) };
}

describe("deploy of the sample's workflow", () => {
  it("creates the state machine with the compiled template; a no-op redeploy makes zero mutating requests", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const opts = { projectDir: project.dir, vars: {}, progress: quiet };
    const { result } = await deployProject(env.ports, opts);

    const sm = await machine(env.ports);
    expect(sm?.type).toBe("STANDARD");
    expect(sm?.roleArn).toBe(
      `arn:aws:iam::${ACCOUNT}:role/agentctl/agentctl-order-processing-sfn-order-workflow`,
    );
    expect(sm?.tags[PROJECT_TAG]).toBe("order-processing");
    expect(result.workflows).toEqual([
      { name: "order-workflow", stateMachineName: NAME, stateMachineArn: sm?.arn },
    ]);
    const definition = JSON.parse(sm?.definition as string);
    // Every agent task is the adapter with the deployed ids of the agent's live alias.
    const adapter = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:agentctl-order-processing-invoke-agent`;
    for (const [state, agent] of [
      ["ValidateOrder", "order-validation"],
      ["ShipOrder", "shipping"],
      ["NotifyFailure", "notification"],
    ] as const) {
      const outcome = result.agents.find((a) => a.name === agent);
      const task = definition.States[state];
      expect(task.Resource).toBe("arn:aws:states:::lambda:invoke");
      expect(task.Parameters.FunctionName).toBe(adapter);
      expect(task.Parameters.Payload.agentId).toBe(outcome?.agentId);
      const aliases = await env.ports.agents.listAliases(outcome?.agentId as string);
      const live = aliases.find((a) => a.agentAliasName === "live");
      expect(task.Parameters.Payload.agentAliasId).toBe(live?.agentAliasId);
    }
    expect(definition.States.WaitForApproval.Parameters.TopicArn).toBe(
      `arn:aws:sns:${REGION}:${ACCOUNT}:order-approvals`,
    );
    expect(
      validateStateMachineDefinition(definition, "compiled.json", {
        agentNames: ["notification", "order-validation", "shipping"],
      }).filter((d) => d.severity === "error"),
    ).toEqual([]);
    // The adapter runs agentctl's code; the topic exists and is the project's.
    const fn = await env.ports.lambda.getFunction("agentctl-order-processing-invoke-agent");
    expect(fn).toMatchObject({ codeSha256: adapterCodeSha256(), runtime: "nodejs22.x", timeout: 900 });
    expect(await env.ports.sns.tags(`arn:aws:sns:${REGION}:${ACCOUNT}:order-approvals`)).toMatchObject({
      [PROJECT_TAG]: "order-processing",
    });

    const before = env.mutating().length;
    const again = await deployProject(env.ports, opts);
    expect(again.result.operations).toEqual([]);
    expect(env.mutating()).toHaveLength(before);
    const planned = await planDeployment(env.ports, opts);
    expect(planned.plan.items.filter((i) => i.kind !== "agent").map((i) => [i.kind, i.changes])).toEqual([
      ["adapter", 0],
      ["workflow", 0],
    ]);
  });

  it("a changed template updates only the state machine, and plan shows the definition's diff", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const opts = { projectDir: project.dir, vars: {}, progress: quiet };
    await deployProject(env.ports, opts);
    project.edit("templates/order-workflow.asl.yaml", (t) =>
      t.replace("NumericGreaterThan: 500", "NumericGreaterThan: 750"),
    );
    const { plan } = await planDeployment(env.ports, opts);
    const changed = plan.items.filter((i) => i.changes > 0);
    expect(changed.map((i) => i.key)).toEqual(["workflow:order-workflow"]);
    const item = changed[0];
    if (item?.kind !== "workflow") throw new Error("expected the workflow's item");
    expect(item.action).toBe("update");
    expect(item.definitionDiff.filter((l) => /^[-+]/.test(l))).toEqual([
      '-          "NumericGreaterThan": 500,',
      '+          "NumericGreaterThan": 750,',
    ]);
    const before = env.mutating().length;
    await deployProject(env.ports, opts);
    expect(env.mutating().slice(before)).toEqual(["UpdateStateMachine", "TagResource"]);
    const sm = await machine(env.ports);
    expect(JSON.parse(sm?.definition as string).States.CheckApproval.Choices[1].NumericGreaterThan).toBe(750);
    const settled = await planDeployment(env.ports, opts);
    expect(settled.plan.changes).toBe(0);
  });

  it("the adapter's and the state machine's roles have exactly the expected documents", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const { result } = await deployProject(env.ports, { projectDir: project.dir, vars: {}, progress: quiet });
    const aliasArns: string[] = [];
    for (const a of result.agents) {
      const live = (await env.ports.agents.listAliases(a.agentId as string)).find(
        (x) => x.agentAliasName === "live",
      );
      aliasArns.push(`arn:aws:bedrock:${REGION}:${ACCOUNT}:agent-alias/${a.agentId}/${live?.agentAliasId}`);
    }
    const adapterRole = await env.ports.iam.getRole("agentctl-order-processing-adapter");
    expect(adapterRole?.trustPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        },
      ],
    });
    const group = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/agentctl-order-processing-invoke-agent`;
    expect(
      await env.ports.iam.getRolePolicy("agentctl-order-processing-adapter", "agentctl-adapter"),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "InvokeAgentAliases",
          Effect: "Allow",
          Action: ["bedrock:InvokeAgent"],
          Resource: aliasArns.sort(),
        },
        { Sid: "CreateLogGroup", Effect: "Allow", Action: ["logs:CreateLogGroup"], Resource: [group] },
        {
          Sid: "WriteLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [`${group}:*`],
        },
      ],
    });
    const smRole = "agentctl-order-processing-sfn-order-workflow";
    expect((await env.ports.iam.getRole(smRole))?.trustPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "states.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${NAME}` },
          },
        },
      ],
    });
    const adapter = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:agentctl-order-processing-invoke-agent`;
    expect(await env.ports.iam.getRolePolicy(smRole, "agentctl-state-machine")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "InvokeFunctions",
          Effect: "Allow",
          Action: ["lambda:InvokeFunction"],
          Resource: [adapter, `${adapter}:*`],
        },
        {
          Sid: "PublishToTopics",
          Effect: "Allow",
          Action: ["sns:Publish"],
          Resource: [`arn:aws:sns:${REGION}:${ACCOUNT}:order-approvals`],
        },
      ],
    });
  });

  it("destroy removes the state machine, its role, the adapter, its role and the topic agentctl created", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const opts = { projectDir: project.dir, vars: {}, progress: quiet };
    await deployProject(env.ports, opts);
    const destroyed = await destroyProject(env.ports, opts);
    expect(destroyed.workflows).toEqual([expect.objectContaining({ name: "order-workflow", deleted: true })]);
    expect((await env.ports.sfn.list()).filter((m) => m.name === NAME)).toEqual([]);
    expect(await env.ports.lambda.getFunction("agentctl-order-processing-invoke-agent")).toBeUndefined();
    for (const role of ["agentctl-order-processing-adapter", "agentctl-order-processing-sfn-order-workflow"])
      expect(await env.ports.iam.getRole(role)).toBeUndefined();
    expect(await env.ports.sns.tags(`arn:aws:sns:${REGION}:${ACCOUNT}:order-approvals`)).toBeUndefined();
    // Nothing owned is left: a second destroy has nothing to do.
    const again = await destroyProject(env.ports, opts);
    expect(again.operations).toEqual([]);
  });

  it("after deploy, an execution of the sample with order.json reaches SUCCEEDED through the adapter", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    await deployProject(env.ports, { projectDir: project.dir, vars: {}, progress: quiet });
    const sm = await machine(env.ports);
    const { SFNClient, StartExecutionCommand, DescribeExecutionCommand } = await import(
      "@aws-sdk/client-sfn"
    );
    const client = new SFNClient({
      endpoint: env.emulator.endpoint,
      region: REGION,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    try {
      const input = readFileSync(path.join(repoRoot, "order.json"), "utf8");
      const { executionArn } = await client.send(
        new StartExecutionCommand({ stateMachineArn: sm?.arn, input }),
      );
      let status = "RUNNING";
      let described: DescribeExecutionCommandOutput | undefined;
      for (let i = 0; i < 600 && status === "RUNNING"; i++) {
        described = await client.send(new DescribeExecutionCommand({ executionArn }));
        status = described.status ?? "RUNNING";
        if (status === "RUNNING") await new Promise((r) => setTimeout(r, 50));
      }
      expect({ status, error: described?.error, cause: described?.cause }).toEqual({
        status: "SUCCEEDED",
        error: undefined,
        cause: undefined,
      });
      const output = JSON.parse(described?.output as string);
      expect(output.shipping.answer).toMatch(/^SHIPPED:/);
    } finally {
      client.destroy();
    }
  }, 60_000);
});
