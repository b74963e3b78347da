import { describe, expect, it } from "vitest";
import { OwnershipError } from "../../src/core/deploy/diff.js";
import { deployProject, planDeployment } from "../../src/core/deploy/engine.js";
import { deployEmulator, sampleCopy } from "./helpers.js";

const quiet = () => {};

describe("--prune-versions and --adopt", () => {
  it("--prune-versions K deletes the oldest versions no alias serves, keeping K", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const opts = { projectDir: project.dir, vars: {}, progress: quiet, agents: ["shipping"] };
    for (const ttl of [900, 1000, 1100, 1200]) {
      project.edit("agents/shipping.yaml", (t) => t.replace(/idleSessionTTL: \d+/, `idleSessionTTL: ${ttl}`));
      await deployProject(env.ports, opts);
    }
    const { deployed } = await planDeployment(env.ports, opts);
    const agent = deployed.agents.get("shipping");
    expect(agent?.aliases.map((a) => a.version)).toEqual(["4"]);
    const versions = async () =>
      (await env.ports.agents.listAgentVersions(agent?.agentId as string)).map((v) => v.agentVersion);
    expect(await versions()).toEqual(["DRAFT", "1", "2", "3", "4"]);
    const before = env.mutating().length;
    const { result } = await deployProject(env.ports, { ...opts, pruneVersions: 1 });
    expect(result.operations.map((o) => o.target)).toEqual(["version 1", "version 2"]);
    expect(env.mutating().slice(before)).toEqual(["DeleteAgentVersion", "DeleteAgentVersion"]);
    // DeleteAgentVersion is asynchronous (DELETING, then gone).
    await expect.poll(versions, { timeout: 5_000, interval: 50 }).toEqual(["DRAFT", "3", "4"]);
  });

  it("a same-name agent without the project tag is refused; --adopt takes it over", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const foreign = await env.ports.agents.createAgent({
      agentName: "notification",
      instruction: "Someone else's agent, created by hand in the console for another team.",
      foundationModel: "anthropic.claude-3-haiku-20240307-v1:0",
      idleSessionTTLInSeconds: 600,
      agentResourceRoleArn: "arn:aws:iam::000000000000:role/someone-else",
      orchestrationType: "DEFAULT",
      agentCollaboration: "DISABLED",
      tags: {},
    });
    const opts = { projectDir: project.dir, vars: {}, progress: quiet };
    const error = await deployProject(env.ports, opts).catch((e) => e);
    expect(error).toBeInstanceOf(OwnershipError);
    expect((error as OwnershipError).message).toContain("notification");
    expect(env.mutating()).toEqual(["CreateAgent"]);

    const { result } = await deployProject(env.ports, { ...opts, adopt: true });
    expect(result.agents.find((a) => a.name === "notification")?.agentId).toBe(foreign.agentId);
    const tags = await env.ports.agents.listTags(foreign.agentArn);
    expect(tags["agentctl:project"]).toBe("order-processing");
    expect((await planDeployment(env.ports, opts)).plan.changes).toBe(0);
  });
});
