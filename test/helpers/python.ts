import { spawn, spawnSync } from "node:child_process";

/** Why boto3 cannot be used here, or undefined when `python3 -c "import boto3"` works. */
export function boto3Missing(): string | undefined {
  const probe = spawnSync("python3", ["-c", "import boto3"], { encoding: "utf8" });
  if (probe.error) return `python3 is not available (${probe.error.message})`;
  if (probe.status !== 0) return `boto3 is not importable: ${probe.stderr.trim().split("\n").at(-1)}`;
  return undefined;
}

/**
 * The environment for a boto3 script against the emulator: only `vars` (endpoints, region,
 * dummy keys) and what Python needs, so nothing from the developer's own AWS setup leaks in.
 */
export function isolatedPythonEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    AWS_CONFIG_FILE: "/nonexistent/agentctl-no-aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/agentctl-no-aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    PYTHONDONTWRITEBYTECODE: "1",
    PYTHONUNBUFFERED: "1",
    ...vars,
  };
}

/**
 * Runs a Python script to its end (async: never blocks an in-process emulator): stdout and
 * stderr apart, and interleaved in `output`.
 */
export function runPython(
  script: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<{ code: number | null; output: string; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", [script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output, stdout, stderr }));
  });
}
