import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateOpenApiFile, validateOpenApiText } from "../../src/openapi/index.js";
import { CLEAN, check, codes, first, where } from "./helpers.js";

const dir = mkdtempSync(path.join(tmpdir(), "agentctl-openapi-structure-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const opts = { actionGroupName: "Shop" };

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("structural validation (swagger-parser)", () => {
  it("reports the one real problem of a parameter without `in`, at the parameter", async () => {
    const result = await check(CLEAN.replace("          in: path\n", ""));
    expect(where(result, "openapi/structure")).toEqual(["11:11 error"]);
    const d = first(result, "openapi/structure");
    expect(d.message).toBe("paths › /items/{id} › get › parameters › [0] must have required property 'in'.");
    expect(d.hint).toContain(
      'Failed to create OpenAPI 3 model from the JSON/YAML object that you provided for action: Shop"',
    );
  });

  it("keeps a structural error on a node that also breaks a Bedrock rule", async () => {
    const result = await check(
      CLEAN.replace("          in: path\n", "").replace("          description: Item id\n", ""),
    );
    expect(where(result, "openapi/structure")).toEqual(["11:11 error"]);
    expect(where(result, "openapi/parameter-description-missing")).toEqual(["11:11 error"]);
  });

  it("points at the key of an unknown property", async () => {
    const result = await check(
      CLEAN.replace("      operationId: getItem\n", "      operationId: getItem\n      bogus: 1\n"),
    );
    expect(where(result, "openapi/structure")).toEqual(["9:7 error"]);
    expect(first(result, "openapi/structure").message).toContain("'bogus'");
  });

  it("points at a value of the wrong type", async () => {
    const text = CLEAN.replace(/ {6}parameters:\n(.*\n){6}/, "      parameters: none\n");
    const result = await check(text);
    expect(where(result, "openapi/structure")).toEqual(["10:19 error"]);
    expect(first(result, "openapi/structure").message).toContain("must be array");
  });

  it("reports problems inside a referenced file against that file", async () => {
    const shared = write(
      "shared-bad.yaml",
      "Item:\n  type: object\n  properties:\n    name:\n      type: text\n",
    );
    const main = write(
      "main-bad.yaml",
      CLEAN.replace(
        "                type: object\n                properties:\n                  name:\n                    type: string\n",
        '                $ref: "shared-bad.yaml#/Item"\n',
      ),
    );
    const result = await validateOpenApiFile(main, opts);
    const structural = result.diagnostics.filter((d) => d.code === "openapi/structure");
    expect(structural.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([`${shared}:5:13`]);
    expect(structural[0]?.message).toContain("must be equal to one of the allowed values");
  });
});

describe("files that are not schemas", () => {
  it("reports broken YAML with its position instead of throwing", async () => {
    const result = await check("openapi: 3.0.0\npaths:\n  /a: [unclosed\n");
    expect(codes(result)).toEqual(["openapi/invalid"]);
    expect(result.diagnostics[0]?.line).toBeGreaterThanOrEqual(3);
    expect(result.operations).toEqual([]);
  });

  it("reads YAML held in a .json file (as public samples ship)", async () => {
    const file = write("yaml-inside.json", CLEAN);
    const result = await validateOpenApiFile(file, opts);
    expect(result.diagnostics).toEqual([]);
    expect(result.operations.map((o) => o.operationId)).toEqual(["getItem"]);
  });

  it("reports a file that does not exist or is a directory", async () => {
    const missing = await validateOpenApiFile(path.join(dir, "nope.yaml"), opts);
    expect(where(missing, "openapi/unreadable")).toEqual(["1:1 error"]);
    expect(first(missing, "openapi/unreadable").message).toContain("no such file");
    const directory = await validateOpenApiFile(dir, opts);
    expect(first(directory, "openapi/unreadable").message).toContain("not a regular file");
  });

  it("refuses a huge file without reading it, and huge text without parsing it", async () => {
    const file = path.join(dir, "huge.yaml");
    writeFileSync(file, "");
    truncateSync(file, 11 * 1024 * 1024);
    const fromFile = await validateOpenApiFile(file, opts);
    expect(where(fromFile, "openapi/too-large")).toEqual(["1:1 error"]);
    const fromText = await validateOpenApiText(`# ${"x".repeat(10 * 1024 * 1024)}\n`, "huge.yaml", opts);
    expect(codes(fromText)).toEqual(["openapi/too-large"]);
  });

  it("reports a YAML alias inside its own anchor at the alias, instead of looping", async () => {
    const text = "openapi: 3.0.0\ninfo: &info {title: t, version: '1', again: *info}\npaths: {}\n";
    const result = await check(text);
    expect(where(result, "openapi/alias-cycle")).toEqual(["2:45 error"]);
  });

  it("reports binary content and a document that is not an object", async () => {
    expect(codes(await check("\u0000\u0001binary"))).toEqual(["openapi/binary"]);
    expect(codes(await check("- openapi: 3.0.0\n"))).toEqual(["openapi/not-an-object"]);
    expect(codes(await check(""))).toEqual(["openapi/not-an-object"]);
  });
});

describe("operations", () => {
  it("carry what the Lambda event needs: name, type, in and required of each parameter and body property", async () => {
    const text = `openapi: 3.0.0
info: {title: Shop, version: "1"}
paths:
  /carts/{cartId}/items:
    parameters:
      - {name: cartId, in: path, required: true, description: Cart, schema: {type: string}}
      - {name: trace, in: header, description: Trace id, schema: {type: string}}
    post:
      operationId: addToCart
      description: Adds an item to a cart.
      x-requireConfirmation: DISABLED
      parameters:
        - {name: trace, in: header, description: Overridden, schema: {type: integer}}
        - {name: dryRun, in: query, description: Only check, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [sku]
              properties:
                sku: {type: string, description: Product code}
                quantity: {type: integer}
      responses:
        "200": {description: Added}
`;
    const result = await check(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.operations).toEqual([
      {
        operationId: "addToCart",
        method: "POST",
        path: "/carts/{cartId}/items",
        description: "Adds an item to a cart.",
        requireConfirmation: false,
        parameters: [
          { name: "cartId", in: "path", type: "string", required: true, description: "Cart" },
          { name: "trace", in: "header", type: "integer", required: false, description: "Overridden" },
          { name: "dryRun", in: "query", type: "boolean", required: false, description: "Only check" },
        ],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              properties: [
                { name: "sku", type: "string", required: true, description: "Product code" },
                { name: "quantity", type: "integer", required: false },
              ],
            },
          },
        },
      },
    ]);
  });
});
