/** validate looks inside the files the emulator runs, not only at whether they exist. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { repoRoot, runCli } from "../helpers/run-cli.js";

function sampleCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-assets-"));
  for (const entry of ["agentctl.yaml", "agents", "openapi", "templates"]) {
    cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

async function codes(dir: string): Promise<{ code: number; found: string[] }> {
  const r = await runCli(["validate", "--json", "-C", dir]);
  const out = JSON.parse(r.stdout) as { diagnostics: { file: string; code: string }[] };
  return { code: r.code, found: out.diagnostics.map((d) => `${d.file} ${d.code}`) };
}

it("a handler that exports no handler function is an error at the handler file", async () => {
  const dir = sampleCopy();
  writeFileSync(path.join(dir, "agents/handlers/notify.ts"), "export const nothing = 1;\n");
  expect(await codes(dir)).toEqual({ code: 2, found: ["agents/handlers/notify.ts handler/no-export"] });
});

it("a model script that calls an operation its action group does not have is an error", async () => {
  const dir = sampleCopy();
  const script = path.join(dir, "agents/scripts/order-validation.yaml");
  const text = readFileSync(script, "utf8");
  const operation = /operation: (\S+)/.exec(text)?.[1] ?? "";
  expect(operation).not.toBe("");
  writeFileSync(script, text.replace(`operation: ${operation}`, "operation: noSuchOperation"));
  expect(await codes(dir)).toEqual({
    code: 2,
    found: ["agents/scripts/order-validation.yaml script/unknown-operation"],
  });
});
