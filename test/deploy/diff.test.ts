/** The pure diff: desired against deployed state, no I/O. */
import { describe, expect, it } from "vitest";
import type { DraftDefinition } from "../../src/core/deploy/canonical.js";
import { definitionHash, sortDefinition } from "../../src/core/deploy/canonical.js";
import type { DeployedAgent, DeployedAlias, DeployedState } from "../../src/core/deploy/deployed.js";
import type { DesiredAgent, DesiredProject } from "../../src/core/deploy/desired.js";
import { diffProject, OwnershipError } from "../../src/core/deploy/diff.js";
import { EMPTY_IAM } from "../../src/core/deploy/iam-plan.js";

const ROLE = "arn:aws:iam::123456789012:role/existing";

function definition(instruction: string): DraftDefinition {
  return sortDefinition({
    agent: {
      agentName: "a1",
      instruction,
      foundationModel: "anthropic.claude-3-haiku-20240307-v1:0",
      idleSessionTTLInSeconds: 600,
      agentResourceRoleArn: ROLE,
      orchestrationType: "DEFAULT",
      agentCollaboration: "DISABLED",
    },
    actionGroups: [
      {
        actionGroupName: "tools",
        actionGroupState: "ENABLED",
        actionGroupExecutor: { customControl: "RETURN_CONTROL" },
        functionSchema: { functions: [{ name: "lookup" }] },
      },
    ],
    knowledgeBases: [],
    collaborators: [],
  });
}

function desired(instruction: string, aliases = ["live"]): DesiredProject {
  const def = definition(instruction);
  const agent: DesiredAgent = {
    name: "a1",
    file: "/p/agents/a1.yaml",
    definition: def,
    hash: definitionHash(def),
    tags: { "agentctl:project": "p" },
    aliases: aliases.map((name) => ({ name })),
    role: { mode: "existing", arn: ROLE },
    executors: [],
    dependsOn: [],
    knowledgeBaseIds: [],
  };
  return { project: "p", region: "us-east-1", account: "123456789012", agents: [agent] };
}

function alias(name: string, version: string, hash: string): DeployedAlias {
  return {
    id: `ALIAS${name.toUpperCase().padEnd(5, "X")}`,
    name,
    arn: `arn:${name}`,
    status: "PREPARED",
    version,
    tags: {},
    owned: true,
    servedHash: hash,
    recordStale: false,
  };
}

function deployed(
  instruction: string,
  opts: { owned?: boolean; aliases?: DeployedAlias[]; status?: DeployedAgent["status"] } = {},
): DeployedState {
  const def = definition(instruction);
  const hash = definitionHash(def);
  const agent: DeployedAgent = {
    agentId: "AGENT00001",
    agentArn: "arn:aws:bedrock:us-east-1:123456789012:agent/AGENT00001",
    name: "a1",
    status: opts.status ?? "PREPARED",
    failureReasons: [],
    tags: opts.owned === false ? {} : { "agentctl:project": "p", "agentctl:hash": hash },
    owned: opts.owned ?? true,
    draft: def,
    draftHash: hash,
    actionGroupIds: { tools: "GROUP00001" },
    collaboratorIds: {},
    aliases: opts.aliases ?? [alias("live", "1", hash)],
  };
  return { agents: new Map([["a1", agent]]) };
}

const INSTRUCTION = "You look things up with the lookup tool and answer in one short sentence.";

