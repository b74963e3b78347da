import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixedEnv } from "../../src/env.js";
import { run } from "../../src/main.js";
import { repoRoot, runCli, spawnCli } from "../helpers/run-cli.js";

describe("agentctl command line", () => {
  it("--help lists the commands and exits 0 without loading the AWS SDK, YAML or OpenAPI libraries", () => {
    const record = path.join(mkdtempSync(path.join(os.tmpdir(), "agentctl-imports-")), "imports.json");
    const r = spawnCli(["--help"], {
      env: { RECORD_IMPORTS_FILE: record },
      nodeArgs: ["--import", path.join(repoRoot, "test/fixtures/record-imports.mjs")],
    });
    expect(r.code).toBe(0);
    for (const command of ["init", "validate", "schema", "local"]) expect(r.stdout).toContain(command);
    const imports = JSON.parse(readFileSync(record, "utf8")) as string[];
    expect(imports.some((u) => u.includes("/commander/"))).toBe(true);
    const heavy = imports.filter((u) =>
      /@aws-sdk|@smithy|node_modules\/yaml\/|swagger-parser|asl-validator|ajv/.test(u),
    );
    expect(heavy).toEqual([]);
  });

  it("--version prints the package version", async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it.each([[["no-such-command"]], [["validate", "--no-such-flag"]], [["--target", "mars", "validate"]]])(
    "usage errors exit 2 without a stack trace: %j",
    async (argv) => {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it.each([[[]], [["local"]]])("a missing command prints help and exits 2: %j", async (argv) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Usage:");
  });

  it("under --json a usage error is a JSON document on stdout", async () => {
    const r = await runCli(["--json", "no-such-command"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: { type: "UsageError", message: "unknown command 'no-such-command'", exitCode: 2 },
    });
    expect(r.stderr).toBe("");
  });

  it("a path that runs through a file is the user's input, not a bug: exit 2, no stack even with -v", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-fs-"));
    writeFileSync(path.join(dir, "afile"), "");
    const r = await runCli(["-v", "init", path.join(dir, "afile", "sub")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("ENOTDIR");
    expect(r.stderr).not.toMatch(/bug|\n\s+at /);
  });

  it("a directory without agentctl.yaml is invalid input (exit 2) with a hint", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-empty-"));
    const r = await runCli(["validate", "-C", dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("agentctl.yaml");
    expect(r.stdout).toContain("agentctl init");
    expect(r.stdout).not.toMatch(/\n\s+at /);
  });

  it("--json puts one JSON document on stdout, also on failure", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-json-"));
    writeFileSync(path.join(dir, "agentctl.yaml"), "name: demo\nnmae: typo\n");
    const r = await runCli(["validate", "--json", "-C", dir]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      diagnostics: { file: string; line: number; column: number; code: string }[];
    };
    expect(out.ok).toBe(false);
    expect(out.diagnostics).toContainEqual(
      expect.objectContaining({ file: "agentctl.yaml", line: 2, column: 1, code: "manifest/unknown-field" }),
    );
  });

  it("the sample project validates with no errors and no warnings", async () => {
    const r = await runCli(["validate", "--json"]);
    const out = JSON.parse(r.stdout) as { ok: boolean; agents: string[]; diagnostics: unknown[] };
    expect(out.diagnostics).toEqual([]);
    expect(r.code).toBe(0);
    expect(out.agents).toEqual(expect.arrayContaining(["order-validation", "shipping", "notification"]));
  });

  it.each([
    [{ tty: true, noColor: false, flag: [] as string[] }, true],
    [{ tty: true, noColor: true, flag: [] as string[] }, false],
    [{ tty: true, noColor: false, flag: ["--no-color"] }, false],
    [{ tty: false, noColor: false, flag: [] as string[] }, false],
  ])("colour only on a terminal, never with NO_COLOR or --no-color: %j", async (c, coloured) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-colour-"));
    let stdout = "";
    await run(["validate", "-C", dir, ...c.flag], {
      env: { ...fixedEnv({}, dir), stdoutIsTTY: c.tty, stderrIsTTY: c.tty, noColorRequested: c.noColor },
      stdout: {
        write: (t) => {
          stdout += t;
        },
      },
      stderr: { write: () => {} },
    });
    expect(stdout.includes("\u001b[")).toBe(coloured);
  });
});
