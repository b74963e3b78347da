// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about the literal ${…} placeholder syntax.
/** Schema errors whose plain reading would mislead get one error with the hint that fixes it. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultInterpolation } from "../../src/manifest/interpolate.js";
import { loadAgentManifest } from "../../src/manifest/load-agent.js";
import { INSTRUCTION, tempProject, where } from "./temp-project.js";

/** Lines 1–3; what a test adds starts at line 4. */
const BASE = `name: orders\nmodel: m\ninstruction: ${INSTRUCTION}\n`;

async function load(text: string, env: Record<string, string> = {}) {
  const dir = tempProject({ "agents/orders.yaml": text });
  return loadAgentManifest(path.join(dir, "agents/orders.yaml"), defaultInterpolation(env));
}

describe("schema hints", () => {
  it("explains that a placeholder cannot produce a number", async () => {
    const { diagnostics } = await load(`${BASE}idleSessionTTL: \${env:TTL}\n`, { TTL: "600" });
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 17, code: "manifest/wrong-type", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toBe('"idleSessionTTL" must be a whole number, not a string ("600").');
    expect(diagnostics[0]?.hint).toBe(
      "Placeholders such as ${env:NAME} always produce text; write the number itself, without a placeholder.",
    );
  });

  it("tells a quoted number or boolean to lose its quotes", async () => {
    const { diagnostics } = await load(`${BASE}idleSessionTTL: "600"\nmemory: { enabled: "true" }\n`);
    expect(diagnostics.map((d) => d.hint)).toEqual([
      "Remove the quotes so YAML reads it as a number: 600.",
      "Remove the quotes so YAML reads it as true or false: true.",
    ]);
  });

  it("turns Bedrock's customControl executor into the manifest's spelling, as one error", async () => {
    const { diagnostics } = await load(
      `${BASE}actionGroups:\n  - name: g\n    functions: [{ name: f }]\n    executor: { customControl: RETURN_CONTROL }\n`,
    );
    expect(diagnostics.map(where)).toEqual([
      { line: 7, column: 17, code: "manifest/unknown-field", severity: "error" },
    ]);
    expect(diagnostics[0]?.hint).toContain("Write `executor: returnControl`");
  });

  it("says map keys are not interpolated", async () => {
    const { diagnostics } = await load(`${BASE}tags: { "\${env:TEAM}": payments }\n`, { TEAM: "x" });
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 9, code: "manifest/invalid-value", severity: "error" },
    ]);
    expect(diagnostics[0]?.hint).toBe(
      "Map keys are not interpolated: ${…} placeholders work only in values.",
    );
    const field = await load(`${BASE}\${env:FIELD}: x\n`);
    expect(field.diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ["manifest/unknown-field", "Map keys are not interpolated: ${…} placeholders work only in values."],
    ]);
  });

  it("reports a misspelt required field once, as the unknown field with its did-you-mean", async () => {
    const { diagnostics } = await load(`name: orders\nmodel: m\ninstructions: ${INSTRUCTION}\n`);
    expect(diagnostics.map(where)).toEqual([
      { line: 3, column: 1, code: "manifest/unknown-field", severity: "error" },
    ]);
    expect(diagnostics[0]?.hint).toBe('Did you mean "instruction"?');
    // An unrelated unknown field does not explain the missing one away.
    const unrelated = await load(`name: orders\nmodel: m\nnotes: ${INSTRUCTION}\n`);
    expect(unrelated.diagnostics.map((d) => d.code)).toEqual([
      "manifest/missing-field",
      "manifest/unknown-field",
    ]);
  });

  it("gives line and column for a duplicate on the same line", async () => {
    const { diagnostics } = await load(`${BASE}aliases: [live, beta, live]\nknowledgeBases:
  - { id: KB12345678, description: Manuals }
  - { id: KB12345678, description: Manuals again }
`);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Duplicate alias name "live" (first defined at line 4, column 11).',
      'Duplicate knowledge base id "KB12345678" (first defined at line 6).',
    ]);
  });
});
