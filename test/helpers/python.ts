import { spawn, spawnSync } from "node:child_process";

/** Why boto3 cannot be used here, or undefined when `python3 -c "import boto3"` works. */
export function boto3Missing(): string | undefined {
  const probe = spawnSync("python3", ["-c", "import boto3"], { encoding: "utf8" });
  if (probe.error) return `python3 is not available (${probe.error.message})`;
  if (probe.status !== 0) return `boto3 is not importable: ${probe.stderr.trim().split("\n").at(-1)}`;
  return undefined;
}

/** Runs a Python script to its end, stdout and stderr interleaved in `output` (async: never blocks an in-process emulator). */
export function runPython(
  script: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", [script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
