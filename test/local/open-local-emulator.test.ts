import { existsSync } from "node:fs";
import path from "node:path";
import { CreateAgentCommand, GetAgentCommand } from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import { toAgentctlError } from "../../src/aws/classify-error.js";
import { createAwsClients } from "../../src/aws/clients.js";
import { resolveTargetSettings } from "../../src/aws/target-settings.js";
import { fetchHealth } from "../../src/core/local/health.js";
import { openLocalEmulator } from "../../src/core/local/open-local-emulator.js";
import { CloudError } from "../../src/errors.js";
import { makeContext, tempDir } from "./helpers.js";

const AGENT = {
  foundationModel: "anthropic.claude-3-5-sonnet-20241022-v2:0",
  instruction: "You validate orders against the product catalog and answer briefly.",
  agentResourceRoleArn: "arn:aws:iam::123456789012:role/AmazonBedrockExecutionRoleForAgents_test",
};

describe("openLocalEmulator", () => {
  it("starts an in-process emulator over <project>/.agentctl/emulator.db and stops it on close", async () => {
    await using project = await tempDir();
    const emulator = await openLocalEmulator(project.dir, {
      vars: {},
      cwd: project.dir,
      region: "us-east-1",
    });
    expect(emulator.shared).toBe(false);
    expect(emulator.dbPath).toBe(path.join(project.dir, ".agentctl", "emulator.db"));
    expect(existsSync(emulator.dbPath)).toBe(true);
    expect(await fetchHealth(emulator.endpoint)).toMatchObject({ ok: true, pid: process.pid });
    await emulator.close();
    expect(await fetchHealth(emulator.endpoint, 300)).toBeUndefined();
  });

  it("honours AGENTCTL_EMULATOR_DB relative to the working directory", async () => {
    await using project = await tempDir();
    await using emulator = await openLocalEmulator(project.dir, {
      vars: { AGENTCTL_EMULATOR_DB: "state/other.db" },
      cwd: project.dir,
      region: "us-east-1",
    });
    expect(emulator.dbPath).toBe(path.join(project.dir, "state", "other.db"));
  });

  it("rejects a bad latency or fault spec as usage errors", async () => {
    await using project = await tempDir();
    const open = (vars: Record<string, string>) =>
      openLocalEmulator(project.dir, { vars, cwd: project.dir, region: "us-east-1" });
    await expect(open({ AGENTCTL_EMULATOR_LATENCY: "slow" })).rejects.toMatchObject({ name: "UsageError" });
    await expect(open({ AGENTCTL_EMULATOR_FAULTS: "throttle=2" })).rejects.toMatchObject({
      name: "UsageError",
    });
  });
});

describe("the local target end to end", () => {
  it("keeps state across commands and reports the emulator's real errors", async () => {
    await using project = await tempDir();
    const ctx = makeContext(project.dir, { AWS_ACCESS_KEY_ID: "AKIAREALUSERKEY12345" }, { target: "local" });
    let agentId: string;
    {
      await using target = await resolveTargetSettings(ctx);
      expect(target.emulator?.shared).toBe(false);
      const clients = createAwsClients(target.settings);
      const client = await clients.bedrockAgent();
      const created = await client.send(new CreateAgentCommand({ agentName: "persisted", ...AGENT }));
      agentId = created.agent?.agentId as string;

      const invalid = await client
        .send(new CreateAgentCommand({ agentName: "not a valid name!", ...AGENT }))
        .catch((e: unknown) => e);
      const classified = toAgentctlError(invalid);
      expect(classified).toBeInstanceOf(CloudError);
      expect(classified).toMatchObject({ awsName: "ValidationException", httpStatusCode: 400, exitCode: 1 });
      expect((classified as CloudError).requestId).toBeTruthy();
      expect(classified?.hint).toMatch(/agentctl validate/);
      clients.destroy();
    }
    // A later command (a fresh emulator over the same SQLite file) sees the agent.
    await using target = await resolveTargetSettings(ctx);
    const clients = createAwsClients(target.settings);
    const got = await (await clients.bedrockAgent()).send(new GetAgentCommand({ agentId }));
    expect(got.agent?.agentName).toBe("persisted");
    clients.destroy();
  });
});
