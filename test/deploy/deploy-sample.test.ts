import { describe, expect, it } from "vitest";
import { deployProject, planDeployment } from "../../src/core/deploy/engine.js";
import { deployEmulator, sampleCopy } from "./helpers.js";

const quiet = () => {};

describe("deploy of the sample project", () => {
  it("creates everything, then a no-op redeploy makes zero mutating requests", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir);
    const ports = env.ports;
    const opts = { projectDir: project.dir, vars: {}, progress: quiet };
    const first = await deployProject(ports, opts);
    expect(first.result.agents.map((a) => [a.name, a.aliases])).toEqual([
      ["notification", { live: "1" }],
      ["order-validation", { live: "1" }],
      ["shipping", { live: "1" }],
    ]);
    console.log(env.mutating().join(' '));
    const before = env.mutating().length;
    expect(before).toBeGreaterThan(0);
    const again = await deployProject(ports, opts);
    expect(again.result.operations).toEqual([]);
    expect(env.mutating().length).toBe(before);
    const planned = await planDeployment(ports, opts);
    expect(planned.plan.changes).toBe(0);
  });
});
