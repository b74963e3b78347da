// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about the literal ${…} placeholder syntax.
/**
 * One mistake in a manifest or in agentctl.yaml must not hide the rest of the project: every agent
 * file is summarised, errored or not, and agentctl.yaml's well-typed parts stay usable.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultInterpolation } from "../../src/manifest/interpolate.js";
import { loadProject } from "../../src/manifest/load-project.js";
import {
  agentAliases,
  agentNames,
  partialActionGroups,
  partialLocalScript,
} from "../../src/manifest/partial-agent.js";
import { INSTRUCTION, tempProject, where } from "./temp-project.js";

const interp = defaultInterpolation({});

function agent(name: string, extra = ""): string {
  return `name: ${name}\nmodel: anthropic.claude-3-5-sonnet-20241022-v2:0\ninstruction: ${INSTRUCTION}\n${extra}`;
}

const supervisorOf = (target: string) =>
  `collaboration: SUPERVISOR\ncollaborators:\n  - name: helper\n    agent: ${target}\n    instruction: Hand these questions to the helper agent.\n`;

const baseName = (d: { file: string }) => path.basename(d.file);

describe("a manifest with errors", () => {
  it("is still summarised: name, partial value with positions, no located", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: shop\n",
      "agents/orders.yaml": agent(
        "orders",
        "idleSessionTtl: 600\nactionGroups:\n  - name: catalog\n    schema: ../openapi/catalog.yaml\n    executor: returnControl\n",
      ),
      "agents/shipping.yaml": agent("shipping", "aliases: [live]\n"),
    });
    const { value, diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map((d) => [baseName(d), d.code])).toEqual([
      ["orders.yaml", "manifest/unknown-field"],
    ]);
    expect(value?.agents.map((a) => a.value.name)).toEqual(["shipping"]);
    const [orders, shipping] = value?.agentDocuments ?? [];
    expect(orders?.name).toBe("orders");
    expect(orders?.located).toBeUndefined();
    expect(orders?.file).toBe(path.join(dir, "agents/orders.yaml"));
    const partial = orders?.partial?.value as { actionGroups: { schema: unknown }[] };
    expect(partial.actionGroups[0]?.schema).toBe("../openapi/catalog.yaml");
    expect(orders?.partial?.locate(["actionGroups", 0, "schema"])).toEqual({ line: 7, column: 13 });
    expect(orders?.partial?.locateKey(["idleSessionTtl"])).toEqual({ line: 4, column: 1 });
    // A valid manifest has both, and `located` is the very object in `agents`.
    expect(shipping?.located).toBe(value?.agents[0]);
    expect(shipping?.partial?.value).toMatchObject({ name: "shipping" });
  });

  it("keeps its name known, so other agents' collaborators do not get a false unknown-agent", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: shop\n",
      "agents/helper.yaml": agent("helper", "aliases: [live]\nmodle: oops\n"),
      "agents/boss.yaml": agent("boss", supervisorOf("helper")),
    });
    const { diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map((d) => [baseName(d), d.code])).toEqual([
      ["helper.yaml", "manifest/unknown-field"],
    ]);
  });

  it("still has its own well-formed collaborators checked", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: shop\n",
      "agents/boss.yaml": agent("boss", `idleSessionTTL: 5\n${supervisorOf("helpr")}`),
      "agents/helper.yaml": agent("helper", "aliases: [live]\n"),
    });
    const { diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map((d) => [baseName(d), ...Object.values(where(d))])).toEqual([
      ["boss.yaml", 4, 17, "manifest/out-of-range", "error"],
      ["boss.yaml", 8, 12, "manifest/unknown-agent", "error"],
    ]);
    expect(diagnostics[1]?.hint).toBe('Did you mean "helper"?');
  });

  it("does not echo a collaborator error its own file already reports", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: shop\n",
      "agents/boss.yaml": agent("boss", supervisorOf('"no such agent"')),
    });
    const { diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map((d) => d.code)).toEqual(["manifest/invalid-value"]);
  });

  it("is not summarised with a partial value when it is another kind of document", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: shop\n",
      "agents/catalog.yaml": "openapi: 3.0.0\ninfo: { title: t, version: '1' }\npaths: {}\n",
    });
    const { value } = await loadProject(dir, interp);
    expect(value?.agentDocuments).toEqual([{ file: path.join(dir, "agents/catalog.yaml") }]);
  });
});

describe("agentctl.yaml with errors", () => {
  it("still yields the project, with the well-typed parts of the config", async () => {
    const dir = tempProject({
      "agentctl.yaml": `name: shop
regon: eu-west-1
region: nowhere
target: cloud
profile: dev
workflows:
  - name: order flow
    template: templates/order.asl.json
    type: FAST
  - name: 42
    template: templates/other.asl.json
  - name: refunds
    template: templates/refunds.asl.json
    description: Refunds
  - name: returns
    template: \${env:RETURNS_TEMPLATE}
`,
      "templates/order.asl.json": "{}",
      "templates/other.asl.json": "{}",
      "templates/refunds.asl.json": "{}",
      "agents/orders.yaml": agent("orders", "description: Runs in ${region}\n"),
    });
    const { value, diagnostics } = await loadProject(dir, (config) =>
      defaultInterpolation({}, { region: config?.region }),
    );
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([
      [2, "manifest/unknown-field"],
      [3, "manifest/invalid-value"],
      [4, "manifest/invalid-value"],
      [7, "manifest/invalid-value"],
      [9, "manifest/invalid-value"],
      [10, "manifest/wrong-type"],
      [16, "manifest/env-unset"],
    ]);
    expect(value?.config.value).toEqual({
      name: "shop",
      profile: "dev",
      workflows: [
        { name: "order flow", template: "templates/order.asl.json" },
        { name: "refunds", template: "templates/refunds.asl.json", description: "Refunds" },
      ],
    });
    expect(value?.config.locate(["workflows", 2, "template"])).toEqual({ line: 13, column: 15 });
    // The invalid region is not passed on: ${region} falls back to the default, not to "nowhere".
    expect(value?.agents[0]?.value.description).toBe("Runs in us-east-1");
  });

  it("has an empty name and no setting fed by a failed placeholder", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: [shop]\nagentsDir: ${env:AGENTS}\n",
      "agents/orders.yaml": agent("orders"),
    });
    const { value, diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map((d) => d.code)).toEqual(["manifest/wrong-type", "manifest/env-unset"]);
    expect(value?.config.value).toEqual({ name: "" });
    // The agents directory fell back to agents/, so the agent was still found.
    expect(value?.agentDocuments.map((d) => d.name)).toEqual(["orders"]);
  });

  it("yields no project when it is not a mapping", async () => {
    const dir = tempProject({ "agentctl.yaml": "- name: shop\n" });
    const { value, diagnostics } = await loadProject(dir, interp);
    expect(value).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toContain("manifest/wrong-type");
  });
});

describe("manifest file names", () => {
  it("reads .json manifests, and ignores other files without a warning", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: shop\n",
      "agents/a.yml": agent("a"),
      "agents/b.json": JSON.stringify({ name: "b", model: "m", instruction: INSTRUCTION }, null, 2),
      "agents/C.JSON": `{"name": "c", "model": "m", "instruction": "${INSTRUCTION}"}`,
      "agents/d.yaml.bak": agent("d"),
      "agents/README.md": "# Agents\n",
      "agents/handler.ts": "export {};\n",
    });
    const { value, diagnostics } = await loadProject(dir, interp);
    expect(diagnostics).toEqual([]);
    expect(value?.agents.map((a) => [baseName(a), a.value.name])).toEqual([
      ["C.JSON", "c"],
      ["a.yml", "a"],
      ["b.json", "b"],
    ]);
  });

  it("positions diagnostics in a .json manifest", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: shop\n",
      "agents/b.json": `{\n  "name": "b",\n  "model": "m",\n  "instruction": "${INSTRUCTION}",\n  "idleSessionTTL": 5\n}\n`,
    });
    const { diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map(where)).toEqual([
      { line: 5, column: 21, code: "manifest/out-of-range", severity: "error" },
    ]);
  });
});

describe("reading the well-formed parts of every manifest", () => {
  it("lists names, aliases, action-group files and the script of errored manifests too", async () => {
    const dir = tempProject({
      "agentctl.yaml": "name: shop\n",
      "agents/a.yaml": agent(
        "a",
        `idleSessionTTL: soon
aliases: [live, { name: beta }]
actionGroups:
  - name: catalog
    schema: ../openapi/catalog.yaml
    handler: \${env:MISSING}/h.ts
    executor: { customControl: RETURN_CONTROL }
  - oops
  - name: ask
    functions: [{ name: f }]
    executor: returnControl
    enabled: false
local: { script: scripts/a.yaml }
`,
      ),
      "agents/b.yaml": agent("b", "aliases: [live, 3]\n"),
      "agents/c.yaml": agent("c", "aliases: [prod]\n"),
    });
    const { value } = await loadProject(dir, interp);
    if (!value) throw new Error("expected a project");
    expect(agentNames(value)).toEqual(["a", "b", "c"]);
    // b's aliases are not well-formed, so nothing is said about them.
    expect(agentAliases(value)).toEqual({ a: ["live", "beta"], c: ["prod"] });
    const [a, , c] = value.agentDocuments;
    if (!a || !c) throw new Error("expected three documents");
    expect(partialActionGroups(a)).toEqual([
      { index: 0, name: "catalog", schema: "../openapi/catalog.yaml", returnControl: false, enabled: true },
      { index: 2, name: "ask", returnControl: true, enabled: false },
    ]);
    expect(partialLocalScript(a)).toBe("scripts/a.yaml");
    expect(partialActionGroups(c)).toEqual([]);
  });
});
