// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about the literal ${…} placeholder syntax.
/**
 * A bad `${…}` is reported at its own line:col wherever the string is written: block scalars
 * (literal and folded, with chomping and indentation indicators), multi-line plain and quoted
 * strings, and JSON.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultInterpolation } from "../../src/manifest/interpolate.js";
import { loadAgentManifest } from "../../src/manifest/load-agent.js";
import { tempProject, where } from "./temp-project.js";

const LINE = "You help the team with their orders, politely and briefly.";

async function positions(text: string, file = "a.yaml") {
  const dir = tempProject({ [file]: text });
  const { diagnostics } = await loadAgentManifest(path.join(dir, file), defaultInterpolation({ OK: "fine" }));
  return diagnostics;
}

/** `name`, `model`, then `instruction` from line 3. */
const manifest = (instruction: string) => `name: a\nmodel: m\ninstruction: ${instruction}\n`;

describe("placeholder positions", () => {
  it("points into a literal block scalar at the placeholder's own line and column", async () => {
    const d = await positions(manifest(`|\n  ${LINE}\n  Team: \${env:TEAM} (see \${env:OK})\n`));
    expect(d.map(where)).toEqual([{ line: 5, column: 9, code: "manifest/env-unset", severity: "error" }]);
  });

  it.each([
    ["|-", "keep-strip chomping"],
    ["|+", "keep chomping"],
    ["|4", "an indentation indicator"],
    ["|2-", "indicator and chomping"],
    [">", "folded"],
    [">-", "folded, stripped"],
    ["| # a comment with ${env:NOPE}", "a header comment holding a placeholder"],
  ])("handles %s (%s)", async (header) => {
    const indent = /\d/.test(header) ? "    " : "  ";
    const body = header.startsWith("|2") ? `  ${indent}` : indent;
    const d = await positions(manifest(`${header}\n${body}${LINE}\n\n${body}Owned by \${env:TEAM}.\n`));
    expect(d.map(where)).toEqual([
      { line: 6, column: body.length + 10, code: "manifest/env-unset", severity: "error" },
    ]);
  });

  it("counts $${ escapes and repeated placeholders to find the right one", async () => {
    const d = await positions(
      manifest(`|\n  Literal $\${env:TEAM} and \${env:OK}.\n  Then \${env:TEAM} and \${env:TEAM}.\n`),
    );
    expect(d.map((x) => [x.line, x.column])).toEqual([
      [5, 8],
      [5, 24],
    ]);
  });

  it("points into multi-line plain and double-quoted strings", async () => {
    const plain = await positions(manifest(`${LINE}\n  and the \${env:TEAM} team.\n`));
    expect(plain.map((x) => [x.line, x.column])).toEqual([[4, 11]]);
    const quoted = await positions(manifest(`"${LINE}\n  and the \${env:TEAM} team."\n`));
    expect(quoted.map((x) => [x.line, x.column])).toEqual([[4, 11]]);
  });

  it("points into a JSON manifest", async () => {
    const json = `{\n  "name": "a",\n  "model": "m",\n  "instruction": "${LINE} \${env:TEAM}"\n}\n`;
    const d = await positions(json, "a.json");
    expect(d.map((x) => [x.line, x.column])).toEqual([[4, 78]]);
  });

  it("falls back to the string when escapes make the text differ from the value", async () => {
    // \x24 is "$": the value holds a ${ the source does not.
    const d = await positions(manifest(`"${LINE}\n  \\x24{env:TEAM}"\n`));
    expect(d.map((x) => [x.line, x.column])).toEqual([[3, 14]]);
  });

  it("quotes an unterminated placeholder in a block scalar on one line", async () => {
    const d = await positions(manifest(`|\n  ${LINE}\n  Team: \${env:TEAM\n  and more.\n`));
    expect(d.map(where)).toEqual([
      { line: 5, column: 9, code: "manifest/unterminated-placeholder", severity: "error" },
    ]);
    expect(d[0]?.message).toBe('Placeholder "${env:TEAM" has no closing "}".');
    expect(d[0]?.message).not.toContain("\n");
  });
});
