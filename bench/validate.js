// `agentctl validate` on the sample project, in fresh processes (the way a user and `deploy`
// pay for it): with the validators generated at build time, beside the same run compiling every
// JSON Schema at start-up (what it did before), and a first run (empty temp dir: no Node compile
// cache, no record of parsed handlers), interleaved and measured in one run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = 15;
const GOAL_MS = 300;

/** bin/agentctl.js, but with ajv compiling at run time as agentctl did before src/precompiled/. */
const RUNTIME_COMPILE = `
(await import("node:module")).enableCompileCache?.();
const { setUsePrecompiled } = await import(${JSON.stringify(path.join(root, "dist/precompiled/load.js"))});
setUsePrecompiled(false);
const { run } = await import(${JSON.stringify(path.join(root, "dist/main.js"))});
process.exitCode = await run(["validate"]);
`;

const CLI = [path.join(root, "bin", "agentctl.js"), "validate"];
const variants = [
  ["precompiled (bin/agentctl.js validate)", CLI],
  ["compiling at run time", ["--input-type=module", "-e", RUNTIME_COMPILE]],
  ["precompiled, first run (cold caches)", CLI, { cold: true }],
];

function once(args, { cold = false } = {}) {
  const tmp = cold ? mkdtempSync(path.join(os.tmpdir(), "agentctl-bench-")) : undefined;
  const env = tmp ? { ...process.env, TMPDIR: tmp } : process.env;
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", env });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${(r.stderr || r.stdout).slice(0, 300)}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function main() {
  const times = variants.map(() => []);
  // Interleaved, so a busy moment on a shared machine hits both variants alike.
  for (let i = 0; i < RUNS; i++) {
    for (const [v, [, args, opts]] of variants.entries()) times[v].push(once(args, opts));
  }
  console.log(`validate on the sample, median of ${RUNS} fresh processes (${process.version})`);
  variants.forEach(([name], v) => {
    const t = times[v];
    console.log(
      `  ${name.padEnd(40)} median ${median(t).toFixed(1).padStart(7)} ms  (min ${Math.min(...t).toFixed(1)}, max ${Math.max(...t).toFixed(1)})`,
    );
  });
  const [pre, runtime] = times.map(median);
  once(CLI); // leave the caches warm for whatever runs next
  console.log(`  ratio compiling at run time / precompiled: ${(runtime / pre).toFixed(2)}`);
  console.log(`  goal: validate <= ${GOAL_MS} ms median -> ${pre <= GOAL_MS ? "met" : "NOT met"}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
