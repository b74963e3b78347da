/**
 * `agentctl local serve` as a user runs it: the built CLI in its own process,
 * stopped by a real signal. Needs `npm run build` (skipped with a notice otherwise).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fetchHealth } from "../../src/core/local/health.js";
import { serverRecordPath } from "../../src/core/local/paths.js";
import { tempDir } from "./helpers.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const built = existsSync(path.join(repoRoot, "dist/commands/local-serve.js"));
if (!built) console.warn("skipping local serve CLI tests: dist/ is not built (run npm run build)");

function agentctl(
  args: string[],
  cwd: string,
): { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(repoRoot, "bin/agentctl.js"), ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd, AWS_EC2_METADATA_DISABLED: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function until<T>(probe: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function parsed(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

describe.skipIf(!built)("agentctl local serve (built CLI)", () => {
  it("prints the endpoint and exports, serves until SIGINT, then exits 0 and removes server.json", async () => {
    await using project = await tempDir();
    const run = agentctl(["--json", "local", "serve"], project.dir);
    try {
      const info = await until(() => parsed(run.stdout()), "the JSON result");
      const endpoint = info.endpoint as string;
      expect(info.exports).toMatchObject({
        AWS_ENDPOINT_URL_BEDROCK_AGENT: endpoint,
        AWS_DEFAULT_REGION: "us-east-1",
      });
      expect(await fetchHealth(endpoint)).toMatchObject({ pid: run.child.pid });
      expect(existsSync(serverRecordPath(project.dir))).toBe(true);
      run.child.kill("SIGINT");
      expect(await run.exit).toBe(0);
      expect(existsSync(serverRecordPath(project.dir))).toBe(false);
      expect(await fetchHealth(endpoint, 300)).toBeUndefined();
    } finally {
      run.child.kill("SIGKILL");
    }
  });

  it("reports a taken port with exit code 2 and no stack trace", async () => {
    await using project = await tempDir();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const run = agentctl(["local", "serve", "--port", String(port)], project.dir);
      expect(await run.exit).toBe(2);
      expect(run.stderr()).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
      expect(run.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
