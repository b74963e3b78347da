import { describe, expect, it } from "vitest";
import { CLEAN, check, codes, first, post, where } from "./helpers.js";

// In CLEAN the response property `name:` is line 25, its `type: string` line 26.
const untypedResponse = CLEAN.replace(
  "                    type: string\n",
  "                    description: Name\n",
);

describe("property types", () => {
  it("are required on response properties", async () => {
    const result = await check(untypedResponse);
    expect(where(result, "openapi/property-type-missing")).toEqual(["25:19 error"]);
    expect(first(result, "openapi/property-type-missing").message).toContain(
      '"name" in response 200 of GET /items/{id}',
    );
  });

  it("are required on request body properties, nested ones included", async () => {
    const body = `        content:
          application/json:
            schema:
              type: object
              properties:
                tags:
                  type: array
                  items:
                    type: object
                    properties:
                      label:
                        description: no type
`;
    const result = await check(post(body));
    expect(where(result, "openapi/property-type-missing")).toEqual(["21:23 error"]);
    expect(first(result, "openapi/property-type-missing").message).toContain("request body of POST /items");
  });

  it("are checked where a $ref leads, and reported there", async () => {
    const text = `${CLEAN.replace(
      "                type: object\n                properties:\n                  name:\n                    type: string\n",
      '                $ref: "#/components/schemas/Item"\n',
    )}components:
  schemas:
    Item:
      type: object
      properties:
        price:
          format: double
`;
    const result = await check(text);
    expect(where(result, "openapi/property-type-missing")).toEqual(["29:9 error"]);
  });

  it("are not demanded of a property defined by composition (which gets its own warning)", async () => {
    const composed = CLEAN.replace(
      "                    type: string\n",
      "                    anyOf:\n                      - type: string\n                      - type: integer\n",
    );
    const result = await check(composed);
    expect(where(result, "openapi/property-type-missing")).toEqual([]);
    expect(where(result, "openapi/schema-composition")).toEqual(["26:21 warning"]);
  });
});

describe("response schema", () => {
  it("warns when a response media type has no schema", async () => {
    const text = CLEAN.replace(
      "            application/json:\n              schema:\n                type: object\n                properties:\n                  name:\n                    type: string\n",
      "            application/json: {}\n",
    );
    const result = await check(text);
    expect(where(result, "openapi/response-schema-missing")).toEqual(["21:13 warning"]);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("accepts an error response with a description only", async () => {
    const text = `${CLEAN}        "404":\n          description: Not found\n`;
    expect((await check(text)).diagnostics).toEqual([]);
  });
});

describe("request body shape", () => {
  it("warns when the body is not an object", async () => {
    const body =
      "        content:\n          application/json:\n            schema:\n              type: string\n";
    const result = await check(post(body));
    expect(where(result, "openapi/request-body-not-object")).toEqual(["14:21 warning"]);
  });
});

describe("enum", () => {
  it("warns at the enum keyword and suggests listing the values in the description", async () => {
    const text = CLEAN.replace(
      "            type: string\n",
      "            type: string\n            enum: [small, large]\n",
    );
    const result = await check(text);
    expect(where(result, "openapi/enum-unsupported")).toEqual(["17:13 warning"]);
    expect(first(result, "openapi/enum-unsupported").hint).toContain('One of: "small", "large"');
  });

  it("ignores a property named enum and enum-like text inside examples", async () => {
    const text = CLEAN.replace(
      "                  name:\n                    type: string\n",
      "                  enum:\n                    type: string\n                    example:\n                      enum: [a]\n",
    );
    const result = await check(text);
    expect(codes(result)).not.toContain("openapi/enum-unsupported");
  });
});

describe("schema composition", () => {
  it("warns on oneOf, anyOf and allOf wherever they appear", async () => {
    const text = `${CLEAN}components:
  schemas:
    A:
      oneOf:
        - type: string
    B:
      allOf:
        - type: object
`;
    const result = await check(text);
    expect(where(result, "openapi/schema-composition")).toEqual(["30:7 warning", "33:7 warning"]);
  });
});
