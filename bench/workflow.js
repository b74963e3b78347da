/**
 * `agentctl run-workflow order.json` on the sample, as a user runs it (the CLI starts its
 * in-process emulator, runs the execution and follows it to the end), measured in one run:
 *   - wall time of the whole process (median of RUNS, after one deploy and one warm-up run);
 *   - split, from the same runs, using the execution history the command streams under --json:
 *       agent tasks  sum of TaskScheduled → TaskSucceeded|TaskFailed of the tasks that invoke an
 *                    agent (their Payload names `agentName`),
 *       engine       ExecutionStarted → the closing Execution* event, minus the agent tasks,
 *       start-up     the wall time outside the execution: process start, module loading,
 *                    validation, emulator start, StartExecution, and the exit after the end;
 *   - `agentctl --version` as the floor of any command (Node + the CLI's entry modules).
 * No instrumentation in the CLI: the split comes from history timestamps (millisecond
 * resolution) and the wall clock. --json renders the same events as JSON lines instead of
 * the timeline, so it costs the same work.
 *
 *   node bench/workflow.js   (after `npm run build`; BENCH_WORKFLOW_RUNS=N, default 7)
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLI = path.join(ROOT, "bin/agentctl.js");
const LOCAL_NODE = path.join(ROOT, "node_modules/.bin/node");
const NODE = existsSync(LOCAL_NODE) ? LOCAL_NODE : process.execPath;
const SAMPLE = ["agentctl.yaml", "agents", "openapi", "templates", "order.json", "order-out-of-stock.json"];
const RUNS = Number(process.env.BENCH_WORKFLOW_RUNS ?? 7);
const GOAL_MS = 2000;

function copySample() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-bench-workflow-"));
  for (const f of SAMPLE) cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  return dir;
}

function cli(args, cwd) {
  const started = process.hrtime.bigint();
  const r = spawnSync(NODE, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`agentctl ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** Splits one run's history (the JSON lines run-workflow --json prints) into execution and agent time. */
function splitHistory(stdout) {
  const events = stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l))
    .filter((e) => typeof e.type === "string" && typeof e.timestamp === "string");
  const at = (e) => Date.parse(e.timestamp);
  const start = events.find((e) => e.type === "ExecutionStarted");
  const end = events.find((e) => /^Execution(Succeeded|Failed|TimedOut|Aborted)$/.test(e.type));
  if (!start || !end) throw new Error("run-workflow --json printed no complete execution history");
  if (end.type !== "ExecutionSucceeded") throw new Error(`the sample execution ended ${end.type}`);
  const byId = new Map(events.map((e) => [e.id, e]));
  let agentMs = 0;
  let agentTasks = 0;
  for (const e of events) {
    if (e.type !== "TaskSucceeded" && e.type !== "TaskFailed") continue;
    // TaskSucceeded → TaskStarted → TaskScheduled, through previousEventId.
    let scheduled = byId.get(e.previousEventId);
    while (scheduled && scheduled.type !== "TaskScheduled") scheduled = byId.get(scheduled.previousEventId);
    if (!scheduled) continue;
    const parameters = JSON.parse(scheduled.taskScheduledEventDetails?.parameters ?? "{}");
    if (typeof parameters.Payload?.agentName !== "string") continue;
    agentMs += at(e) - at(scheduled);
    agentTasks++;
  }
  return { executionMs: at(end) - at(start), agentMs, agentTasks };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${Math.round(ms)} ms`.padStart(8);

export async function main() {
  console.log("run-workflow (sample)");
  const dir = copySample();
  try {
    cli(["deploy"], dir);
    cli(["run-workflow", "order.json", "--json"], dir); // warm-up: compile cache, first-run work
    const runs = [];
    const versions = [];
    for (let i = 0; i < RUNS; i++) {
      versions.push(cli(["--version"], dir).ms);
      const { ms, stdout } = cli(["run-workflow", "order.json", "--json"], dir);
      const split = splitHistory(stdout);
      runs.push({
        wall: ms,
        ...split,
        engine: split.executionMs - split.agentMs,
        startup: ms - split.executionMs,
      });
    }
    const m = (k) => median(runs.map((r) => r[k]));
    const wall = m("wall");
    console.log(
      `  wall (whole command)       ${fmt(wall)}  median of ${RUNS} (min ${fmt(Math.min(...runs.map((r) => r.wall))).trim()})`,
    );
    console.log(
      `    start-up and exit        ${fmt(m("startup"))}  wall outside ExecutionStarted → ExecutionSucceeded`,
    );
    console.log(
      `    agent tasks              ${fmt(m("agentMs"))}  ${runs[0].agentTasks} tasks, TaskScheduled → TaskSucceeded`,
    );
    console.log(`    engine                   ${fmt(m("engine"))}  the execution minus its agent tasks`);
    console.log(`  agentctl --version         ${fmt(median(versions))}  the floor of any command`);
    console.log(
      `  goal: run-workflow ≤ ${GOAL_MS} ms including start-up -> ${wall <= GOAL_MS ? "met" : "NOT met"}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
