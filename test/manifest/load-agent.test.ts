// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about the literal ${…} placeholder syntax.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultInterpolation } from "../../src/manifest/interpolate.js";
import { loadAgentManifest } from "../../src/manifest/load-agent.js";
import { INSTRUCTION, tempProject, where } from "./temp-project.js";

const interp = defaultInterpolation({ TEAM: "payments" }, { region: "eu-west-1", account: "123456789012" });

/** Lines 1–3 of every test manifest; the lines a test adds start at line 4. */
const BASE = `name: orders\nmodel: anthropic.claude-3-5-sonnet-20241022-v2:0\ninstruction: ${INSTRUCTION}\n`;

async function load(text: string) {
  const dir = tempProject({ "agents/orders.yaml": text });
  const file = path.join(dir, "agents/orders.yaml");
  return { file, ...(await loadAgentManifest(file, interp)) };
}

describe("loadAgentManifest", () => {
  it("loads a full manifest with interpolated values and normalised aliases", async () => {
    const { value, diagnostics, file } = await load(`${BASE}description: Orders for \${env:TEAM}
idleSessionTTL: 1800
role: auto
guardrail: { id: abc123, version: 2 }
memory: { enabled: true, storageDays: 30 }
knowledgeBases:
  - { id: KB12345678, description: Product manuals }
collaboration: DISABLED
actionGroups:
  - name: product-catalog
    description: Look up products
    schema: ../openapi/product-catalog.yaml
    executor: { lambda: "arn:aws:lambda:\${region}:\${account}:function:ProductCatalog" }
    handler: handlers/product-catalog.ts
  - name: ask_human
    functions:
      - name: approve
        description: Ask a person to approve the order
        parameters:
          orderId: { type: string, description: The order, required: true }
        confirmation: true
    executor: returnControl
    enabled: false
builtins: { userInput: true }
aliases: [live, { name: beta, description: Canary }]
tags: { team: "\${env:TEAM}", "cost center": "42" }
local: { model: scripted, script: scripts/orders.yaml }
`);
    expect(diagnostics).toEqual([]);
    expect(value?.file).toBe(file);
    const agent = value?.value;
    expect(agent?.description).toBe("Orders for payments");
    expect(agent?.actionGroups?.[0]?.executor).toEqual({
      lambda: "arn:aws:lambda:eu-west-1:123456789012:function:ProductCatalog",
    });
    expect(agent?.aliases).toEqual([{ name: "live" }, { name: "beta", description: "Canary" }]);
    expect(agent?.guardrail).toEqual({ id: "abc123", version: "2" });
    expect(agent?.tags).toEqual({ team: "payments", "cost center": "42" });
    expect(agent?.actionGroups?.[1]?.functions?.[0]?.parameters?.orderId?.required).toBe(true);
    // Positions come from the raw YAML.
    expect(value?.locate(["actionGroups", 1, "functions", 0, "name"])).toEqual({ line: 20, column: 15 });
    expect(value?.locateKey(["aliases"])).toEqual({ line: 28, column: 1 });
  });

  it("reports an unknown field at its key, with a did-you-mean hint", async () => {
    const { value, diagnostics } = await load(`${BASE}idleSessionTtl: 600\n`);
    expect(value).toBeUndefined();
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 1, code: "manifest/unknown-field", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toContain('"idleSessionTtl"');
    expect(diagnostics[0]?.hint).toBe('Did you mean "idleSessionTTL"?');
  });

  it("maps Bedrock API field names to the manifest's", async () => {
    const { diagnostics } = await load(`name: orders\nfoundationModel: m\ninstruction: ${INSTRUCTION}\n`);
    const unknown = diagnostics.find((d) => d.code === "manifest/unknown-field");
    expect(unknown && where(unknown)).toEqual({
      line: 2,
      column: 1,
      code: "manifest/unknown-field",
      severity: "error",
    });
    expect(unknown?.hint).toBe('Did you mean "model"?');
    // One mistake, one error: the missing "model" is what the misnamed field already explains.
    expect(diagnostics.map((d) => d.code)).toEqual(["manifest/unknown-field"]);
  });

  it("reports a wrong type at the value, naming the field", async () => {
    const { diagnostics } = await load(`${BASE}idleSessionTTL: long\n`);
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 17, code: "manifest/wrong-type", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toBe('"idleSessionTTL" must be a whole number, not a string ("long").');
  });

  it("reports a name with a space as a pattern violation", async () => {
    const { diagnostics } = await load(`name: order validation\nmodel: m\ninstruction: ${INSTRUCTION}\n`);
    expect(diagnostics.map(where)).toEqual([
      { line: 1, column: 7, code: "manifest/invalid-value", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toMatch(/^Invalid "name": "order validation"\. Use letters and digits/);
  });

  it("reports an instruction under 40 characters", async () => {
    const { diagnostics } = await load("name: orders\nmodel: m\ninstruction: Validate orders.\n");
    expect(diagnostics.map(where)).toEqual([
      { line: 3, column: 14, code: "manifest/out-of-range", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toBe(
      '"instruction" is too short (16 characters); it must be 40–4000 characters.',
    );
  });

  it("reports an action group with both schema and functions once, at functions", async () => {
    const { diagnostics } = await load(`${BASE}actionGroups:
  - name: catalog
    schema: openapi.yaml
    functions:
      - name: lookup
    executor: returnControl
`);
    expect(diagnostics.map(where)).toEqual([
      { line: 7, column: 5, code: "manifest/action-group-definition", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toBe(
      'Action group "catalog" sets both "schema" and "functions"; use exactly one.',
    );
  });

  it("reports an action group with neither schema nor functions", async () => {
    const { diagnostics } = await load(
      `${BASE}actionGroups:\n  - name: catalog\n    executor: returnControl\n`,
    );
    expect(diagnostics.map(where)).toEqual([
      { line: 5, column: 5, code: "manifest/action-group-definition", severity: "error" },
    ]);
  });

  it("validates the Lambda ARN after interpolation", async () => {
    const group = (arn: string) =>
      `${BASE}actionGroups:\n  - name: catalog\n    functions: [{ name: lookup }]\n    executor:\n      lambda: ${arn}\n`;
    const bad = await load(group("arn:aws:lambda:us-east-1:123:function:Catalog"));
    expect(bad.diagnostics.map(where)).toEqual([
      { line: 8, column: 15, code: "manifest/invalid-value", severity: "error" },
    ]);
    expect(bad.diagnostics[0]?.message).toContain('"actionGroups[0].executor.lambda"');
    expect(bad.diagnostics[0]?.message).toContain("Lambda function ARN");

    const placeholders = await load(group('"arn:aws:lambda:${region}:${account}:function:Catalog"'));
    expect(placeholders.diagnostics).toEqual([]);
    // An interpolated value that breaks the pattern is caught too: the region here is not a region.
    const dir = tempProject({ "a.yaml": group("arn:aws:lambda:${env:REGION}:${account}:function:Catalog") });
    const viaEnv = await loadAgentManifest(path.join(dir, "a.yaml"), {
      ...interp,
      env: { REGION: "nowhere" },
    });
    expect(viaEnv.diagnostics.map((d) => d.code)).toEqual(["manifest/invalid-value"]);
  });

  it("rejects an executor that is neither returnControl nor { lambda }", async () => {
    const { diagnostics } = await load(
      `${BASE}actionGroups:\n  - name: catalog\n    functions: [{ name: lookup }]\n    executor: return_control\n`,
    );
    expect(diagnostics.map(where)).toEqual([
      { line: 7, column: 15, code: "manifest/invalid-value", severity: "error" },
    ]);
    expect(diagnostics[0]?.hint).toBe('Did you mean "returnControl"?');
  });

  it("reports an unset environment variable at the placeholder", async () => {
    const { diagnostics, file } = await load(`${BASE}description: "Owned by \${env:TEAM_NAME}"\n`);
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 24, code: "manifest/env-unset", severity: "error" },
    ]);
    expect(diagnostics[0]?.file).toBe(file);
    expect(diagnostics[0]?.message).toContain("TEAM_NAME");
  });

  it("reports unknown placeholders and keeps $${ as a literal ${", async () => {
    const bad = await load(`${BASE}description: Calls \${agents.shipping.aliasArn}\n`);
    expect(bad.diagnostics.map(where)).toEqual([
      { line: 4, column: 20, code: "manifest/unknown-placeholder", severity: "error" },
    ]);
    const escaped = await load(`${BASE}description: Costs $\${price} in \${region}\n`);
    expect(escaped.diagnostics).toEqual([]);
    expect(escaped.value?.value.description).toBe("Costs ${price} in eu-west-1");
  });

  it("reports broken YAML syntax with its position", async () => {
    const unclosed = await load(`name: orders\nmodel: [unclosed\ninstruction: ${INSTRUCTION}\n`);
    expect(unclosed.value).toBeUndefined();
    expect(unclosed.diagnostics.map(where)).toEqual([
      { line: 3, column: 1, code: "manifest/invalid", severity: "error" },
    ]);
    expect(unclosed.diagnostics[0]?.message).toContain("end with a ]");
    // The classic: an unquoted colon inside a value.
    const colon = await load(`${BASE}description: Note: validates orders\n`);
    expect(colon.diagnostics.map(where)).toEqual([
      { line: 4, column: 14, code: "manifest/invalid", severity: "error" },
    ]);
  });

  it("reports a duplicate key at the second occurrence", async () => {
    const { diagnostics } = await load(`${BASE}model: another-model\n`);
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 1, code: "manifest/invalid", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toMatch(/unique/);
  });

  it("reports an enum value with a hint and duplicate names at the second", async () => {
    const { diagnostics } = await load(`${BASE}collaboration: supervisor\naliases: [live, beta, live]\n`);
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 16, code: "manifest/invalid-value", severity: "error" },
      { line: 5, column: 23, code: "manifest/duplicate-name", severity: "error" },
    ]);
    expect(diagnostics[0]?.hint).toBe('Did you mean "SUPERVISOR"?');
  });

  it("explains what an alias may be", async () => {
    const { diagnostics } = await load(`${BASE}aliases: [live, 3]\n`);
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 17, code: "manifest/wrong-type", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toBe(
      '"aliases[1]": Must be an alias name or an object { name, description }.',
    );
  });

  it("checks collaborator targets and that collaboration is enabled", async () => {
    const { diagnostics } = await load(`${BASE}collaborators:
  - name: shipper
    agent: shipping
    aliasArn: arn:aws:bedrock:us-east-1:123456789012:agent-alias/ABCDEFGHIJ/KLMNOPQRST
    instruction: Ship the order.
`);
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 1, code: "manifest/collaboration-disabled", severity: "error" },
      { line: 7, column: 5, code: "manifest/collaborator-target", severity: "error" },
    ]);
  });

  it("reports a bad map key (parameter name) at the key", async () => {
    const { diagnostics } = await load(`${BASE}actionGroups:
  - name: catalog
    functions:
      - name: lookup
        parameters:
          product id: { type: string }
    executor: returnControl
`);
    expect(diagnostics.map(where)).toEqual([
      { line: 9, column: 11, code: "manifest/invalid-value", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toContain('Invalid key "product id"');
  });

  it("keeps a manifest whose parse gave only warnings", async () => {
    // A CloudFormation tag is read as plain text; the parser may warn about it, never fail.
    const { value, diagnostics } = await load(`${BASE}description: !Ref OrdersDescription\n`);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(value?.value.description).toBe("OrdersDescription");
  });

  it("returns a diagnostic, not an exception, for a missing or empty file", async () => {
    const missing = await loadAgentManifest(path.join(tempProject({}), "nope.yaml"), interp);
    expect(missing.diagnostics.map((d) => d.code)).toEqual(["manifest/not-found"]);
    const empty = await load("# nothing here\n");
    expect(empty.diagnostics.map((d) => d.code)).toEqual(["manifest/empty"]);
    const list = await load("- name: orders\n");
    expect(list.diagnostics.map(where)).toEqual([
      { line: 1, column: 1, code: "manifest/wrong-type", severity: "error" },
    ]);
  });
});

describe("files in agents/ that are not manifests", () => {
  it.each([
    ["openapi: 3.0.0\ninfo: { title: t, version: '1' }\npaths: {}\n", "openapi/"],
    ["StartAt: A\nStates:\n  A: { Type: Succeed }\n", "templates/"],
  ])("says what the file is instead of listing unknown fields", async (text, destination) => {
    const dir = tempProject({ "agents/x.yaml": text });
    const { value, diagnostics } = await loadAgentManifest(
      path.join(dir, "agents/x.yaml"),
      defaultInterpolation({}),
    );
    expect(value).toBeUndefined();
    expect(diagnostics.map(where)).toEqual([
      { line: 1, column: 1, code: "manifest/not-an-agent", severity: "error" },
    ]);
    expect(diagnostics[0]?.hint).toContain(destination);
  });

  it("a manifest is still read as one", async () => {
    const dir = tempProject({ "agents/x.yaml": `name: x\nmodel: m\ninstruction: ${INSTRUCTION}\n` });
    const { value } = await loadAgentManifest(path.join(dir, "agents/x.yaml"), defaultInterpolation({}));
    expect(value?.value.name).toBe("x");
  });
});
