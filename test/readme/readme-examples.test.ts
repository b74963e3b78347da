/**
 * The README's manifest example must stay true: it is dropped into a copy of the
 * sample project and validated like any user's file.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../helpers/run-cli.js";

function readmeBlockAfter(heading: string): string {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const start = readme.indexOf(heading);
  expect(start, `README has a "${heading}" section`).toBeGreaterThan(-1);
  const match = /```yaml\n([\s\S]*?)```/.exec(readme.slice(start));
  expect(match, `a yaml block follows "${heading}"`).not.toBeNull();
  return match?.[1] ?? "";
}

describe("README examples", () => {
  it("the agent manifest example validates without errors in the sample project", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-readme-"));
    for (const entry of ["agentctl.yaml", "agents", "openapi", "templates"]) {
      cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
    }
    writeFileSync(
      path.join(dir, "agents", "order-validation.yaml"),
      readmeBlockAfter("### `agents/<name>.yaml`"),
    );
    const r = await runCli(["validate", "--json", "-C", dir]);
    const out = JSON.parse(r.stdout) as { errors: number; diagnostics: unknown[] };
    expect(out.diagnostics.filter((d) => (d as { severity: string }).severity === "error")).toEqual([]);
    expect(r.code).toBe(0);
  });
});
