import { describe, expect, it } from "vitest";
import { deployProject } from "../../src/core/deploy/engine.js";
import { projectStatus } from "../../src/core/deploy/status.js";
import { deployEmulator, sampleCopy } from "./helpers.js";

describe("status", () => {
  it("reports prepared agents matching the manifests, aliases → versions, and drift after an outside change", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const opts = { projectDir: project.dir, vars: {} };
    const { result } = await deployProject(env.ports, { ...opts, progress: () => {} });
    const clean = await projectStatus(env.ports, opts);
    expect(clean.agents.map((a) => [a.name, a.prepared, a.matchesManifests, a.drift, a.aliases])).toEqual([
      ["notification", true, true, false, [{ name: "live", version: "1", upToDate: true }]],
      ["order-validation", true, true, false, [{ name: "live", version: "1", upToDate: true }]],
      ["shipping", true, true, false, [{ name: "live", version: "1", upToDate: true }]],
    ]);

    // Someone edits the agent in the console.
    const shipping = result.agents.find((a) => a.name === "shipping")?.agentId as string;
    const agent = await env.ports.agents.getAgent(shipping);
    await env.ports.agents.updateAgent(shipping, {
      agentName: agent.agentName,
      instruction: `${agent.instruction ?? ""} Always answer in French.`,
      foundationModel: agent.foundationModel ?? "",
      idleSessionTTLInSeconds: agent.idleSessionTTLInSeconds ?? 600,
      agentResourceRoleArn: agent.agentResourceRoleArn ?? "",
      orchestrationType: "DEFAULT",
      agentCollaboration: "DISABLED",
    });
    const drifted = (await projectStatus(env.ports, opts)).agents.find((a) => a.name === "shipping");
    expect(drifted).toMatchObject({ drift: true, matchesManifests: false });
  });

  it("reports the project's workflows: not deployed, then matching, then changed by an edited template", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const opts = { projectDir: project.dir, vars: {} };
    const workflow = async () => (await projectStatus(env.ports, opts)).workflows;
    expect(await workflow()).toEqual([
      {
        name: "order-workflow",
        stateMachineName: "order-processing-order-workflow",
        deployed: false,
        owned: false,
        matchesManifests: false,
      },
    ]);

    await deployProject(env.ports, { ...opts, progress: () => {} });
    const deployed = await workflow();
    expect(deployed).toMatchObject([{ deployed: true, owned: true, matchesManifests: true }]);
    expect(deployed[0]?.stateMachineArn).toMatch(/:stateMachine:order-processing-order-workflow$/);

    project.edit("templates/order-workflow.asl.yaml", (t) =>
      t.replace("Comment: Ask the order-validation agent;", "Comment: Ask the order-validation agent first;"),
    );
    expect(await workflow()).toMatchObject([{ deployed: true, owned: true, matchesManifests: false }]);
  });
});
