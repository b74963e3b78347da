import { spawnSync } from "node:child_process";

/** Why boto3 cannot be used here, or undefined when `python3 -c "import boto3"` works. */
export function boto3Missing(): string | undefined {
  const probe = spawnSync("python3", ["-c", "import boto3"], { encoding: "utf8" });
  if (probe.error) return `python3 is not available (${probe.error.message})`;
  if (probe.status !== 0) return `boto3 is not importable: ${probe.stderr.trim().split("\n").at(-1)}`;
  return undefined;
}
