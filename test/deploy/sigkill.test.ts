/**
 * A deploy killed with SIGKILL at several points, then run again, ends in the same state as
 * an uninterrupted one: the real CLI against an in-process emulator, killed after N mutating
 * requests have reached the emulator's access log.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planDeployment } from "../../src/core/deploy/engine.js";
import { repoRoot } from "../helpers/run-cli.js";
import { deployEmulator, sampleCopy } from "./helpers.js";

function startCli(args: string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [path.join(repoRoot, "bin/agentctl.js"), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    stdio: "ignore",
  });
}

function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(repoRoot, "bin/agentctl.js"), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

async function killAfter(child: ChildProcess, count: () => number, n: number): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (;;) {
    if (count() >= n) {
      child.kill("SIGKILL");
      break;
    }
    const done = await Promise.race([
      exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 2)),
    ]);
    if (done) break;
  }
  await exited;
}

describe("SIGKILL mid-deploy", () => {
  it.each([2, 9, 17, 26, 33])(
    "killed after %i mutating requests, a re-run converges with no duplicates",
    async (n) => {
      using project = sampleCopy();
      await using env = await deployEmulator(project.dir);
      const args = ["--endpoint-url", env.emulator.endpoint, "deploy"];
      await killAfter(startCli(args, project.dir), () => env.mutating().length, n);
      expect(env.mutating().length).toBeGreaterThanOrEqual(Math.min(n, 1));

      // Asynchronously: the emulator answering the CLI runs in this process.
      const rerun = await runCli([...args, "--json"], project.dir);
      expect(rerun.stderr).toBe("");
      expect(rerun.code).toBe(0);
      const result = JSON.parse(rerun.stdout) as {
        agents: { name: string; aliases: Record<string, string> }[];
      };
      expect(result.agents.map((a) => [a.name, a.aliases])).toEqual([
        ["notification", { live: "1" }],
        ["order-validation", { live: "1" }],
        ["shipping", { live: "1" }],
      ]);

      const { plan, deployed } = await planDeployment(env.ports, { projectDir: project.dir, vars: {} });
      expect(plan.changes).toBe(0);
      expect((await env.ports.agents.listAgents()).map((a) => a.agentName).sort()).toEqual([
        "notification",
        "order-validation",
        "shipping",
      ]);
      for (const agent of deployed.agents.values()) {
        expect(agent.aliases.map((a) => a.name)).toEqual(["live"]);
        expect((await env.ports.agents.listAgentVersions(agent.agentId)).map((v) => v.agentVersion)).toEqual([
          "DRAFT",
          "1",
        ]);
        expect(await env.ports.agents.listActionGroups(agent.agentId, "DRAFT")).toHaveLength(1);
      }
      const creates = env.log().filter((e) => e.status < 300);
      expect(creates.filter((e) => e.operation === "CreateAgent")).toHaveLength(3);
      expect(creates.filter((e) => e.operation === "CreateFunction")).toHaveLength(4);
      expect(creates.filter((e) => e.operation === "CreateStateMachine")).toHaveLength(1);
    },
    60_000,
  );
});
