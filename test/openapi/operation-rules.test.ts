import { describe, expect, it } from "vitest";
import { CLEAN, check, codes, first, post, where } from "./helpers.js";

const JSON_BODY = `        content:
          application/json:
            schema:
              type: object
              properties:
                name:
                  type: string
`;

describe("operationId", () => {
  it("is required; the error sits on the method and names the tool-use models", async () => {
    const result = await check(CLEAN.replace("      operationId: getItem\n", ""));
    expect(where(result, "openapi/operation-id-missing")).toEqual(["7:5 error"]);
    expect(first(result, "openapi/operation-id-missing").hint).toMatch(
      /Claude 3\.5 Sonnet.*operationId: getItems/,
    );
  });

  it("allows only letters, digits, _ and -", async () => {
    expect(where(await check(CLEAN), "openapi/operation-id-invalid")).toEqual([]);
    const result = await check(CLEAN.replace("operationId: getItem", "operationId: get item"));
    expect(where(result, "openapi/operation-id-invalid")).toEqual(["8:20 error"]);
    // A number is reported once, by this rule, not again as "must be string".
    const numeric = await check(CLEAN.replace("operationId: getItem", "operationId: 42"));
    expect(codes(numeric)).toEqual(["openapi/operation-id-invalid"]);
  });

  it("must be unique: the second use is reported and points to the first", async () => {
    const twice = CLEAN.replace(
      "    get:\n",
      '    delete:\n      operationId: getItem\n      description: Deletes one item.\n      responses:\n        "204":\n          description: Deleted\n    get:\n',
    );
    const result = await check(twice);
    // Document order decides which one is "first", whatever the HTTP methods.
    expect(where(result, "openapi/operation-id-duplicate")).toEqual(["14:20 error"]);
    expect(first(result, "openapi/operation-id-duplicate").message).toContain("DELETE /items/{id} (line 8)");
  });
});

describe("tool name length", () => {
  // GET__ + group + __ + getItem = 14 + group length
  it("accepts exactly 64 characters", async () => {
    const result = await check(CLEAN, "g".repeat(50));
    expect(where(result, "openapi/tool-name-too-long")).toEqual([]);
  });

  it("refuses 65 characters and names the computed length", async () => {
    const result = await check(CLEAN, "g".repeat(51));
    expect(where(result, "openapi/tool-name-too-long")).toEqual(["8:20 error"]);
    expect(first(result, "openapi/tool-name-too-long").message).toContain("is 65 characters");
    expect(first(result, "openapi/tool-name-too-long").message).toContain(
      `"GET__${"g".repeat(51)}__getItem"`,
    );
  });
});

describe("operation description", () => {
  it("is required, and summary does not stand in for it", async () => {
    const result = await check(
      CLEAN.replace("      description: Returns one item.\n", "      summary: One item\n"),
    );
    expect(where(result, "openapi/operation-description-missing")).toEqual(["7:5 error"]);
    const d = first(result, "openapi/operation-description-missing");
    expect(d.message).toContain("summary is not used");
    expect(d.hint).toContain("'description' is missing for path: /items/{id}");
  });

  it("must not be empty", async () => {
    const result = await check(CLEAN.replace("description: Returns one item.", 'description: ""'));
    expect(where(result, "openapi/operation-description-missing")).toEqual(["9:7 error"]);
  });
});

describe("requestBody", () => {
  it("is accepted on POST", async () => {
    const result = await check(post(JSON_BODY));
    expect(result.diagnostics).toEqual([]);
    expect(result.operations[0]?.requestBody).toEqual({
      required: false,
      content: { "application/json": { properties: [{ name: "name", type: "string", required: false }] } },
    });
  });

  it("is refused on GET and DELETE, at the requestBody key", async () => {
    const onGet = post(JSON_BODY).replace("    post:", "    get:");
    expect(where(await check(onGet), "openapi/request-body-not-allowed")).toEqual(["10:7 error"]);
    const onDelete = post(JSON_BODY).replace("    post:", "    delete:");
    const result = await check(onDelete);
    expect(where(result, "openapi/request-body-not-allowed")).toEqual(["10:7 error"]);
    expect(first(result, "openapi/request-body-not-allowed").message).toContain("on DELETE");
  });

  it("warns about media types other than application/json", async () => {
    const form = JSON_BODY.replace("application/json", "application/x-www-form-urlencoded");
    const result = await check(post(form));
    expect(where(result, "openapi/request-media-type")).toEqual(["12:11 warning"]);
  });
});

describe("x-requireConfirmation", () => {
  it("accepts ENABLED and reports it on the operation", async () => {
    const result = await check(post(JSON_BODY, "      x-requireConfirmation: ENABLED\n"));
    expect(result.diagnostics).toEqual([]);
    expect(result.operations[0]?.requireConfirmation).toBe(true);
  });

  it("refuses anything but ENABLED or DISABLED, at the value", async () => {
    const result = await check(post(JSON_BODY, "      x-requireConfirmation: true\n"));
    expect(where(result, "openapi/require-confirmation-invalid")).toEqual(["10:30 error"]);
  });
});

describe("parameter description", () => {
  it("is required on the parameter itself", async () => {
    const result = await check(CLEAN.replace("          description: Item id\n", ""));
    expect(where(result, "openapi/parameter-description-missing")).toEqual(["11:11 error"]);
    expect(first(result, "openapi/parameter-description-missing").message).toContain('"id"');
  });

  it("must not be empty", async () => {
    const result = await check(CLEAN.replace("description: Item id", "description: ' '"));
    expect(where(result, "openapi/parameter-description-missing")).toEqual(["14:11 error"]);
  });

  it("is all a parameter needs: a missing schema is only a warning (§4.2 lists it as optional)", async () => {
    const result = await check(CLEAN.replace("          schema:\n            type: string\n", ""));
    expect(where(result, "openapi/parameter-schema-missing")).toEqual(["11:11 warning"]);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.operations[0]?.parameters[0]?.type).toBe("string");
  });

  it("is reported inside components when the parameter is a $ref", async () => {
    const text = `${CLEAN.replace(
      "        - name: id\n          in: path\n          required: true\n          description: Item id\n          schema:\n            type: string\n",
      '        - $ref: "#/components/parameters/Id"\n',
    )}components:
  parameters:
    Id:
      name: id
      in: path
      required: true
      schema:
        type: string
`;
    const result = await check(
      text.replace(
        "    get:\n",
        '    put:\n      operationId: putItem\n      description: Replaces one item.\n      parameters:\n        - $ref: "#/components/parameters/Id"\n    get:\n',
      ),
    );
    // Shared by two operations, reported once, where the parameter is defined.
    expect(where(result, "openapi/parameter-description-missing")).toEqual(["30:7 error"]);
    expect(result.operations[0]?.parameters).toEqual([
      { name: "id", in: "path", type: "string", required: true },
    ]);
  });
});

describe("responses", () => {
  it("are optional for Bedrock: a warning on the method", async () => {
    const text = CLEAN.slice(0, CLEAN.indexOf("      responses:"));
    const result = await check(text);
    expect(where(result, "openapi/responses-missing")).toEqual(["7:5 warning"]);
    expect(codes(result)).not.toContain("openapi/structure");
  });
});
