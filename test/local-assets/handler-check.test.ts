import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHandlerFile, exportsHandler } from "../../src/local-assets/index.js";

const handlers = fileURLToPath(new URL("../../agents/handlers", import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "agentctl-handlers-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function handler(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

const brief = async (file: string) =>
  (await checkHandlerFile(file)).map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);

describe("checkHandlerFile", () => {
  it("accepts the sample project's handlers", async () => {
    for (const name of ["product-catalog.ts", "shipping-provider.ts", "notify.ts"]) {
      expect(await checkHandlerFile(path.join(handlers, name))).toEqual([]);
    }
  });

  it("rejects an empty file, and one with only comments", async () => {
    expect(await brief(await handler("empty.ts", ""))).toEqual(["1:1 error handler/empty"]);
    expect(await brief(await handler("comments.mjs", "// TODO\n/* later */\n"))).toEqual([
      "1:1 error handler/empty",
    ]);
  });

  it("rejects a directory and a missing file", async () => {
    const folder = path.join(dir, "folder.ts");
    await mkdir(folder);
    expect(await brief(folder)).toEqual(["1:1 error handler/not-a-file"]);
    expect(await brief(path.join(dir, "missing.ts"))).toEqual(["1:1 error handler/not-found"]);
  });

  it("rejects a file that is not TypeScript or JavaScript", async () => {
    const diagnostics = await checkHandlerFile(
      await handler("handler.py", "def handler(event, context): pass\n"),
    );
    expect(diagnostics.map((d) => d.code)).toEqual(["handler/extension"]);
    expect(diagnostics[0]?.hint).toContain(".ts, .mts, .js or .mjs");
  });

  it("reports a missing handler export with the expected signature", async () => {
    const diagnostics = await checkHandlerFile(await handler("none.ts", "export async function main() {}\n"));
    expect(diagnostics.map((d) => d.code)).toEqual(["handler/no-export"]);
    expect(diagnostics[0]?.hint).toContain("export async function handler(event)");
    expect(diagnostics[0]?.hint).toContain('messageVersion: "1.0"');
  });

  it("says why when the function exists but is not exported, or is a default export", async () => {
    const local = await checkHandlerFile(
      await handler("local.js", "async function handler(e) { return e; }\n"),
    );
    expect(local[0]?.hint).toMatch(/defined but not exported/);
    const byDefault = await checkHandlerFile(
      await handler("default.mjs", "export default async (e) => e;\n"),
    );
    expect(byDefault[0]?.hint).toMatch(/default export is not found/);
  });

  it("is not fooled by a commented-out export", async () => {
    const text = "// export async function handler(e) {}\nexport const other = 1;\n";
    expect(await brief(await handler("commented.ts", text))).toEqual(["1:1 error handler/no-export"]);
  });

  it("reports a syntax error at its line and column", async () => {
    const text = [
      'import type { ApiEvent } from "./bedrock-action-group.js";',
      "export async function handler(event: ApiEvent) {",
      "  const total = 1 +;",
      "  return total;",
      "}",
      "",
    ].join("\n");
    const diagnostics = await checkHandlerFile(await handler("broken.ts", text));
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["3:20 handler/syntax"]);
    expect(diagnostics[0]?.message).toMatch(/^Syntax error: /);
  });

  it("reports an unterminated block at the end of a JavaScript file", async () => {
    const text = "exports.handler = async (event) => {\n  return event;\n";
    const diagnostics = await checkHandlerFile(await handler("open.js", text));
    expect(diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(["2 handler/syntax"]);
  });

  it("accepts TypeScript-only syntax and CommonJS that Node accepts", async () => {
    const enumFile = "enum Level { Low, High }\nexport const handler = async () => Level.High;\n";
    expect(await checkHandlerFile(await handler("enum.ts", enumFile))).toEqual([]);
    // A top-level return is legal in a CommonJS module (not in an ES module).
    const early = "if (process.env.SKIP) return;\nexports.handler = async () => 1;\n";
    expect(await checkHandlerFile(await handler("early.js", early))).toEqual([]);
  });
});

describe("exportsHandler (textual, tolerant)", () => {
  it.each([
    ["export async function handler(event) {}", true],
    ["export function handler(event) {}", true],
    ["export const handler = async (event) => event;", true],
    ["const h = 1;\nexport { h as handler };", true],
    ["export { handler } from './impl.js';", true],
    ["exports.handler = async () => 1;", true],
    ["module.exports.handler = async () => 1;", true],
    ["module.exports = { handler };", true],
    ["export { handler as main };", false],
    ["export type { handler } from './types.js';", false],
    ["export default function handler() {}", false],
    ["export * from './impl.js';", undefined],
  ])("%s → %s", (code, expected) => {
    expect(exportsHandler(code)).toBe(expected);
  });
});
