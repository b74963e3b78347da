/** Path templates and `in: path` parameters must name each other. */
import { describe, expect, it } from "vitest";
import { CLEAN, check, codes, first, where } from "./helpers.js";

const ID_PARAMETER =
  "        - name: id\n          in: path\n          required: true\n          description: Item id\n          schema:\n            type: string\n";

/** CLEAN with its one parameter (`id`, in: path, lines 11–16) replaced. */
function withParameters(yaml: string): string {
  return CLEAN.replace(ID_PARAMETER, yaml);
}

/** CLEAN without any operation parameter (`get:` stays on line 7). */
const NO_PARAMETERS = CLEAN.replace(`      parameters:\n${ID_PARAMETER}`, "");

const QUERY_ID = `        - name: id
          in: query
          description: Item id
          schema:
            type: string
`;

describe("path templates and path parameters", () => {
  it("warns, at the operation, when a placeholder has no in: path parameter", async () => {
    const result = await check(NO_PARAMETERS);
    expect(where(result, "openapi/path-parameter-missing")).toEqual(["7:5 warning"]);
    const d = first(result, "openapi/path-parameter-missing");
    expect(d.message).toBe(
      'GET /items/{id} has {id} in its path but no "in: path" parameter named "id"; the agent is never asked for its value.',
    );
    expect(d.hint).toContain("{name: id, in: path, required: true");
  });

  it("says so when the placeholder's name is declared in another location", async () => {
    const result = await check(withParameters(QUERY_ID));
    expect(where(result, "openapi/path-parameter-missing")).toEqual(["7:5 warning"]);
    expect(first(result, "openapi/path-parameter-missing").hint).toBe(
      '"id" is declared in: query: change it to in: path, required: true.',
    );
  });

  it("lists every missing placeholder in one diagnostic", async () => {
    const result = await check(CLEAN.replace("/items/{id}:", "/shops/{shopId}/items/{id}/{variant}:"));
    expect(where(result, "openapi/path-parameter-missing")).toEqual(["7:5 warning"]);
    expect(first(result, "openapi/path-parameter-missing").message).toContain(
      'has {shopId}, {variant} in its path but no "in: path" parameter for them',
    );
  });

  it("accepts a placeholder declared at the path level", async () => {
    const text = NO_PARAMETERS.replace(
      "  /items/{id}:\n",
      "  /items/{id}:\n    parameters:\n      - {name: id, in: path, required: true, description: Item id, schema: {type: string}}\n",
    );
    expect((await check(text)).diagnostics).toEqual([]);
  });

  it("warns, at its name, about an in: path parameter the path does not contain", async () => {
    const result = await check(CLEAN.replace("/items/{id}:", "/items:"));
    expect(where(result, "openapi/path-parameter-unused")).toEqual(["11:17 warning"]);
    expect(first(result, "openapi/path-parameter-unused").message).toBe(
      'Parameter "id" of GET /items is in: path, but the path /items has no {id}.',
    );
    expect(codes(result)).not.toContain("openapi/path-parameter-missing");
  });

  it("leaves a clean schema clean", async () => {
    expect((await check(CLEAN)).diagnostics).toEqual([]);
  });
});
