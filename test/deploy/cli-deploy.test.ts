/** The deploy-family commands through the real CLI entry point, on the embedded emulator. */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { sampleCopy } from "./helpers.js";

describe("agentctl plan / deploy / status on the embedded emulator", () => {
  it("deploys, reports a no-op as zero changes, plans with --detailed-exitcode, shows status", async () => {
    using project = sampleCopy();
    const cli = (...argv: string[]) => runCli(["-C", project.dir, ...argv], { cwd: project.dir });

    const plan = await cli("plan", "--detailed-exitcode");
    expect(plan.code).toBe(4);
    expect(plan.stdout).toContain("+ agent order-validation: create");

    const first = await cli("deploy", "--json");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as {
      operations: { agent: string; operation: string }[];
      agents: { name: string; agentId: string; status: string; aliases: Record<string, string> }[];
    };
    expect(result.agents.map((a) => [a.name, a.status, a.aliases])).toEqual([
      ["notification", "PREPARED", { live: "1" }],
      ["order-validation", "PREPARED", { live: "1" }],
      ["shipping", "PREPARED", { live: "1" }],
    ]);
    expect(result.agents.every((a) => /^[A-Z0-9]{10}$/.test(a.agentId))).toBe(true);
    expect(result.operations.length).toBeGreaterThan(30);

    const again = await cli("deploy");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("made zero changes");
    expect((await cli("plan", "--detailed-exitcode")).code).toBe(0);

    project.edit("agents/shipping.yaml", (t) => t.replace("idleSessionTTL: 1800", "idleSessionTTL: 900"));
    const pending = await cli("plan", "--detailed-exitcode");
    expect(pending.code).toBe(4);
    expect(pending.stdout).toContain("~ idleSessionTTLInSeconds: 1800 → 900");
    expect(pending.stdout).toContain("alias live: new version (serves 1)");

    const status = await cli("status", "--json");
    const rows = (
      JSON.parse(status.stdout) as {
        agents: { name: string; matchesManifests: boolean; prepared: boolean }[];
      }
    ).agents;
    expect(rows.map((r) => [r.name, r.prepared, r.matchesManifests])).toEqual([
      ["notification", true, true],
      ["order-validation", true, true],
      ["shipping", true, false],
    ]);

    const destroyed = await cli("destroy");
    expect(destroyed.code).toBe(2);
    expect(destroyed.stderr).toContain("--yes");
    expect((await cli("destroy", "--yes")).code).toBe(0);
    expect((await cli("plan", "--json")).stdout).toContain('"action": "create"');
  }, 60_000);

  it("bad input: an invalid manifest or an unknown agent exits 2 and writes nothing, not even emulator state", async () => {
    using project = sampleCopy();
    project.edit("agents/shipping.yaml", (t) => t.replace("idleSessionTTL: 1800", "idleSessionTTL: 5"));
    const invalid = await runCli(["-C", project.dir, "deploy"], { cwd: project.dir });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("agents/shipping.yaml:");
    expect(invalid.stderr).toContain("nothing was deployed");
    expect(existsSync(path.join(project.dir, ".agentctl"))).toBe(false);

    using ok = sampleCopy();
    const unknown = await runCli(["-C", ok.dir, "deploy", "shiping"], { cwd: ok.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('The project has no agent named "shiping"');
    expect(unknown.stderr).toContain('Did you mean "shipping"?');
    expect(existsSync(path.join(ok.dir, ".agentctl"))).toBe(false);
  });

  it("--target aws without credentials exits 3; an unreachable endpoint exits 1; no stack traces", async () => {
    using project = sampleCopy();
    const home = mkdtempSync(path.join(tmpdir(), "agentctl-home-"));
    const vars = {
      HOME: home,
      AWS_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_CONFIG_FILE: path.join(home, "none"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, "none"),
    };
    const aws = await runCli(["-C", project.dir, "--target", "aws", "deploy"], { cwd: project.dir, vars });
    expect(aws.code).toBe(3);
    expect(aws.stderr).toContain("No usable AWS credentials");
    expect(aws.stderr).not.toMatch(/\n\s+at /);

    const unreachable = await runCli(["-C", project.dir, "--endpoint-url", "http://127.0.0.1:1", "plan"], {
      cwd: project.dir,
      vars: { AWS_MAX_ATTEMPTS: "1" },
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain("Could not reach");
    expect(unreachable.stderr).not.toMatch(/\n\s+at /);
  });
});
