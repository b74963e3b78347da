/**
 * `invoke` and `chat` through the CLI where no agent runtime is needed: bad input is reported
 * with its exit code before anything is sent, and an agent that is not deployed on the local
 * emulator is a NotConfigured error naming it.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../helpers/run-cli.js";

const project = mkdtempSync(path.join(tmpdir(), "agentctl-invoke-"));
for (const part of ["agentctl.yaml", "agents", "openapi"])
  cpSync(path.join(repoRoot, part), path.join(project, part), { recursive: true });
afterAll(() => rmSync(project, { recursive: true, force: true }));

const cli = (args: string[], stdin?: string) =>
  runCli(["-C", project, ...args], { ...(stdin !== undefined ? { stdin } : {}) });

describe("agentctl invoke / chat without a runtime", () => {
  it("names the project's agents when the one asked for does not exist", async () => {
    const r = await cli(["invoke", "nope", "hello"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/There is no agent "nope" in this project/);
    expect(r.stderr).toMatch(/notification, order-validation, shipping/);
  });

  it("rejects bad flags before calling anything", async () => {
    expect((await cli(["invoke", "order-validation", "x", "--alias", "live", "--draft"])).stderr).toMatch(
      /either --alias NAME or --draft/,
    );
    const badTrace = await cli(["invoke", "order-validation", "x", "--trace", "loud"]);
    expect(badTrace.code).toBe(2);
    expect(badTrace.stderr).toMatch(/--trace takes one of outline, steps, full/);
    const badAttr = await cli(["invoke", "order-validation", "x", "--session-attr", "novalue"]);
    expect(badAttr.code).toBe(2);
    expect(badAttr.stderr).toMatch(/--session-attr takes KEY=VALUE/);
    const empty = await cli(["invoke", "order-validation", "-"], "  \n");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no text to send/);
  });

  it("an agent not deployed on the target is a NotConfigured error (exit 3), also as JSON", async () => {
    const r = await cli(["invoke", "order-validation", "Check PROD123"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Agent "order-validation" is not deployed on this target/);
    expect(r.stderr).toMatch(/agentctl deploy/);
    const json = await cli(["--json", "invoke", "order-validation", "Check PROD123"]);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).error).toMatchObject({ type: "NotConfiguredError", exitCode: 3 });
    const chat = await cli(["chat", "order-validation"], "hello\n");
    expect(chat.code).toBe(3);
  });
});
