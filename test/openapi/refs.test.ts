import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { validateOpenApiFile } from "../../src/openapi/index.js";
import { check, codes, first, post, where } from "./helpers.js";

const root = mkdtempSync(path.join(tmpdir(), "agentctl-openapi-refs-"));
const dir = path.join(root, "schemas");
mkdirSync(dir);
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.unstubAllGlobals());

/** A POST whose body schema is `$ref: <ref>`, plus extra top-level YAML. Body `$ref` is on line 14, col 21. */
function bodyRef(ref: string, extra = ""): string {
  return `${post(`        content:\n          application/json:\n            schema:\n              $ref: "${ref}"\n`)}${extra}`;
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("$ref checks", () => {
  it("reports a circular $ref at the reference that closes the loop, without hanging", async () => {
    const text = bodyRef(
      "#/components/schemas/Node",
      `components:
  schemas:
    Node:
      type: object
      properties:
        next:
          $ref: "#/components/schemas/Node"
`,
    );
    const result = await check(text);
    expect(where(result, "openapi/ref-circular")).toEqual(["24:17 error"]);
    expect(result.operations[0]?.requestBody?.content["application/json"]?.properties).toEqual([
      { name: "next", type: "object", required: false },
    ]);
  });

  it("reports an indirect cycle once", async () => {
    const text = bodyRef(
      "#/components/schemas/A",
      `components:
  schemas:
    A:
      type: object
      properties:
        b: {$ref: "#/components/schemas/B"}
    B:
      type: object
      properties:
        a: {$ref: "#/components/schemas/A"}
`,
    );
    const result = await check(text);
    expect(where(result, "openapi/ref-circular")).toEqual(["27:19 error"]);
  });

  it("reports a pointer to nothing", async () => {
    const result = await check(bodyRef("#/components/schemas/Missing"));
    expect(where(result, "openapi/ref-unresolved")).toEqual(["14:21 error"]);
  });

  it("never fetches a remote $ref", async () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error("network used")));
    vi.stubGlobal("fetch", fetchSpy);
    const result = await check(bodyRef("https://example.com/schemas.yaml#/Item"));
    expect(where(result, "openapi/ref-remote")).toEqual(["14:21 error"]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("does not read files outside the schema's directory", async () => {
    writeFileSync(path.join(root, "secret.yaml"), "Item:\n  type: object\n");
    const file = write("outside.yaml", bodyRef("../secret.yaml#/Item"));
    const result = await validateOpenApiFile(file, { actionGroupName: "Shop" });
    expect(where(result, "openapi/ref-outside")).toEqual(["14:21 error"]);
    expect(result.operations[0]?.requestBody?.content["application/json"]?.properties).toEqual([]);
  });

  it("does not follow a symlink that leads outside the directory", async () => {
    writeFileSync(path.join(root, "target.yaml"), "Item:\n  type: object\n");
    symlinkSync(path.join(root, "target.yaml"), path.join(dir, "link.yaml"));
    const file = write("via-link.yaml", bodyRef("link.yaml#/Item"));
    const result = await validateOpenApiFile(file, { actionGroupName: "Shop" });
    expect(where(result, "openapi/ref-unresolved")).toEqual(["14:21 error"]);
    expect(first(result, "openapi/ref-unresolved").message).toContain("outside the schema's directory");
  });
});

describe("external $ref to a local file", () => {
  it("resolves it, warns that Bedrock needs it inlined, and reports rules inside that file", async () => {
    const shared = write(
      "shared.yaml",
      `Item:
  type: object
  required: [name]
  properties:
    name:
      type: string
      description: Item name
    size:
      description: no type here
`,
    );
    const file = write("main.yaml", bodyRef("shared.yaml#/Item"));
    const result = await validateOpenApiFile(file, { actionGroupName: "Shop" });
    expect(where(result, "openapi/ref-external")).toEqual(["14:21 warning"]);
    const typeless = result.diagnostics.filter((d) => d.code === "openapi/property-type-missing");
    expect(typeless.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([`${shared}:8:5`]);
    expect(codes(result)).not.toContain("openapi/structure");
    expect(result.operations[0]?.requestBody?.content["application/json"]?.properties).toEqual([
      { name: "name", type: "string", required: true, description: "Item name" },
      { name: "size", type: "string", required: false, description: "no type here" },
    ]);
  });

  it("follows references two files deep and reports a broken one in the file that holds it", async () => {
    const leaf = write("leaf.yaml", `Leaf:\n  type: object\n  properties:\n    x: {$ref: "#/Missing"}\n`);
    write("middle.yaml", `Item:\n  type: object\n  properties:\n    leaf: {$ref: "leaf.yaml#/Leaf"}\n`);
    const file = write("top.yaml", bodyRef("middle.yaml#/Item"));
    const result = await validateOpenApiFile(file, { actionGroupName: "Shop" });
    const broken = result.diagnostics.filter((d) => d.code === "openapi/ref-unresolved");
    expect(broken.map((d) => `${d.file}:${d.line}`)).toEqual([`${leaf}:4`]);
    expect(where(result, "openapi/ref-external")).toContain("14:21 warning");
  });

  it("reports a referenced file that does not exist", async () => {
    const file = write("dangling.yaml", bodyRef("nope.yaml#/Item"));
    const result = await validateOpenApiFile(file, { actionGroupName: "Shop" });
    expect(where(result, "openapi/ref-unresolved")).toEqual(["14:21 error"]);
  });

  it("reports a referenced file that is not valid YAML in that file", async () => {
    const broken = write("broken.yaml", "Item:\n  type: [object\n");
    const file = write("uses-broken.yaml", bodyRef("broken.yaml#/Item"));
    const result = await validateOpenApiFile(file, { actionGroupName: "Shop" });
    expect(where(result, "openapi/ref-unresolved")).toEqual(["14:21 error"]);
    expect(result.diagnostics.some((d) => d.file === broken && d.code === "openapi/invalid")).toBe(true);
  });
});
