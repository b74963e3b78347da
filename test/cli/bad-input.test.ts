/**
 * Every kind of bad input, end to end through the CLI: each gets a positioned
 * diagnostic, exit 2, and no stack trace.
 */
import { chmodSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { INSTRUCTION, tempProject } from "../manifest/temp-project.js";

const isRoot = os.userInfo().uid === 0;
if (isRoot) console.warn("Skipping the unreadable-schema test: running as root, every file is readable.");

const PROJECT = "name: demo\n";
const OPENAPI_OK = `openapi: 3.0.0
info: { title: Catalog, version: "1" }
paths:
  /products/{id}:
    get:
      operationId: getProduct
      description: Look up a product
      parameters:
        - { name: id, in: path, required: true, description: Product id, schema: { type: string } }
      responses:
        "200":
          description: The product
          content: { application/json: { schema: { type: object, properties: { name: { type: string } } } } }
`;

function agentWithSchema(schema: string): string {
  return `name: catalog
model: anthropic.claude-3-haiku-20240307-v1:0
instruction: ${INSTRUCTION}
actionGroups:
  - name: products
    schema: ${schema}
    executor: returnControl
`;
}

interface Result {
  diagnostics: { file: string; line: number; column: number; code: string; severity: string }[];
}

async function validate(files: Record<string, string>, prepare?: (dir: string) => void) {
  const dir = tempProject(files);
  prepare?.(dir);
  const r = await runCli(["validate", "--json", "-C", dir]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toMatch(/\n\s+at /);
  return { code: r.code, out: JSON.parse(r.stdout) as Result };
}

describe("bad input gets a diagnostic, exit 2 and no stack trace", () => {
  it("broken YAML in a manifest", async () => {
    const { code, out } = await validate({
      "agentctl.yaml": PROJECT,
      "agents/a.yaml": "name: a\nmodel: [unclosed\n",
    });
    expect(code).toBe(2);
    expect(out.diagnostics[0]).toMatchObject({ file: "agents/a.yaml", severity: "error" });
    expect(out.diagnostics[0]?.line).toBeGreaterThan(1);
  });

  it("a wrong type in a manifest", async () => {
    const { code, out } = await validate({
      "agentctl.yaml": PROJECT,
      "agents/a.yaml": `name: a\nmodel: m\ninstruction: ${INSTRUCTION}\nidleSessionTTL: soon\n`,
    });
    expect(code).toBe(2);
    expect(out.diagnostics).toContainEqual(
      expect.objectContaining({ file: "agents/a.yaml", line: 4, column: 17 }),
    );
  });

  it("a schema file that does not exist", async () => {
    const { code, out } = await validate({
      "agentctl.yaml": PROJECT,
      "agents/a.yaml": agentWithSchema("missing.yaml"),
    });
    expect(code).toBe(2);
    expect(out.diagnostics).toContainEqual(
      expect.objectContaining({
        file: "agents/a.yaml",
        line: 6,
        column: 13,
        code: "manifest/file-not-found",
      }),
    );
  });

  it.skipIf(isRoot)("an unreadable schema file", async () => {
    const { code, out } = await validate(
      {
        "agentctl.yaml": PROJECT,
        "agents/a.yaml": agentWithSchema("../openapi/s.yaml"),
        "openapi/s.yaml": OPENAPI_OK,
      },
      (dir) => chmodSync(path.join(dir, "openapi/s.yaml"), 0),
    );
    expect(code).toBe(2);
    expect(out.diagnostics.some((d) => d.file === "openapi/s.yaml" && d.severity === "error")).toBe(true);
  });

  it("a schema that is a directory, not a file", async () => {
    const { code, out } = await validate({
      "agentctl.yaml": PROJECT,
      "agents/a.yaml": agentWithSchema("schemas"),
      "agents/schemas/readme.txt": "not a schema",
    });
    expect(code).toBe(2);
    expect(out.diagnostics.some((d) => d.file.startsWith("agents/schemas") && d.severity === "error")).toBe(
      true,
    );
  });

  it("a circular $ref", async () => {
    const circular = `${OPENAPI_OK}components:
  schemas:
    A: { $ref: "#/components/schemas/B" }
    B: { $ref: "#/components/schemas/A" }
`.replace("{ type: object, properties: { name: { type: string } } }", '{ $ref: "#/components/schemas/A" }');
    const { code, out } = await validate({
      "agentctl.yaml": PROJECT,
      "agents/a.yaml": agentWithSchema("../openapi/s.yaml"),
      "openapi/s.yaml": circular,
    });
    expect(code).toBe(2);
    expect(out.diagnostics.map((d) => d.code)).toContain("openapi/ref-circular");
  });

  it("a huge schema file", async () => {
    const { code, out } = await validate(
      {
        "agentctl.yaml": PROJECT,
        "agents/a.yaml": agentWithSchema("../openapi/s.json"),
        "openapi/.keep": "",
      },
      (dir) => writeFileSync(path.join(dir, "openapi/s.json"), `{"x": "${"a".repeat(11 * 1024 * 1024)}"}`),
    );
    expect(code).toBe(2);
    expect(out.diagnostics).toContainEqual(
      expect.objectContaining({ file: "openapi/s.json", line: 1, column: 1 }),
    );
  });

  it("a binary file where a template should be", async () => {
    const { code, out } = await validate(
      { "agentctl.yaml": `${PROJECT}workflows:\n  - name: w\n    template: w.asl.json\n` },
      (dir) => writeFileSync(path.join(dir, "w.asl.json"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2])),
    );
    expect(code).toBe(2);
    expect(out.diagnostics).toContainEqual(
      expect.objectContaining({ file: "w.asl.json", line: 1, column: 1 }),
    );
  });

  it("the valid baseline of these tests passes, so the failures above are the inputs' own", async () => {
    const { code, out } = await validate({
      "agentctl.yaml": PROJECT,
      "agents/a.yaml": agentWithSchema("../openapi/s.yaml"),
      "openapi/s.yaml": OPENAPI_OK,
    });
    expect(out.diagnostics).toEqual([]);
    expect(code).toBe(0);
  });
});

describe("rules with one home", () => {
  it("duplicate function names are reported once, at the second name", async () => {
    const { code, out } = await validate({
      "agentctl.yaml": PROJECT,
      "agents/a.yaml": `name: a
model: m
instruction: ${INSTRUCTION}
actionGroups:
  - name: tools
    executor: returnControl
    functions:
      - { name: lookUp, description: Look a thing up }
      - { name: lookUp, description: Look it up again }
`,
    });
    expect(code).toBe(2);
    expect(out.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      "9:17 function/name-duplicate",
    ]);
  });
});
