/** One mistake in a manifest must not hide the agent's other problems, nor invent new ones. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { repoRoot, runCli } from "../helpers/run-cli.js";

it("a typo in a manifest still lets its OpenAPI file and the workflow be checked, without a false unknown agent", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-partial-"));
  for (const entry of ["agentctl.yaml", "agents", "openapi", "templates"]) {
    cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  const manifest = path.join(dir, "agents/order-validation.yaml");
  writeFileSync(manifest, readFileSync(manifest, "utf8").replace(/^description:/m, "descripton:"));
  const schema = path.join(dir, "openapi/product-catalog.yaml");
  writeFileSync(schema, readFileSync(schema, "utf8").replace(/operationId: \w+/, "operationId: get Product"));

  const r = await runCli(["validate", "--json", "-C", dir]);
  const out = JSON.parse(r.stdout) as { agents: string[]; diagnostics: { file: string; code: string }[] };
  expect(r.code).toBe(2);
  expect(out.agents).toContain("order-validation");
  expect(out.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([
    "agents/order-validation.yaml manifest/unknown-field",
    "openapi/product-catalog.yaml openapi/operation-id-invalid",
  ]);
});
