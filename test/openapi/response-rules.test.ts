/** Responses that tell the agent nothing about what comes back are warned about. */
import { describe, expect, it } from "vitest";
import { CLEAN, check, codes, first, where } from "./helpers.js";

/** CLEAN's 200 response schema (lines 22–26) replaced. */
function withResponseSchema(yaml: string): string {
  return CLEAN.replace(
    "              schema:\n                type: object\n                properties:\n                  name:\n                    type: string\n",
    yaml,
  );
}

describe("responses", () => {
  it("warns about an empty responses object, as about a missing one, without a structural error", async () => {
    const result = await check(CLEAN.replace(/ {6}responses:[\s\S]*$/, "      responses: {}\n"));
    expect(codes(result)).toEqual(["openapi/responses-empty"]);
    expect(where(result, "openapi/responses-empty")).toEqual(["17:7 warning"]);
    expect(first(result, "openapi/responses-empty").message).toBe(
      'GET /items/{id} declares no responses ("responses" is empty).',
    );
  });

  it("still reports other structural problems of the document", async () => {
    const text = CLEAN.replace(/ {6}responses:[\s\S]*$/, "      responses: {}\n").replace(
      "          in: path\n",
      "          in: body\n",
    );
    expect(codes(await check(text))).toContain("openapi/structure");
  });

  it("warns about a response schema with no type", async () => {
    const result = await check(withResponseSchema("              schema: {}\n"));
    expect(codes(result)).toEqual(["openapi/response-schema-untyped"]);
    expect(where(result, "openapi/response-schema-untyped")).toEqual(["22:15 warning"]);
    expect(first(result, "openapi/response-schema-untyped").message).toBe(
      "The schema of response 200 of GET /items/{id} has no type: the agent is told nothing about what comes back.",
    );
  });

  it("reports an untyped schema behind a $ref where it is defined", async () => {
    const text = `${withResponseSchema('              schema:\n                $ref: "#/components/schemas/Item"\n')}components:
  schemas:
    Item:
      description: An item
`;
    expect(where(await check(text), "openapi/response-schema-untyped")).toEqual(["26:5 warning"]);
  });

  it("accepts schemas whose shape is given without type", async () => {
    for (const schema of [
      "              schema:\n                properties:\n                  name: {type: string}\n",
      "              schema:\n                items: {type: string}\n",
      "              schema: {type: string}\n",
    ]) {
      expect(codes(await check(withResponseSchema(schema))), schema).toEqual([]);
    }
  });
});
