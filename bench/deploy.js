/**
 * Deploy figures, measured in one run on the emulator:
 *   1. `agentctl validate` on the sample (median of 5 processes);
 *   2. cold `agentctl deploy` and a no-op redeploy (median of 11) of the sample, as a user runs them (the CLI
 *      starts its own emulator), wall time; request counts from a second deploy of a
 *      copy against an emulator with an access log;
 *   3. 30 agents × 2 action groups under AGENTCTL_EMULATOR_LATENCY=realistic, deployed in
 *      parallel (--concurrency 4 and 8) against one agent at a time (--concurrency 1).
 *
 *   node bench/deploy.js   (after `npm run build`; BENCH_DEPLOY_AGENTS=N for a smaller part 3,
 *                           0 to skip it)
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI = path.join(ROOT, "bin/agentctl.js");
const SAMPLE = ["agentctl.yaml", "agents", "openapi", "templates"];
const MANY = Number(process.env.BENCH_DEPLOY_AGENTS ?? 30);

function copySample() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-bench-deploy-"));
  for (const f of SAMPLE) cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  return dir;
}

function cli(args, cwd) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`agentctl ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function countRequests(logFile) {
  const lines = readFileSync(logFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const mutating = lines.filter(
    (l) => !/^(Get|List|Describe)/.test(l.operation) && !l.operation.startsWith("agentctl:"),
  );
  return { total: lines.length, mutating: mutating.length };
}

async function sampleFigures() {
  const dir = copySample();
  try {
    const validate = median(Array.from({ length: 5 }, () => cli(["validate"], dir)));
    const cold = cli(["deploy"], dir);
    const noops = Array.from({ length: 11 }, () => cli(["deploy"], dir));
    const noop = median(noops);
    console.log(`validate (sample)          ${fmt(validate)} median of 5 (goal ≤ 300 ms)`);
    console.log(`deploy, cold (sample)      ${fmt(cold)} wall, CLI with its own emulator`);
    console.log(
      `deploy, no-op (sample)     ${fmt(noop)} wall, median of 11, min ${fmt(Math.min(...noops))} (goal ≤ 500 ms)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Request counts: the same deploys against an emulator that keeps an access log.
  const { startEmulator } = await import("../dist/emulator/index.js");
  const counted = copySample();
  const logFile = path.join(counted, "access.ndjson");
  writeFileSync(logFile, "");
  const emulator = await startEmulator({ dbPath: ":memory:", port: 0, accessLogFile: logFile });
  try {
    const { spawn } = await import("node:child_process");
    const run = (args) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, "--endpoint-url", emulator.endpoint, ...args], {
          cwd: counted,
          stdio: "ignore",
          env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
        });
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`deploy exited ${code}`))));
      });
    await run(["deploy"]);
    await new Promise((r) => setTimeout(r, 50));
    const cold = countRequests(logFile);
    await run(["deploy"]);
    await new Promise((r) => setTimeout(r, 50));
    const after = countRequests(logFile);
    console.log(`requests, cold deploy      ${cold.total} (${cold.mutating} mutating)`);
    console.log(
      `requests, no-op deploy     ${after.total - cold.total} (${after.mutating - cold.mutating} mutating)`,
    );
  } finally {
    await emulator.close();
    rmSync(counted, { recursive: true, force: true });
  }
}

function manyAgentsProject(n) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-bench-many-"));
  mkdirSync(path.join(dir, "agents"));
  writeFileSync(path.join(dir, "agentctl.yaml"), "name: bench-many\nregion: us-east-1\n");
  for (let i = 1; i <= n; i++) {
    const group = (g) =>
      [
        `  - name: tools-${g}`,
        `    description: Tool set ${g}`,
        "    functions:",
        `      - name: lookup${g}`,
        `        description: Looks up record ${g} by id and returns it.`,
        "        parameters:",
        "          id: { type: string, description: The record id, required: true }",
        "    executor: returnControl",
      ].join("\n");
    writeFileSync(
      path.join(dir, "agents", `agent-${i}.yaml`),
      [
        `name: agent-${i}`,
        `description: Benchmark agent ${i}`,
        "model: anthropic.claude-3-haiku-20240307-v1:0",
        "instruction: |",
        `  You are benchmark agent ${i}. Look records up with the tools and answer in one sentence.`,
        "role: auto",
        "actionGroups:",
        group(1),
        group(2),
        "aliases: [live]",
        "",
      ].join("\n"),
    );
  }
  return dir;
}

async function parallelFigures() {
  const { startEmulator } = await import("../dist/emulator/index.js");
  const { createAwsClients } = await import("../dist/aws/clients.js");
  const { createDeployPorts } = await import("../dist/core/deploy/sdk-ports.js");
  const { deployProject } = await import("../dist/core/deploy/engine.js");
  const dir = manyAgentsProject(MANY);
  const timeDeploy = async (concurrency) => {
    const emulator = await startEmulator({ dbPath: ":memory:", port: 0, latency: "realistic" });
    const clients = createAwsClients({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    });
    try {
      const ports = await createDeployPorts(clients);
      const started = Date.now();
      await deployProject(ports, { projectDir: dir, vars: {}, concurrency, progress: () => {} });
      return Date.now() - started;
    } finally {
      clients.destroy();
      await emulator.close();
    }
  };
  try {
    const p4 = await timeDeploy(4);
    console.log(`${MANY} agents × 2 groups, realistic, --concurrency 4   ${fmt(p4)}`);
    const p8 = await timeDeploy(8);
    console.log(`${MANY} agents × 2 groups, realistic, --concurrency 8   ${fmt(p8)}`);
    const one = await timeDeploy(1);
    console.log(`${MANY} agents × 2 groups, realistic, one at a time     ${fmt(one)}`);
    console.log(
      `speed-up: ${(one / p4).toFixed(1)}× at concurrency 4, ${(one / p8).toFixed(1)}× at 8 (goal ≥ 4×); one agent ≈ ${fmt(one / MANY)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main() {
  console.log("deploy");
  await sampleFigures();
  if (MANY > 0) await parallelFigures();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
