import { describe, expect, it } from "vitest";
import type { AgentManifest, FunctionManifest, Located } from "../../src/manifest/types.js";
import { checkApisPerAgent, countActionGroupApis, validateFunctionSchema } from "../../src/openapi/index.js";
import { parseDocumentText } from "../../src/source/parse-document.js";
import { where } from "./helpers.js";

function locatedManifest(text: string): Located<AgentManifest> {
  const parsed = parseDocumentText(text, "/virtual/agents/shop.yaml", "manifest");
  if (parsed.diagnostics.length > 0) throw new Error(JSON.stringify(parsed.diagnostics));
  return {
    file: parsed.file,
    value: parsed.value as AgentManifest,
    locate: parsed.locate,
    locateKey: parsed.locateKey,
  };
}

/** Functions start at line 8 (`- name:` of the first one). */
function manifest(functions: string, group = "Orders"): string {
  return `name: shop
model: m
instruction: i
actionGroups:
  - name: ${group}
    executor: returnControl
    functions:
${functions}`;
}

const GET_ORDER = `      - name: getOrder
        description: Returns an order.
        parameters:
          orderId:
            type: string
            description: Order id
            required: true
`;

function validate(text: string) {
  const located = locatedManifest(text);
  const group = located.value.actionGroups?.[0];
  return validateFunctionSchema(
    group?.functions ?? [],
    located,
    ["actionGroups", 0, "functions"],
    group?.name ?? "",
  );
}

function many(count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `      - name: fn${i}\n        description: Function ${i}.\n`,
  ).join("");
}

describe("validateFunctionSchema", () => {
  it("accepts a clean function", () => {
    expect(validate(manifest(GET_ORDER))).toEqual([]);
  });

  it("requires P_NAME function names, at the name", () => {
    expect(
      where(validate(manifest(GET_ORDER.replace("getOrder", "get order"))), "function/name-invalid"),
    ).toEqual(["8:15 error"]);
    expect(
      where(validate(manifest(GET_ORDER.replace("getOrder", "get__order"))), "function/name-invalid"),
    ).toEqual(["8:15 error"]);
  });

  it("requires unique function names", () => {
    const diagnostics = validate(manifest(GET_ORDER + GET_ORDER));
    expect(where(diagnostics, "function/name-duplicate")).toEqual(["15:15 error"]);
    expect(diagnostics.find((d) => d.code === "function/name-duplicate")?.message).toContain("line 8");
  });

  it("keeps the tool name group__function within 64 characters", () => {
    // "Orders" + "__" + name: 8 + name length
    const fits = GET_ORDER.replace("getOrder", "a".repeat(56));
    expect(where(validate(manifest(fits)), "function/tool-name-too-long")).toEqual([]);
    const tooLong = validate(manifest(GET_ORDER.replace("getOrder", "a".repeat(57))));
    expect(where(tooLong, "function/tool-name-too-long")).toEqual(["8:15 error"]);
    expect(tooLong[0]?.message).toContain("is 65 characters");
  });

  it("warns about a missing function description and refuses empty or overlong ones", () => {
    const none = validate(manifest(GET_ORDER.replace("        description: Returns an order.\n", "")));
    expect(where(none, "function/description-missing")).toEqual(["8:9 warning"]);
    const empty = validate(manifest(GET_ORDER.replace("description: Returns an order.", 'description: ""')));
    expect(where(empty, "function/description-length")).toEqual(["9:22 error"]);
    const exact = validate(manifest(GET_ORDER.replace("Returns an order.", "d".repeat(1200))));
    expect(where(exact, "function/description-length")).toEqual([]);
    const long = validate(manifest(GET_ORDER.replace("Returns an order.", "d".repeat(1201))));
    expect(where(long, "function/description-length")).toEqual(["9:22 error"]);
    expect(long[0]?.message).toContain("1201 characters; the limit is 1200");
  });

  it("requires P_NAME parameter names, at the key", () => {
    const diagnostics = validate(manifest(GET_ORDER.replace("orderId:", "order.id:")));
    expect(where(diagnostics, "function/parameter-name-invalid")).toEqual(["11:11 error"]);
  });

  it("accepts only Bedrock's parameter types", () => {
    for (const type of ["string", "number", "integer", "boolean", "array"]) {
      expect(validate(manifest(GET_ORDER.replace("type: string", `type: ${type}`)))).toEqual([]);
    }
    const diagnostics = validate(manifest(GET_ORDER.replace("type: string", "type: object")));
    expect(where(diagnostics, "function/parameter-type-invalid")).toEqual(["12:19 error"]);
    expect(diagnostics[0]?.hint).toContain("JSON string");
  });

  it("warns about a missing parameter description and refuses one over 500 characters", () => {
    const none = validate(manifest(GET_ORDER.replace("            description: Order id\n", "")));
    expect(where(none, "function/parameter-description-missing")).toEqual(["12:13 warning"]);
    const long = validate(manifest(GET_ORDER.replace("Order id", "p".repeat(501))));
    expect(where(long, "function/parameter-description-length")).toEqual(["13:26 error"]);
    expect(
      where(
        validate(manifest(GET_ORDER.replace("Order id", "p".repeat(500)))),
        "function/parameter-description-length",
      ),
    ).toEqual([]);
  });

  it("allows 11 functions per group and refuses 12, at the functions key", () => {
    expect(validate(manifest(many(11)))).toEqual([]);
    expect(where(validate(manifest(many(12))), "function/too-many")).toEqual(["7:5 error"]);
  });

  it("warns about an empty function list", () => {
    const located = locatedManifest(manifest("      []\n").replace("functions:\n      []", "functions: []"));
    const diagnostics = validateFunctionSchema([], located, ["actionGroups", 0, "functions"], "Orders");
    expect(where(diagnostics, "function/none")).toEqual(["7:5 warning"]);
  });
});

describe("APIs per agent", () => {
  const agent = `name: shop
model: m
instruction: i
actionGroups:
  - name: A
    executor: returnControl
  - name: B
    executor: returnControl
`;

  it("counts operations of OpenAPI groups and functions of function groups", () => {
    const functions = [{ name: "a" }, { name: "b" }] as FunctionManifest[];
    expect(countActionGroupApis({ functions })).toBe(2);
    const openApi = {
      diagnostics: [],
      operations: [{ method: "GET", path: "/x", requireConfirmation: false, parameters: [] }],
    };
    expect(countActionGroupApis({}, openApi)).toBe(1);
    expect(countActionGroupApis({})).toBe(0);
  });

  it("allows 11 across the agent and refuses 12 with a breakdown", () => {
    const located = locatedManifest(agent);
    expect(checkApisPerAgent(located, [5, 6])).toEqual([]);
    const diagnostics = checkApisPerAgent(located, [6, 6]);
    expect(where(diagnostics, "agent/too-many-apis")).toEqual(["4:1 warning"]);
    expect(diagnostics[0]?.message).toContain("12 APIs across its action groups (A: 6, B: 6)");
    expect(checkApisPerAgent(located, [6, 6], 20)).toEqual([]);
  });
});
