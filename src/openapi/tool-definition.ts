/**
 * Recognises a tool definition written where an OpenAPI document belongs — the MCP /
 * tool-use shape `{name, description, inputSchema}` that tutorials present as "the
 * OpenAPI schema" of an action, Anthropic's `input_schema`, OpenAI's
 * `{type: function, function: {...}}`, Bedrock Converse's `{toolSpec: ...}`, lists of
 * them (`{tools: [...]}`, a bare array) and Bedrock's own `functionSchema` — and says how
 * to express it for an action group instead.
 */
import { isObject } from "./refs.js";

export interface RecognisedTools {
  /** What the document is, for the message: "an MCP-style tool definition (name, inputSchema)". */
  what: string;
  /** The key that gives it away, where the diagnostic points (absent for a bare array). */
  key?: string;
  tools: ToolSketch[];
}

interface ToolSketch {
  name?: string;
  description?: string;
  /** Where its parameters came from: a JSON Schema under this key, or a Bedrock parameter map. */
  inputKey: string;
  parameters: ParameterSketch[];
  hasOutputSchema: boolean;
}

interface ParameterSketch {
  name: string;
  type?: string;
  description?: string;
  required: boolean;
}

type Format = { what: string; describe(v: Record<string, unknown>): ToolSketch | undefined };

const FORMATS: Format[] = [
  {
    what: "an MCP-style tool definition (name, inputSchema)",
    describe: (v) => (isObject(v.inputSchema) ? fromJsonSchema(v, v.inputSchema, "inputSchema") : undefined),
  },
  {
    what: "an Anthropic tool definition (name, input_schema)",
    describe: (v) =>
      isObject(v.input_schema) ? fromJsonSchema(v, v.input_schema, "input_schema") : undefined,
  },
  {
    what: "a Bedrock Converse tool specification (toolSpec)",
    describe: (v) => {
      const spec = v.toolSpec;
      if (!isObject(spec)) return undefined;
      const input = isObject(spec.inputSchema) ? spec.inputSchema : {};
      return fromJsonSchema(spec, isObject(input.json) ? input.json : input, "inputSchema");
    },
  },
  {
    what: "an OpenAI-style function definition (type: function)",
    describe: (v) =>
      v.type === "function" && isObject(v.function) && isObject(v.function.parameters)
        ? fromJsonSchema(v.function, v.function.parameters, "parameters")
        : undefined,
  },
  {
    what: "a function definition (name, parameters)",
    describe: (v) => {
      if (typeof v.name !== "string" || !isObject(v.parameters)) return undefined;
      // JSON Schema parameters (OpenAI) or a Bedrock ParameterMap (name → {type, ...}).
      if (v.parameters.type === "object" || isObject(v.parameters.properties)) {
        return fromJsonSchema(v, v.parameters, "parameters");
      }
      return fromParameterMap(v, v.parameters);
    },
  },
];

/** Keys holding a list of tools, and what the message calls their items. */
const LISTS: [string, string][] = [
  ["tools", "tool definitions"],
  ["functions", "function definitions"],
];

/** undefined when `value` is not recognisably a tool definition (or is an OpenAPI/Swagger document). */
export function recogniseToolDefinition(value: unknown): RecognisedTools | undefined {
  if (Array.isArray(value)) {
    const tools = describeAll(value, false);
    return tools ? { what: "a list of tool definitions", tools } : undefined;
  }
  if (!isObject(value) || "openapi" in value || "swagger" in value || "paths" in value) return undefined;
  for (const format of FORMATS) {
    const tool = format.describe(value);
    if (tool) return { what: format.what, key: keyOf(value), tools: [tool] };
  }
  // Lists at the top, or where Converse (toolConfig) and Bedrock's API (functionSchema) put them.
  const containers: [unknown, string | undefined][] = [
    [value, undefined],
    [value.toolConfig, "toolConfig"],
    [value.functionSchema, "functionSchema"],
  ];
  for (const [holder, under] of containers) {
    if (!isObject(holder)) continue;
    for (const [key, noun] of LISTS) {
      const items = holder[key];
      // A Bedrock function needs nothing but a name; a tool needs its input schema.
      const tools = Array.isArray(items) ? describeAll(items, key === "functions") : undefined;
      if (tools) {
        return {
          what: `a list of ${noun} (${under ? `${key} under ${under}` : key})`,
          key: under ?? key,
          tools,
        };
      }
    }
  }
  return undefined;
}

function keyOf(value: Record<string, unknown>): string | undefined {
  return ["inputSchema", "input_schema", "toolSpec", "function", "parameters"].find((k) => k in value);
}

