import { describe, expect, it } from "vitest";
import { CLEAN, check, codes, first, where } from "./helpers.js";

function withOperations(count: number): string {
  const ops = Array.from(
    { length: count },
    (_, i) => `  /op${i}:
    get:
      operationId: op${i}
      description: Operation ${i}.
      responses:
        "200":
          description: ok
`,
  ).join("");
  return `openapi: 3.0.0\ninfo:\n  title: Many\n  version: "1"\npaths:\n${ops}`;
}

describe("document rules", () => {
  it("accepts a clean 3.0.0 schema without any diagnostic", async () => {
    const result = await check(CLEAN);
    expect(result.diagnostics).toEqual([]);
    expect(result.operations).toHaveLength(1);
  });

  it("accepts 3.0.x patch versions, which public samples deploy", async () => {
    const result = await check(CLEAN.replace("openapi: 3.0.0", "openapi: 3.0.3"));
    expect(result.diagnostics).toEqual([]);
  });

  it("refuses OpenAPI 3.1 at the version value", async () => {
    const result = await check(CLEAN.replace("openapi: 3.0.0", "openapi: 3.1.0"));
    expect(where(result, "openapi/version-unsupported")).toEqual(["1:10 error"]);
    expect(first(result, "openapi/version-unsupported").hint).toContain("Failed to create OpenAPI 3 model");
  });

  it("refuses Swagger 2.0 at the swagger key and stops there", async () => {
    const result = await check(`swagger: "2.0"\ninfo:\n  title: Old\n  version: "1"\npaths: {}\n`);
    expect(where(result, "openapi/version-unsupported")).toEqual(["1:1 error"]);
    expect(first(result, "openapi/version-unsupported").hint).toContain("OpenAPI 3.0");
    expect(result.diagnostics).toHaveLength(1);
  });

  it("explains a version YAML read as a number", async () => {
    const result = await check(CLEAN.replace("openapi: 3.0.0", "openapi: 3.0"));
    expect(where(result, "openapi/version-invalid")).toEqual(["1:10 error"]);
  });

  it("requires an openapi version", async () => {
    const result = await check(CLEAN.replace("openapi: 3.0.0\n", ""));
    expect(where(result, "openapi/version-missing")).toEqual(["1:1 error"]);
  });

  it("requires paths, and paths to be an object", async () => {
    const missing = await check(`openapi: 3.0.0\ninfo:\n  title: x\n  version: "1"\n`);
    expect(where(missing, "openapi/paths-missing")).toEqual(["1:1 error"]);
    const list = await check(`openapi: 3.0.0\ninfo:\n  title: x\n  version: "1"\npaths: []\n`);
    expect(where(list, "openapi/paths-missing")).toEqual(["5:1 error"]);
  });

  it("requires path keys to begin with a slash", async () => {
    const result = await check(CLEAN.replace("  /items/{id}:", "  items/{id}:"));
    expect(where(result, "openapi/path-invalid")).toEqual(["6:3 error"]);
    expect(first(result, "openapi/path-invalid").message).toContain('"items/{id}"');
    // swagger-parser reports the same key as an additional property; only the clearer report stays.
    expect(codes(result)).not.toContain("openapi/structure");
  });

  it("warns when the schema has no operation", async () => {
    const result = await check(`openapi: 3.0.0\ninfo:\n  title: x\n  version: "1"\npaths: {}\n`);
    expect(where(result, "openapi/no-operations")).toEqual(["5:1 warning"]);
  });

  it("allows 11 operations per action group and refuses 12", async () => {
    expect(codes(await check(withOperations(11)))).not.toContain("openapi/too-many-operations");
    const result = await check(withOperations(12));
    expect(where(result, "openapi/too-many-operations")).toEqual(["5:1 error"]);
    expect(first(result, "openapi/too-many-operations").message).toContain("12 operations");
    expect(result.operations).toHaveLength(12);
  });

  it("warns past 100,000 characters and says the limit is unverified", async () => {
    const long = CLEAN.replace("description: Returns one item.", `description: "${"x".repeat(100_001)}"`);
    const result = await check(long);
    expect(where(result, "openapi/schema-size")).toEqual(["1:1 warning"]);
    expect(first(result, "openapi/schema-size").message).toMatch(/unverified/);
    expect(where(await check(CLEAN), "openapi/schema-size")).toEqual([]);
  });

  it("only warns about a missing info object (Bedrock's own format omits it)", async () => {
    const result = await check(CLEAN.replace('info:\n  title: Shop\n  version: "1"\n', ""));
    expect(where(result, "openapi/info-missing")).toEqual(["1:1 warning"]);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
