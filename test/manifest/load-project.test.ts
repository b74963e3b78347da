// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about the literal ${…} placeholder syntax.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultInterpolation } from "../../src/manifest/interpolate.js";
import { loadProject } from "../../src/manifest/load-project.js";
import { INSTRUCTION, tempProject, where } from "./temp-project.js";

const interp = defaultInterpolation({});

/** A minimal valid agent; `extra` lines start at line 4. */
function agent(name: string, extra = ""): string {
  return `name: ${name}\nmodel: anthropic.claude-3-5-sonnet-20241022-v2:0\ninstruction: ${INSTRUCTION}\n${extra}`;
}

const SUPERVISOR = (target: string, alias = "") => `collaboration: SUPERVISOR
collaborators:
  - name: shipper
    agent: ${target}
${alias}    instruction: Hand shipping questions to the shipping agent.
`;

describe("loadProject", () => {
  it("loads agentctl.yaml and every manifest in agents/, sorted by file", async () => {
    const dir = tempProject({
      "agentctl.yaml":
        "name: orders\nregion: eu-central-1\nworkflows:\n  - name: order\n    template: templates/order.asl.json\n",
      "templates/order.asl.json": "{}",
      "agents/b-shipping.yaml": agent("shipping", "aliases: [live]\n"),
      "agents/a-orders.yml": agent("orders", `description: Runs in \${region}\n${SUPERVISOR("shipping")}`),
      "agents/notes.txt": "not a manifest",
      "agents/scripts/orders.yaml": "rules: []\n",
    });
    const { value, diagnostics } = await loadProject(dir, (config) =>
      defaultInterpolation({}, { region: config?.region }),
    );
    expect(diagnostics).toEqual([]);
    expect(value?.dir).toBe(dir);
    expect(value?.config.value).toEqual({
      name: "orders",
      region: "eu-central-1",
      workflows: [{ name: "order", template: "templates/order.asl.json" }],
    });
    expect(value?.agents.map((a) => path.basename(a.file))).toEqual(["a-orders.yml", "b-shipping.yaml"]);
    // The function form picked the region from agentctl.yaml.
    expect(value?.agents[0]?.value.description).toBe("Runs in eu-central-1");
  });

  it("reports a missing agentctl.yaml with a hint to run agentctl init", async () => {
    const dir = tempProject({ "agents/orders.yaml": agent("orders") });
    const { value, diagnostics } = await loadProject(dir, interp);
    expect(value).toBeUndefined();
    expect(diagnostics.map(where)).toEqual([
      { line: 1, column: 1, code: "manifest/project-missing", severity: "error" },
    ]);
    expect(diagnostics[0]?.file).toBe(path.join(dir, "agentctl.yaml"));
    expect(diagnostics[0]?.hint).toContain("agentctl init");
  });

  it("reports a duplicate agent name at the second file", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: orders\n",
      "agents/first.yaml": agent("orders"),
      "agents/second.yaml": `# copy of first.yaml\n${agent("orders")}`,
    });
    const { diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map(where)).toEqual([
      { line: 2, column: 7, code: "manifest/duplicate-agent", severity: "error" },
    ]);
    expect(diagnostics[0]?.file).toBe(path.join(dir, "agents/second.yaml"));
    expect(diagnostics[0]?.message).toContain("first.yaml");
  });

  it("reports a collaborator naming an agent that is not in the project", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: orders\n",
      "agents/orders.yaml": agent("orders", SUPERVISOR("shiping")),
      "agents/shipping.yaml": agent("shipping", "aliases: [live]\n"),
    });
    const { value, diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map(where)).toEqual([
      { line: 7, column: 12, code: "manifest/unknown-agent", severity: "error" },
    ]);
    expect(diagnostics[0]?.file).toBe(path.join(dir, "agents/orders.yaml"));
    expect(diagnostics[0]?.hint).toBe('Did you mean "shipping"?');
    // The project value is still there for tools that report everything at once.
    expect(value?.agents).toHaveLength(2);
  });

  it("reports a collaborator alias the target agent does not declare", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: orders\n",
      "agents/orders.yaml": agent("orders", SUPERVISOR("shipping", "    alias: prod\n")),
      "agents/shipping.yaml": agent("shipping", "aliases: [live, { name: canary }]\n"),
      "agents/notify.yaml": agent("notify"),
      "agents/other.yaml": agent("other", SUPERVISOR("notify")),
    });
    const { diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map((d) => [path.basename(d.file), ...Object.values(where(d))])).toEqual([
      ["orders.yaml", 8, 12, "manifest/unknown-alias", "error"],
      ["other.yaml", 7, 12, "manifest/unknown-alias", "error"],
    ]);
    expect(diagnostics[0]?.hint).toBe("Its aliases: live, canary.");
    expect(diagnostics[1]?.message).toContain('"notify" declares no aliases');
  });

  it("reports collaborators that delegate in a cycle", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: orders\n",
      "agents/a.yaml": agent("a", `aliases: [live]\n${SUPERVISOR("b")}`),
      "agents/b.yaml": agent("b", `aliases: [live]\n${SUPERVISOR("a")}`),
    });
    const { diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map((d) => [path.basename(d.file), ...Object.values(where(d))])).toEqual([
      ["b.yaml", 8, 12, "manifest/collaborator-cycle", "error"],
    ]);
    expect(diagnostics[0]?.message).toBe("Collaborators form a cycle: a → b → a.");
  });

  it("reports a workflow template that does not exist at its template line", async () => {
    const dir = tempProject({
      "agentctl.yaml":
        "name: orders\nworkflows:\n  - name: order\n    type: EXPRESS\n    template: templates/missing.json\n",
      "agents/orders.yaml": agent("orders"),
    });
    const { value, diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map(where)).toEqual([
      { line: 5, column: 15, code: "manifest/template-not-found", severity: "error" },
    ]);
    expect(diagnostics[0]?.file).toBe(path.join(dir, "agentctl.yaml"));
    expect(diagnostics[0]?.message).toBe("Workflow template templates/missing.json does not exist.");
    // The rest of the project is still there for a validator to check.
    expect(value?.agents.map((a) => a.value.name)).toEqual(["orders"]);
  });

  it("checks agentctl.yaml against its schema and allows only ${env:…} in it", async () => {
    const dir = tempProject({
      "agentctl.yaml":
        "name: orders\ntarget: cloud\nprofile: ${env:PROFILE}\nregion: ${region}\nagentDir: bots\n",
    });
    const { diagnostics } = await loadProject(dir, defaultInterpolation({ PROFILE: "dev" }));
    expect(diagnostics.map(where)).toEqual([
      { line: 1, column: 1, code: "manifest/agents-dir-missing", severity: "warning" },
      { line: 2, column: 9, code: "manifest/invalid-value", severity: "error" },
      { line: 4, column: 9, code: "manifest/unknown-placeholder", severity: "error" },
      { line: 5, column: 1, code: "manifest/unknown-field", severity: "error" },
    ]);
    expect(diagnostics[3]?.hint).toBe('Did you mean "agentsDir"?');
  });

  it("reports an explicit agentsDir that does not exist as an error, and agent errors per file", async () => {
    const missingDir = tempProject({ "agentctl.yaml": "name: orders\nagentsDir: bots\n" });
    const missing = await loadProject(missingDir, interp);
    expect(missing.diagnostics.map(where)).toEqual([
      { line: 2, column: 12, code: "manifest/agents-dir-missing", severity: "error" },
    ]);

    const dir = tempProject({
      "agentctl.yaml": "name: orders\nagentsDir: bots\n",
      "bots/good.yaml": agent("good"),
      "bots/bad.yaml": agent("bad", "idleSessionTTL: 30\n"),
    });
    const { value, diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map((d) => [path.basename(d.file), ...Object.values(where(d))])).toEqual([
      ["bad.yaml", 4, 17, "manifest/out-of-range", "error"],
    ]);
    expect(diagnostics[0]?.message).toBe('"idleSessionTTL" is 30; it must be 60–5400.');
    expect(value?.agents.map((a) => a.value.name)).toEqual(["good"]);
  });
});
