import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deployProject, planDeployment } from "../../src/core/deploy/engine.js";
import { AgentFailedError, DeployFailedError } from "../../src/core/deploy/errors.js";
import { agentPermissionsPolicy } from "../../src/core/deploy/iam-documents.js";
import { deployEmulator, sampleCopy } from "./helpers.js";

const SUPERVISOR = `name: order-desk
description: Routes an order to validation and shipping
model: anthropic.claude-3-5-sonnet-20241022-v2:0
instruction: |
  You are the order desk supervisor. Send every order to the validation collaborator first and,
  only when it answers VALID, to the shipping collaborator. Report both answers in one line.
role: auto
collaboration: SUPERVISOR
collaborators:
  - name: validator
    agent: order-validation
    instruction: Validates the products of an order against the catalog.
  - name: shipper
    agent: shipping
    instruction: Ships a validated order and returns the tracking number.
aliases: [live]
`;

describe("supervisors, failures and faults", () => {
  it("deploys and aliases collaborators before their supervisor, whose role may invoke exactly their aliases", async () => {
    using project = sampleCopy();
    writeFileSync(path.join(project.dir, "agents/order-desk.yaml"), SUPERVISOR);
    await using env = await deployEmulator(project.dir);
    const progress: string[] = [];
    const { result } = await deployProject(env.ports, {
      projectDir: project.dir,
      vars: {},
      progress: (e) => progress.push(`${e.agent}:${e.message}`),
      concurrency: 4,
    });
    const ops = result.operations.map((o) => `${o.agent}:${o.operation}:${o.target ?? ""}`);
    const supervisorCreated = ops.indexOf("order-desk:CreateAgent:");
    for (const collaborator of ["order-validation", "shipping"]) {
      expect(ops.indexOf(`${collaborator}:CreateAgentAlias:live`)).toBeLessThan(supervisorCreated);
    }
    const associated = ops.lastIndexOf("order-desk:AssociateAgentCollaborator:validator");
    expect(ops.indexOf("order-desk:PrepareAgent:")).toBeGreaterThan(associated);
    const supervisor = result.agents.find((a) => a.name === "order-desk");
    expect(supervisor?.aliases).toEqual({ live: "1" });

    const state = await planDeployment(env.ports, { projectDir: project.dir, vars: {} });
    expect(state.plan.changes).toBe(0);
    const aliasArn = (name: string) => state.deployed.agents.get(name)?.aliases[0]?.arn as string;
    const policy = await env.ports.iam.getRolePolicy(
      "agentctl-order-processing-order-desk",
      "agentctl-agent",
    );
    expect(policy).toEqual(
      agentPermissionsPolicy({
        region: "us-east-1",
        account: "000000000000",
        model: "anthropic.claude-3-5-sonnet-20241022-v2:0",
        knowledgeBaseIds: [],
        collaboratorAliasArns: [aliasArn("order-validation"), aliasArn("shipping")],
      }),
    );
  });

  it("a FAILED prepare is reported with its failureReasons, and a re-run converges", async () => {
    using project = sampleCopy();
    const dbPath = path.join(project.dir, ".agentctl", "emulator.db");
    mkdirSync(path.dirname(dbPath), { recursive: true });
    const opts = { projectDir: project.dir, vars: {}, progress: () => {} };
    {
      await using failing = await deployEmulator(project.dir, { dbPath, faults: "prepareFailure=1" });
      const error = await deployProject(failing.ports, opts).catch((e) => e);
      expect(error).toBeInstanceOf(DeployFailedError);
      const failures = (error as DeployFailedError).failures;
      // The three agents fail; the adapter and the workflow that call them are skipped.
      const agentFailures = failures.filter((f) => f instanceof AgentFailedError);
      expect(agentFailures).toHaveLength(3);
      for (const f of agentFailures) expect(f.message).toMatch(/^\S+: PrepareAgent ended FAILED:\n {2}- \S/);
      expect(failures.filter((f) => !(f instanceof AgentFailedError)).map((f) => f.message)).toEqual([
        expect.stringMatching(/^agentctl-order-processing-invoke-agent: skipped/),
        expect.stringMatching(/^order-workflow: skipped/),
      ]);
    }
    await using env = await deployEmulator(project.dir, { dbPath });
    const { result } = await deployProject(env.ports, opts);
    expect(env.mutating().filter((m) => m === "CreateAgent")).toEqual([]);
    expect(result.agents.map((a) => a.aliases)).toEqual([{ live: "1" }, { live: "1" }, { live: "1" }]);
  });

  it("converges under 20% throttling and 5% server errors with nothing duplicated", async () => {
    using project = sampleCopy();
    const dbPath = path.join(project.dir, ".agentctl", "emulator.db");
    mkdirSync(path.dirname(dbPath), { recursive: true });
    const opts = { projectDir: project.dir, vars: {}, progress: () => {} };
    let faulted = 0;
    {
      await using env = await deployEmulator(project.dir, {
        dbPath,
        faults: "throttle=0.2,error500=0.05,seed=7",
      });
      // The SDK's adaptive retries absorb most faults; a step that still fails is finished by the re-run.
      for (let attempt = 0; ; attempt++) {
        try {
          await deployProject(env.ports, opts);
          break;
        } catch (err) {
          if (attempt === 3) throw err;
        }
      }
      faulted = env.log().filter((e) => e.status === 429 || e.status === 500).length;
    }
    expect(faulted).toBeGreaterThan(0);
    // Checked on the same state without faults.
    await using env = await deployEmulator(project.dir, { dbPath });
    const { plan, deployed } = await planDeployment(env.ports, opts);
    expect(plan.changes).toBe(0);
    const agents = await env.ports.agents.listAgents();
    expect(agents.map((a) => a.agentName).sort()).toEqual(["notification", "order-validation", "shipping"]);
    for (const agent of deployed.agents.values()) {
      expect(agent.aliases.map((a) => [a.name, a.version])).toEqual([["live", "1"]]);
      const versions = await env.ports.agents.listAgentVersions(agent.agentId);
      expect(versions.map((v) => v.agentVersion)).toEqual(["DRAFT", "1"]);
    }
  }, 180_000);
});