describe("diffProject", () => {
  it("plans nothing when the deployed agent matches", () => {
    const plan = diffProject(desired(INSTRUCTION), deployed(INSTRUCTION), EMPTY_IAM, { adopt: false });
    expect(plan.changes).toBe(0);
    expect(plan.items[0]?.action).toBe("unchanged");
  });

  it("an instruction change: one UpdateAgent, a text diff, prepare, and a new version for the alias", () => {
    const plan = diffProject(desired(`${INSTRUCTION}\nNever guess.`), deployed(INSTRUCTION), EMPTY_IAM, {
      adopt: false,
    });
    const item = plan.items[0];
    expect(item?.fields).toEqual([
      expect.objectContaining({ field: "instruction", textDiff: [` ${INSTRUCTION}`, "+Never guess."] }),
    ]);
    expect(item?.prepare).toBe(true);
    expect(item?.aliases).toEqual([
      { name: "live", kind: "new-version", id: "ALIASLIVEX", fromVersion: "1" },
    ]);
    // UpdateAgent, PrepareAgent, the hash record, the alias.
    expect(plan.changes).toBe(4);
  });

  it("a second alias reuses the version that already has the content; a stale record is repaired without a new version", () => {
    const current = deployed(INSTRUCTION);
    const hash = desired(INSTRUCTION).agents[0]?.hash as string;
    const live = current.agents.get("a1")?.aliases[0] as DeployedAlias;
    live.recordStale = true;
    const plan = diffProject(desired(INSTRUCTION, ["live", "dev"]), current, EMPTY_IAM, { adopt: false });
    expect(plan.items[0]?.aliases).toEqual([
      { name: "live", kind: "record", id: live.id, toVersion: "1" },
      { name: "dev", kind: "create-on-existing", toVersion: "1" },
    ]);
    expect(hash).toBe(live.servedHash);
  });

  it("a reverted change routes to the old version instead of cutting a new one", () => {
    const old = definitionHash(definition(INSTRUCTION));
    const state = deployed(`${INSTRUCTION} Be brief.`, {
      aliases: [alias("live", "2", "otherhash"), alias("prev", "1", old)],
    });
    const plan = diffProject(desired(INSTRUCTION, ["live", "prev"]), state, EMPTY_IAM, { adopt: false });
    expect(plan.items[0]?.aliases).toEqual([
      { name: "live", kind: "route", id: "ALIASLIVEX", fromVersion: "2", toVersion: "1" },
    ]);
  });

  it("an agent without the project tag is an error that suggests --adopt; --adopt tags it", () => {
    expect(() =>
      diffProject(desired(INSTRUCTION), deployed(INSTRUCTION, { owned: false }), EMPTY_IAM, { adopt: false }),
    ).toThrow(OwnershipError);
    try {
      diffProject(desired(INSTRUCTION), deployed(INSTRUCTION, { owned: false }), EMPTY_IAM, { adopt: false });
    } catch (err) {
      expect((err as OwnershipError).hint).toMatch(/--adopt/);
    }
    const plan = diffProject(desired(INSTRUCTION), deployed(INSTRUCTION, { owned: false }), EMPTY_IAM, {
      adopt: true,
    });
    expect(plan.items[0]?.adopt).toBe(true);
    expect(plan.items[0]?.tags.set).toEqual({ "agentctl:project": "p" });
  });

  it("an owned agent no longer declared is deleted; with agent names given, it is left alone", () => {
    const project = { ...desired(INSTRUCTION), agents: [] };
    const plan = diffProject(project, deployed(INSTRUCTION), EMPTY_IAM, { adopt: false });
    expect(plan.items.map((i) => [i.name, i.action])).toEqual([["a1", "delete"]]);
    expect(plan.items[0]?.aliases).toEqual([{ name: "live", kind: "delete", id: "ALIASLIVEX" }]);
    expect(diffProject(project, deployed(INSTRUCTION), EMPTY_IAM, { adopt: false, only: [] }).items).toEqual(
      [],
    );
  });

  it("an unprepared DRAFT that matches is prepared, and its alias untouched", () => {
    const plan = diffProject(
      desired(INSTRUCTION),
      deployed(INSTRUCTION, { status: "NOT_PREPARED" }),
      EMPTY_IAM,
      { adopt: false },
    );
    expect(plan.items[0]?.prepare).toBe(true);
    expect(plan.items[0]?.aliases).toEqual([]);
  });
});
