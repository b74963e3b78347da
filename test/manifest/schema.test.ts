import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import schemaCommand from "../../src/commands/schema.js";
import type { Context } from "../../src/context.js";
import { fixedEnv } from "../../src/env.js";
import { UsageError } from "../../src/errors.js";
import { createRecordingIo } from "../../src/io/io.js";
import { plainStyle } from "../../src/io/style.js";
import { SCHEMA_KINDS, schemaUrl } from "../../src/manifest/schema-files.js";

const root = path.resolve(fileURLToPath(import.meta.url), "../../..");
const readSchema = (kind: string) =>
  JSON.parse(readFileSync(path.join(root, "schemas", `${kind}.schema.json`), "utf8")) as Record<
    string,
    unknown
  >;

function context(json: boolean) {
  const io = createRecordingIo({ json, style: plainStyle });
  const ctx: Context = {
    env: fixedEnv(),
    io,
    options: { json, color: false, verbose: false, yes: false },
    projectDir: root,
  };
  return { ctx, io };
}

type Node = Record<string, unknown>;

/** Every object schema reachable from `node`, with its JSON pointer. */
function objectSchemas(node: unknown, pointer = "#"): [Node, string][] {
  if (typeof node !== "object" || node === null) return [];
  const out: [Node, string][] = [];
  const n = node as Node;
  if (n.type === "object") out.push([n, pointer]);
  for (const [key, child] of Object.entries(n)) {
    if (Array.isArray(child)) {
      for (const [i, c] of child.entries()) out.push(...objectSchemas(c, `${pointer}/${key}/${i}`));
    } else if (typeof child === "object" && key !== "enum") {
      out.push(...objectSchemas(child, `${pointer}/${key}`));
    }
  }
  return out;
}

describe.each(SCHEMA_KINDS)("schemas/%s.schema.json", (kind) => {
  const schema = readSchema(kind);

  it("is a draft-07 schema with an $id", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.$id).toBe(`https://agentctl.dev/schemas/${kind}.schema.json`);
  });

  it("closes every object and describes every property, for editors", () => {
    const objects = objectSchemas(schema);
    expect(objects.length).toBeGreaterThan(1);
    for (const [object, pointer] of objects) {
      // Maps (tags, parameters) constrain their values with a schema instead of closing.
      expect(object.additionalProperties, pointer).not.toBe(undefined);
      expect(object.additionalProperties, pointer).not.toBe(true);
      for (const [name, property] of Object.entries((object.properties ?? {}) as Record<string, Node>)) {
        expect(typeof property.description, `${pointer}/properties/${name}`).toBe("string");
      }
    }
  });

  it("is what schemaUrl points at (the package root, from src/ and dist/ alike)", () => {
    expect(fileURLToPath(schemaUrl(kind))).toBe(path.join(root, "schemas", `${kind}.schema.json`));
  });
});

describe("agentctl schema", () => {
  it("prints the agent schema by default, and the project schema on request", async () => {
    const { ctx, io } = context(false);
    await schemaCommand(ctx, []);
    await schemaCommand(ctx, ["project"]);
    expect(io.stdout.map((text) => JSON.parse(text))).toEqual([readSchema("agent"), readSchema("project")]);
    expect(io.stdout[0]).toContain('\n  "title": "agentctl agent manifest"');
  });

  it("prints the same schema under --json", async () => {
    const { ctx, io } = context(true);
    await schemaCommand(ctx, ["agent"]);
    expect(JSON.parse(io.stdout.join(""))).toEqual(readSchema("agent"));
  });

  it("rejects an unknown kind with a usage error", async () => {
    const { ctx, io } = context(false);
    await expect(schemaCommand(ctx, ["workflow"])).rejects.toBeInstanceOf(UsageError);
    expect(io.stdout).toEqual([]);
  });
});