function describeAll(items: unknown[], nameSuffices: boolean): ToolSketch[] | undefined {
  if (items.length === 0) return undefined;
  const tools: ToolSketch[] = [];
  for (const item of items) {
    if (!isObject(item)) return undefined;
    const tool =
      FORMATS.map((f) => f.describe(item)).find((t) => t !== undefined) ??
      (nameSuffices && typeof item.name === "string" ? fromParameterMap(item, {}) : undefined);
    if (!tool) return undefined;
    tools.push(tool);
  }
  return tools;
}

function fromJsonSchema(
  tool: Record<string, unknown>,
  schema: Record<string, unknown>,
  inputKey: string,
): ToolSketch {
  const required = Array.isArray(schema.required) ? schema.required : [];
  const props = isObject(schema.properties) ? schema.properties : {};
  return {
    ...describeTool(tool),
    inputKey,
    parameters: Object.entries(props).map(([name, p]) => ({
      name,
      ...describeParameter(p),
      required: required.includes(name),
    })),
    hasOutputSchema: isObject(tool.outputSchema),
  };
}

function fromParameterMap(tool: Record<string, unknown>, map: Record<string, unknown>): ToolSketch {
  return {
    ...describeTool(tool),
    inputKey: "",
    parameters: Object.entries(map).map(([name, p]) => ({
      name,
      ...describeParameter(p),
      required: isObject(p) && p.required === true,
    })),
    hasOutputSchema: false,
  };
}

function describeTool(v: Record<string, unknown>): { name?: string; description?: string } {
  return {
    ...(typeof v.name === "string" ? { name: v.name } : {}),
    ...(typeof v.description === "string" ? { description: v.description } : {}),
  };
}

function describeParameter(p: unknown): { type?: string; description?: string } {
  if (!isObject(p)) return {};
  return {
    ...(typeof p.type === "string" ? { type: p.type } : {}),
    ...(typeof p.description === "string" ? { description: p.description } : {}),
  };
}

export function toolDefinitionMessage(r: RecognisedTools): string {
  const names = r.tools.map((t) => t.name).filter((n): n is string => n !== undefined);
  const shown = names.slice(0, 3).map((n) => `"${n}"`);
  const named =
    shown.length === 0
      ? ""
      : ` for ${shown.join(", ")}${names.length > 3 ? ` and ${names.length - 3} more` : ""}`;
  return `This is ${r.what}${named}, not an OpenAPI document; an action group's schema file must be an OpenAPI 3.0 document.`;
}

/** One line (hints are printed on one line): the manifest form, with this tool as the example. */
export function toolDefinitionHint(r: RecognisedTools): string {
  const tool = r.tools[0] as ToolSketch;
  const example = `functions: [${flowFunction(tool)}${r.tools.length > 1 ? ", …" : ""}]`;
  const notes: string[] = [];
  if (tool.inputKey !== "") {
    notes.push(
      `the properties of ${tool.inputKey} become parameters, each required if listed in its "required"`,
    );
  }
  if (r.tools.some((t) => t.hasOutputSchema)) {
    notes.push("outputSchema has no counterpart, the agent reads whatever text the action returns");
  }
  if (r.tools.some((t) => t.parameters.some((p) => p.type === "object"))) {
    notes.push("object-typed inputs are not accepted, pass them as a JSON string");
  }
  const mapping = notes.length > 0 ? ` Mapping: ${notes.join("; ")}.` : "";
  return `Define the tools in the agent manifest instead: replace the action group's schema: with inline functions, e.g. ${example}.${mapping} Or write an OpenAPI 3.0 document: openapi: "3.0.0", info, and one operation under paths per tool.`;
}

const MAX_EXAMPLE_PARAMETERS = 2;
const MAX_EXAMPLE_DESCRIPTION = 48;

function flowFunction(tool: ToolSketch): string {
  const fields = [`name: ${flowString(tool.name ?? "myTool")}`];
  if (tool.description) fields.push(`description: ${flowString(shorten(tool.description))}`);
  if (tool.parameters.length > 0) {
    const params = tool.parameters.slice(0, MAX_EXAMPLE_PARAMETERS).map((p) => {
      const type = p.type === undefined || p.type === "object" || p.type === "null" ? "string" : p.type;
      const detail = [`type: ${type}`];
      if (p.description) detail.push(`description: ${flowString(shorten(p.description))}`);
      if (p.required) detail.push("required: true");
      return `${flowString(p.name)}: {${detail.join(", ")}}`;
    });
    const more = tool.parameters.length > MAX_EXAMPLE_PARAMETERS ? ", …" : "";
    fields.push(`parameters: {${params.join(", ")}${more}}`);
  }
  return `{${fields.join(", ")}}`;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  if (oneLine.length <= MAX_EXAMPLE_DESCRIPTION) return oneLine;
  const cut = oneLine.slice(0, MAX_EXAMPLE_DESCRIPTION - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > MAX_EXAMPLE_DESCRIPTION / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/** A YAML flow scalar: bare when unambiguous, double-quoted (JSON string syntax is valid YAML) otherwise. */
function flowString(text: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}
