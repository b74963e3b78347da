// Cold start of the CLI: `agentctl --help` and `agentctl validate` on the sample
// project, each the median of several fresh processes, beside `aws --version` as a
// reference point measured in the same run.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = 9;

function timeCommand(cmd, args, opts = {}) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", ...opts });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.error) return { error: r.error.message };
    if (r.status !== 0) return { error: `exit ${r.status}: ${(r.stderr || r.stdout).slice(0, 200)}` };
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
}

export async function main() {
  const node = process.execPath;
  const cli = path.join(root, "bin", "agentctl.js");
  const rows = [
    ["agentctl --help", timeCommand(node, [cli, "--help"])],
    ["agentctl validate (sample)", timeCommand(node, [cli, "validate"])],
    ["node -e 0 (floor)", timeCommand(node, ["-e", "0"])],
    ["aws --version (reference)", timeCommand("aws", ["--version"])],
  ];
  console.log(
    `CLI cold start, median of ${RUNS} runs (${process.version}, ${process.platform}/${process.arch})`,
  );
  for (const [name, r] of rows) {
    console.log(
      r.error
        ? `  ${name.padEnd(30)} unavailable: ${r.error}`
        : `  ${name.padEnd(30)} median ${r.median.toFixed(1).padStart(7)} ms  (min ${r.min.toFixed(1)}, max ${r.max.toFixed(1)})`,
    );
  }
  const [help, validate, , aws] = rows.map((r) => r[1]);
  if (!help.error)
    console.log(`  goal: --help <= 150 ms median -> ${help.median <= 150 ? "met" : "NOT met"}`);
  if (!help.error && !aws.error)
    console.log(`  ratio --help / aws --version: ${(help.median / aws.median).toFixed(2)}`);
  if (!validate.error && !aws.error)
    console.log(`  ratio validate / aws --version: ${(validate.median / aws.median).toFixed(2)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
