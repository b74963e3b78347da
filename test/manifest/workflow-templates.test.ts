/**
 * A workflow `template:` that exists but cannot serve as a template says what it is, instead of
 * "does not exist".
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultInterpolation } from "../../src/manifest/interpolate.js";
import { loadProject } from "../../src/manifest/load-project.js";
import { isReadableFile } from "../../src/manifest/workflow-checks.js";
import { tempProject, where } from "./temp-project.js";

const interp = defaultInterpolation({});

/** agentctl.yaml with one workflow whose template is `template`, written on line 4 at column 15. */
function projectWithTemplate(template: string, prepare: (dir: string) => void) {
  const dir = tempProject({
    "agentctl.yaml": `name: shop\nworkflows:\n  - name: flow\n    template: ${template}\n`,
    "agents/.keep": "",
  });
  prepare(dir);
  return loadProject(dir, interp);
}

function canMakeFifo(): boolean {
  try {
    execFileSync("mkfifo", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const isRoot = process.getuid?.() === 0;
if (isRoot) console.warn("Skipping the unreadable-template test: running as root, every file is readable.");

describe("workflow templates that exist but are not readable files", () => {
  it("names a directory as one, listing the files it holds", async () => {
    const { diagnostics } = await projectWithTemplate("templates", (dir) => {
      mkdirSync(path.join(dir, "templates"));
      writeFileSync(path.join(dir, "templates/order.asl.json"), "{}");
      writeFileSync(path.join(dir, "templates/notes.txt"), "");
    });
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 15, code: "manifest/template-not-a-file", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toBe("Workflow template templates is a directory, not a file.");
    expect(diagnostics[0]?.hint).toContain("it holds order.asl.json.");
  });

  it.skipIf(!canMakeFifo())("names a FIFO as one", async () => {
    const { diagnostics } = await projectWithTemplate("flow.pipe", (dir) => {
      execFileSync("mkfifo", [path.join(dir, "flow.pipe")]);
    });
    expect(diagnostics.map((d) => d.code)).toEqual(["manifest/template-not-a-file"]);
    expect(diagnostics[0]?.message).toBe(
      "Workflow template flow.pipe is a named pipe (FIFO), not a regular file.",
    );
  });

  it.skipIf(isRoot)("gives the OS error code for a file it cannot read", async () => {
    const { diagnostics } = await projectWithTemplate("flow.asl.json", (dir) => {
      writeFileSync(path.join(dir, "flow.asl.json"), "{}");
      chmodSync(path.join(dir, "flow.asl.json"), 0o000);
    });
    expect(diagnostics.map(where)).toEqual([
      { line: 4, column: 15, code: "manifest/template-unreadable", severity: "error" },
    ]);
    expect(diagnostics[0]?.message).toBe("Workflow template flow.asl.json cannot be read (EACCES).");
  });

  it("gives the OS error code when the path cannot be resolved", async () => {
    const { diagnostics } = await projectWithTemplate("loop.json", (dir) => {
      symlinkSync("loop.json", path.join(dir, "loop.json"));
    });
    expect(diagnostics.map((d) => d.message)).toEqual([
      "Workflow template loop.json cannot be read (ELOOP).",
    ]);
  });

  it("still says a missing file does not exist, also below a file", async () => {
    const { diagnostics } = await projectWithTemplate("order.asl.json/flow.json", (dir) => {
      writeFileSync(path.join(dir, "order.asl.json"), "{}");
    });
    expect(diagnostics.map((d) => d.code)).toEqual(["manifest/template-not-found"]);
  });

  it("tells a checker which template paths it can read", async () => {
    const dir = tempProject({ "templates/a.asl.json": "{}" });
    expect(await isReadableFile(path.join(dir, "templates/a.asl.json"))).toBe(true);
    expect(await isReadableFile(path.join(dir, "templates"))).toBe(false);
    expect(await isReadableFile(path.join(dir, "templates/missing.json"))).toBe(false);
  });

  it("reports a duplicate workflow name written on the same line with its column", async () => {
    const dir = tempProject({
      "agentctl.yaml":
        "name: shop\nworkflows: [{ name: a, template: t.json }, { name: a, template: t.json }]\n",
      "t.json": "{}",
      "agents/.keep": "",
    });
    const { diagnostics } = await loadProject(dir, interp);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Duplicate workflow name "a" (first defined at line 2, column 21).',
    ]);
  });
});
