/**
 * What a broken or circular `$ref` reports: only the ref diagnostic (no follow-on
 * findings about the `{$ref}` object itself), paths as the user wrote them, and a hint
 * that fits where the cycle is used.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateOpenApiFile } from "../../src/openapi/index.js";
import { CLEAN, check, codes, first, post, where } from "./helpers.js";

const root = mkdtempSync(path.join(tmpdir(), "agentctl-openapi-ref-diagnostics-"));
const dir = path.join(root, "schemas");
mkdirSync(path.join(dir, "parts"), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** CLEAN with its parameter (lines 11–16) replaced by `- $ref: <ref>` on line 11. */
function parameterRef(ref: string): string {
  return CLEAN.replace(/( {8})- name: id\n[\s\S]*?type: string\n(?= {6}responses)/, `$1- $ref: "${ref}"\n`);
}

describe("an unresolved $ref", () => {
  it("in parameters yields only the ref diagnostic", async () => {
    const result = await check(parameterRef("#/components/parameters/Missing"));
    expect(codes(result).filter((c) => c.startsWith("openapi/parameter-"))).toEqual([]);
    expect(where(result, "openapi/ref-unresolved")).toEqual(["11:17 error"]);
    // Nor "{id} has no parameter": the broken reference may well be that parameter.
    expect(codes(result)).toEqual(["openapi/ref-unresolved"]);
    expect(result.operations[0]?.parameters).toEqual([]);
  });

  it("for a body property yields no 'property has no type'", async () => {
    const body = `        content:
          application/json:
            schema:
              type: object
              properties:
                item:
                  $ref: "#/components/schemas/Missing"
`;
    const result = await check(post(body));
    expect(codes(result)).toEqual(["openapi/ref-unresolved"]);
  });

  it("names the document relative to the schema's directory, not by absolute path", async () => {
    const file = path.join(dir, "main.yaml");
    writeFileSync(file, parameterRef("#/components/parameters/Missing"));
    const result = await validateOpenApiFile(file, { actionGroupName: "Shop" });
    const d = first(result, "openapi/ref-unresolved");
    expect(d.message).toBe(
      'Unresolved $ref: "#/components/parameters/Missing" does not point to anything in main.yaml.',
    );
    expect(d.message).not.toContain(root);
  });

  it("names a referenced file relative to the schema's directory", async () => {
    writeFileSync(path.join(dir, "parts", "params.yaml"), "Other:\n  name: x\n");
    const file = path.join(dir, "uses-part.yaml");
    writeFileSync(file, parameterRef("parts/params.yaml#/Id"));
    const result = await validateOpenApiFile(file, { actionGroupName: "Shop" });
    expect(first(result, "openapi/ref-unresolved").message).toBe(
      `Unresolved $ref: "parts/params.yaml#/Id" does not point to anything in ${path.join("parts", "params.yaml")}.`,
    );
    const dangling = path.join(dir, "uses-missing.yaml");
    writeFileSync(dangling, parameterRef("nope.yaml#/Id"));
    const missing = await validateOpenApiFile(dangling, { actionGroupName: "Shop" });
    expect(first(missing, "openapi/ref-unresolved").message).toBe(
      'Unresolved $ref: "nope.yaml#/Id": cannot read nope.yaml: no such file.',
    );
  });
});

const NODE = `components:
  schemas:
    Node:
      type: object
      properties:
        children:
          type: array
          items:
            $ref: "#/components/schemas/Node"
`;

describe("a circular $ref", () => {
  it("in a response gets a hint about responses, not request bodies", async () => {
    const text = `${CLEAN.replace(
      "                type: object\n                properties:\n                  name:\n                    type: string\n",
      '                $ref: "#/components/schemas/Node"\n',
    )}${NODE}`;
    const result = await check(text);
    const d = first(result, "openapi/ref-circular");
    expect(d.message).toBe(
      'Circular $ref: "#/components/schemas/Node" leads back to itself (used by the response of GET /items/{id}).',
    );
    expect(d.hint).toContain("response schema");
    expect(d.hint).toContain("end the recursion with a plain {type: object}");
    expect(d.hint).not.toMatch(/request bod/);
  });

  it("in a request body keeps the request-body explanation", async () => {
    const body = `        content:
          application/json:
            schema:
              $ref: "#/components/schemas/Node"
`;
    const d = first(await check(`${post(body)}${NODE}`), "openapi/ref-circular");
    expect(d.message).toContain("(used by the request body of POST /items)");
    expect(d.hint).toContain("flat list of name/type/value properties");
  });

  it("that no operation uses says so", async () => {
    const d = first(await check(`${CLEAN}${NODE}`), "openapi/ref-circular");
    expect(d.message).toBe('Circular $ref: "#/components/schemas/Node" leads back to itself.');
    expect(d.hint).toContain("No operation uses it yet");
  });
});
