/** `agentctl validate` also checks each workflow as deploy will compile it. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../helpers/run-cli.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The sample project with its workflow template edited by `edit`. */
function sampleWith(edit: (template: string) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-compiled-"));
  dirs.push(dir);
  for (const entry of ["agentctl.yaml", "agents", "openapi", "templates"])
    cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  const file = path.join(dir, "templates/order-workflow.asl.yaml");
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
  return dir;
}

type Out = {
  diagnostics: {
    file: string;
    line: number;
    column: number;
    severity: string;
    code: string;
    message: string;
  }[];
};

describe("validate compiles workflow templates", () => {
  it("the sample compiles to a definition with no problems", async () => {
    const r = await runCli(["validate", "--json"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Out).diagnostics).toEqual([]);
  });

  it("warns where an agent task's Retry names the SDK's exception instead of the adapter's error", async () => {
    const dir = sampleWith((t) => t.replace("- Agent.Throttling", "- ThrottlingException"));
    const r = await runCli(["validate", "--json", "-C", dir]);
    expect(r.code).toBe(0);
    const [d, ...rest] = (JSON.parse(r.stdout) as Out).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      file: "templates/order-workflow.asl.yaml",
      line: 36,
      column: 13,
      severity: "warning",
      code: "asl/agent-error-name",
    });
    expect(d?.message).toContain('the adapter reports it as "Agent.Throttling"');
  });

  it("reports what the compiler cannot compile at the template's own field", async () => {
    const dir = sampleWith((t) =>
      t.replace(
        "    ResultPath: $.validation\n",
        "    ResultPath: $.validation\n    Assign:\n      answer.$: $.completion\n",
      ),
    );
    const r = await runCli(["validate", "--json", "-C", dir]);
    expect(r.code).toBe(2);
    const diagnostics = (JSON.parse(r.stdout) as Out).diagnostics;
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      "34:5 error asl/compile",
    ]);
    expect(diagnostics[0]?.message).toContain("Assign that reads the result");
  });
});
