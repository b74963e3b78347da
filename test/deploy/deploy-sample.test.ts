import { describe, expect, it } from "vitest";
import { destroyProject } from "../../src/core/deploy/destroy.js";
import { deployProject, planDeployment } from "../../src/core/deploy/engine.js";
import { promote, rollback } from "../../src/core/deploy/operate.js";
import { deployEmulator, sampleCopy } from "./helpers.js";

const quiet = () => {};

describe("deploy of the sample project", () => {
  it("creates everything on version 1; a no-op redeploy makes zero mutating requests; a fresh copy plans no changes", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const opts = { projectDir: project.dir, vars: {}, progress: quiet };
    const first = await deployProject(env.ports, opts);
    expect(first.result.agents.map((a) => [a.name, a.status, a.aliases])).toEqual([
      ["notification", "PREPARED", { live: "1" }],
      ["order-validation", "PREPARED", { live: "1" }],
      ["shipping", "PREPARED", { live: "1" }],
    ]);
    const mutating = env.mutating();
    expect(mutating.filter((m) => m === "CreateAgent")).toHaveLength(3);
    expect(mutating.filter((m) => m === "CreateAgentAlias")).toHaveLength(3);
    // Three action-group handlers and the workflow's adapter.
    expect(mutating.filter((m) => m === "CreateFunction")).toHaveLength(4);
    expect(mutating.filter((m) => m === "CreateStateMachine")).toHaveLength(1);
    // The engine's own list of operations is what the emulator saw.
    expect(first.result.operations.map((o) => o.operation).sort()).toEqual([...mutating].sort());

    const again = await deployProject(env.ports, opts);
    expect(again.result.operations).toEqual([]);
    expect(env.mutating()).toHaveLength(mutating.length);

    // Another checkout (no files but the manifests) computes the same, empty plan.
    using fresh = sampleCopy();
    const planned = await planDeployment(env.ports, { projectDir: fresh.dir, vars: {} });
    expect(planned.plan.changes).toBe(0);
    expect(env.mutating()).toHaveLength(mutating.length);
  });

  it("an edited instruction changes only that agent and moves its alias to version 2", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const opts = { projectDir: project.dir, vars: {}, progress: quiet };
    await deployProject(env.ports, opts);
    const before = env.mutating().length;
    project.edit("agents/shipping.yaml", (t) =>
      t.replace("Never retry on your own.", "Never retry on your own, ever."),
    );

    const { plan } = await planDeployment(env.ports, opts);
    const changed = plan.items.filter((i) => i.changes > 0);
    expect(changed.map((i) => i.name)).toEqual(["shipping"]);
    if (changed[0]?.kind !== "agent") throw new Error("expected the shipping agent's item");
    const instruction = changed[0]?.fields.find((f) => f.field === "instruction");
    expect(instruction?.textDiff?.filter((l) => l.startsWith("+"))).toEqual([
      '+with one line that starts with "FAILED:" and the provider\'s message. Never retry on your own, ever.',
    ]);
    expect(changed[0]?.aliases).toEqual([
      { name: "live", kind: "new-version", id: expect.any(String), fromVersion: "1" },
    ]);

    const { result } = await deployProject(env.ports, opts);
    expect(result.agents.find((a) => a.name === "shipping")?.aliases).toEqual({ live: "2" });
    expect(result.agents.find((a) => a.name === "order-validation")?.aliases).toEqual({ live: "1" });
    expect(new Set(result.operations.map((o) => o.agent))).toEqual(new Set(["shipping"]));
    expect(env.mutating().slice(before)).toEqual([
      "UpdateAgent",
      "PrepareAgent",
      "TagResource",
      "UpdateAgentAlias",
      "TagResource",
    ]);
  });

  it("removing an action group deletes it, and nothing else changes", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const opts = { projectDir: project.dir, vars: {}, progress: quiet };
    const extraGroup = [
      "  - name: escalate",
      "    description: Page the on-call engineer",
      "    functions:",
      "      - name: pageOnCall",
      "        description: Pages the on-call engineer about an order that failed twice.",
      "    executor: returnControl",
      "",
    ].join("\n");
    project.edit("agents/notification.yaml", (t) =>
      t.replace("aliases: [live]", `${extraGroup}aliases: [live]`),
    );
    const first = await deployProject(env.ports, opts);
    project.edit("agents/notification.yaml", (t) => t.replace(extraGroup, ""));
    const { plan } = await planDeployment(env.ports, opts);
    const item = plan.items.find((i) => i.name === "notification" && i.kind === "agent");
    if (item?.kind !== "agent") throw new Error("expected the notification agent's item");
    expect(item?.actionGroups).toEqual([
      expect.objectContaining({
        name: "escalate",
        kind: "delete",
        schema: { added: [], removed: ["pageOnCall"], changed: [] },
      }),
    ]);
    const before = env.mutating().length;
    await deployProject(env.ports, opts);
    expect(env.mutating().slice(before)).toEqual([
      "DeleteAgentActionGroup",
      "PrepareAgent",
      "TagResource",
      "UpdateAgentAlias",
      "TagResource",
    ]);
    const agentId = first.result.agents.find((a) => a.name === "notification")?.agentId as string;
    const groups = await env.ports.agents.listActionGroups(agentId, "DRAFT");
    expect(groups.map((g) => (g as { actionGroupName?: string }).actionGroupName)).toEqual(["notify"]);
  });

  it("promote and rollback move exactly one alias; destroy leaves nothing owned", async () => {
    using project = sampleCopy();
    project.edit("agents/order-validation.yaml", (t) => t.replace("aliases: [live]", "aliases: [dev, live]"));
    await using env = await deployEmulator(project.dir);
    const opts = { projectDir: project.dir, vars: {}, progress: quiet };
    await deployProject(env.ports, opts);
    project.edit("agents/order-validation.yaml", (t) =>
      t.replace("The workflow reads", "The workflow only reads"),
    );
    // Deploy only to dev: live stays on version 1 until promoted.
    project.edit("agents/order-validation.yaml", (t) =>
      t.replace("aliases: [dev, live]", "aliases: [dev, live]"),
    );
    const second = await deployProject(env.ports, opts);
    expect(second.result.agents.find((a) => a.name === "order-validation")?.aliases).toEqual({
      dev: "2",
      live: "2",
    });

    const base = { projectDir: project.dir, vars: {}, progress: quiet, agent: "order-validation" };
    const before = env.mutating().length;
    const back = await rollback(env.ports, { ...base, alias: "live" });
    expect(back).toMatchObject({ alias: "live", fromVersion: "2", toVersion: "1", changed: true });
    expect(env.mutating().slice(before)).toEqual(["UpdateAgentAlias", "TagResource"]);
    const promoted = await promote(env.ports, { ...base, from: "dev", to: "live" });
    expect(promoted).toMatchObject({ alias: "live", fromVersion: "1", toVersion: "2", changed: true });
    // The record is consistent again: nothing to deploy.
    const { plan } = await planDeployment(env.ports, opts);
    expect(plan.changes).toBe(0);

    const destroyed = await destroyProject(env.ports, opts);
    expect(destroyed.agents.every((a) => a.deleted)).toBe(true);
    expect(await env.ports.agents.listAgents()).toEqual([]);
    for (const name of ["ProductCatalog", "ShippingProvider", "OrderNotifications"]) {
      expect(await env.ports.lambda.getFunction(name)).toBeUndefined();
    }
    expect(await env.ports.iam.getRole("agentctl-order-processing-order-validation")).toBeUndefined();
    expect(await env.ports.iam.getRole("agentctl-order-processing-fn-ProductCatalog")).toBeUndefined();
  });
});
