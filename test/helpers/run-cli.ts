import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { fixedEnv } from "../../src/env.js";
import { run } from "../../src/main.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with a fixed environment (no TTY, no colour). */
export async function runCli(
  argv: string[],
  opts: { cwd?: string; vars?: Record<string, string>; stdin?: string | Uint8Array } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    env: fixedEnv(opts.vars ?? {}, opts.cwd ?? repoRoot),
    ...(opts.stdin !== undefined ? { stdin: Readable.from([Buffer.from(opts.stdin)]) } : {}),
    stdout: {
      write: (t) => {
        stdout += t;
      },
    },
    stderr: {
      write: (t) => {
        stderr += t;
      },
    },
  });
  return { code, stdout, stderr };
}

/** Runs the built CLI (dist/) as a separate process, as a user would. */
export function spawnCli(
  argv: string[],
  opts: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {},
): CliResult {
  const r = spawnSync(
    process.execPath,
    [...(opts.nodeArgs ?? []), path.join(repoRoot, "bin/agentctl.js"), ...argv],
    {
      cwd: opts.cwd ?? repoRoot,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...opts.env },
    },
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Like spawnCli, but asynchronous: safe while an emulator runs in this process (spawnSync would
 * block the event loop that emulator answers on, and the child would wait for it forever).
 */
export function spawnCliAsync(
  argv: string[],
  opts: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
): Promise<CliResult> & { child: ChildProcess } {
  const child = spawn(process.execPath, [path.join(repoRoot, "bin/agentctl.js"), ...argv], {
    cwd: opts.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...opts.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdin?.end(opts.stdin ?? "");
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr }));
  });
  return Object.assign(done, { child });
}
