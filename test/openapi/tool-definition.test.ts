/**
 * Tool definitions ({name, description, inputSchema}, …) handed over where an OpenAPI
 * document belongs are named for what they are, with the manifest form to use instead.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { START } from "../../src/diagnostics.js";
import type { AgentManifest, FunctionManifest, Located } from "../../src/manifest/types.js";
import { validateFunctionSchema } from "../../src/openapi/index.js";
import { check, codes, first, where } from "./helpers.js";

const MCP_TOOL = `{
  "name": "lookup_order",
  "description": "Look up an order by its number and return its status and items.",
  "inputSchema": {
    "type": "object",
    "properties": {
      "orderNumber": {"type": "string", "description": "Order number, e.g. ORD-1001"},
      "includeItems": {"type": "boolean", "description": "Also list the order's items"},
      "filters": {"type": "object", "description": "Extra filters"}
    },
    "required": ["orderNumber"]
  },
  "outputSchema": {"type": "object", "properties": {"status": {"type": "string", "enum": ["open", "shipped"]}}}
}`;

describe("a tool definition used as the OpenAPI schema", () => {
  it("is named for what it is, at its inputSchema key, instead of 'no openapi version' (and nothing else)", async () => {
    const result = await check(MCP_TOOL, "Orders", "/virtual/orders.json");
    expect(codes(result)).toEqual(["openapi/tool-definition"]);
    expect(where(result, "openapi/tool-definition")).toEqual(["4:3 error"]);
    const d = first(result, "openapi/tool-definition");
    expect(d.message).toBe(
      'This is an MCP-style tool definition (name, inputSchema) for "lookup_order", not an OpenAPI document; an action group\'s schema file must be an OpenAPI 3.0 document.',
    );
    expect(result.operations).toEqual([]);
  });

  it("hints at inline functions with this tool mapped, and at writing OpenAPI 3.0", async () => {
    const hint = first(await check(MCP_TOOL), "openapi/tool-definition").hint ?? "";
    expect(hint).toContain("inline functions");
    expect(hint).toContain(
      'functions: [{name: lookup_order, description: "Look up an order by its number and return its…", parameters: {orderNumber: {type: string, description: "Order number, e.g. ORD-1001", required: true}, includeItems: {type: boolean, description: "Also list the order\'s items"}, …}}]',
    );
    expect(hint).toContain(
      'the properties of inputSchema become parameters, each required if listed in its "required"',
    );
    expect(hint).toContain("outputSchema has no counterpart");
    expect(hint).toContain("object-typed inputs are not accepted");
    expect(hint).toContain('openapi: "3.0.0"');
    expect(hint).not.toContain("\n");
  });

  it("recognises a {tools: [...]} list and names its tools", async () => {
    const text = `tools:
  - name: get_weather
    description: Current weather
    input_schema: {type: object, properties: {city: {type: string}}}
  - name: get_forecast
    input_schema: {type: object, properties: {}}
`;
    const result = await check(text);
    expect(where(result, "openapi/tool-definition")).toEqual(["1:1 error"]);
    expect(first(result, "openapi/tool-definition").message).toContain(
      'a list of tool definitions (tools) for "get_weather", "get_forecast"',
    );
    expect(first(result, "openapi/tool-definition").hint).toContain(
      'functions: [{name: get_weather, description: "Current weather", parameters: {city: {type: string}}}, …]',
    );
  });

  it("recognises a Bedrock Converse toolSpec, its inputSchema under json", async () => {
    const text = JSON.stringify({
      toolSpec: {
        name: "top_song",
        description: "Most popular song on a station",
        inputSchema: {
          json: { type: "object", properties: { sign: { type: "string" } }, required: ["sign"] },
        },
      },
    });
    const d = first(await check(text), "openapi/tool-definition");
    expect(d.message).toContain("Bedrock Converse tool specification (toolSpec)");
    expect(d.hint).toContain("parameters: {sign: {type: string, required: true}}");
  });

  it("suggests a functions: example that is valid YAML and a valid function schema", async () => {
    const text = JSON.stringify({
      toolSpec: {
        name: "top_song",
        description: "Most popular song on a radio station: call it when asked what plays most",
        inputSchema: {
          json: { type: "object", properties: { sign: { type: "string" } }, required: ["sign"] },
        },
      },
    });
    const hint = first(await check(text), "openapi/tool-definition").hint ?? "";
    const example = /e\.g\. (functions: \[.*\])\. /.exec(hint)?.[1];
    if (!example) throw new Error(`no functions: example in ${hint}`);
    const functions = (parse(example) as { functions: FunctionManifest[] }).functions;
    expect(functions).toEqual([
      {
        name: "top_song",
        description: "Most popular song on a radio station: call it…",
        parameters: { sign: { type: "string", required: true } },
      },
    ]);
    const located: Located<AgentManifest> = {
      file: "agents/a.yaml",
      value: { name: "a", model: "m", instruction: "i", actionGroups: [] },
      locate: () => START,
      locateKey: () => START,
    };
    const problems = validateFunctionSchema(functions, located, ["actionGroups", 0, "functions"], "Radio");
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("recognises OpenAI-style and bare-array forms, and Bedrock's own functionSchema", async () => {
    const openAi = JSON.stringify({
      type: "function",
      function: { name: "f", parameters: { type: "object", properties: { a: { type: "integer" } } } },
    });
    expect(first(await check(openAi), "openapi/tool-definition").message).toContain("OpenAI-style");
    const bare = await check(`- name: f\n  inputSchema: {type: object}\n`);
    expect(codes(bare)).toEqual(["openapi/tool-definition"]);
    expect(first(bare, "openapi/tool-definition").message).toContain('a list of tool definitions for "f"');
    const bareFunctions = await check(`functions:\n  - name: ping\n    description: Checks the service\n`);
    expect(first(bareFunctions, "openapi/tool-definition").message).toContain(
      'a list of function definitions (functions) for "ping"',
    );
    const functionSchema = await check(
      `functionSchema:\n  functions:\n    - name: notify\n      parameters:\n        to: {type: string, required: true}\n`,
    );
    expect(first(functionSchema, "openapi/tool-definition").hint).toContain(
      "functions: [{name: notify, parameters: {to: {type: string, required: true}}}]",
    );
  });

  it("leaves documents that are not tools to the OpenAPI rules", async () => {
    expect(codes(await check(`info: {title: t, version: "1"}\npaths: {}\n`))).toContain(
      "openapi/version-missing",
    );
    expect(codes(await check(`name: x\ndescription: y\n`))).toEqual(["openapi/version-missing"]);
    expect(codes(await check("- openapi: 3.0.0\n"))).toEqual(["openapi/not-an-object"]);
  });
});

const seeds = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/seeds");
const seed = existsSync(seeds) ? readdirSync(seeds).find((f) => f.startsWith("004_")) : undefined;
if (!seed) console.warn(`Skipping the seed-article tool-definition test: no 004_* article in ${seeds}.`);

/** The first balanced `{...}` starting at `"name"`: the article's tool definition. */
function toolJsonIn(article: string): string {
  const start = article.lastIndexOf("{", article.indexOf('"name"'));
  let depth = 0;
  for (let i = start; i < article.length; i++) {
    if (article[i] === "{") depth++;
    if (article[i] === "}" && --depth === 0) return article.slice(start, i + 1);
  }
  throw new Error("no balanced JSON object in the article");
}

describe.skipIf(!seed)("the tool definition of the seed article", () => {
  it("is recognised and mapped to functions, with no OpenAPI rule run over it", async () => {
    const text = toolJsonIn(readFileSync(path.join(seeds, seed as string), "utf8"));
    const result = await check(text, "CustomerTools", "/virtual/customer-tools.json");
    expect(codes(result)).toEqual(["openapi/tool-definition"]);
    const d = first(result, "openapi/tool-definition");
    expect(d.message).toContain('"get_customer_info"');
    expect(d.hint).toContain("{name: get_customer_info,");
    expect(d.hint).toContain("customerId: {type: string,");
    expect(d.hint).toContain("required: true}");
  });
});
