/**
 * Emulator throughput and latency, measured the way users load it: one emulator
 * process, two separate client processes using the JS SDK through agentctl's own
 * client factory, all on loopback.
 *
 *   node bench/emulator.js            (after `npm run build`; bench/run.js calls main())
 *
 * The same file plays three roles, chosen by argv[2]: the orchestrator (no
 * argument), "server" and "client" (forked with an IPC channel). Bounded: each
 * phase runs for a fixed time, and a watchdog ends the whole run before 60 s.
 */
import { fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const CLIENT_PROCESSES = 2;
// Requests each client keeps in flight; 4 × 2 processes is a busy shared emulator.
// On a 2-core machine more than that mostly measures queueing in the clients.
const IN_FLIGHT_PER_CLIENT = Number(process.env.BENCH_IN_FLIGHT ?? 4);
const AGENTS = 5;
const PHASES = [
  { operation: "GetAgent", seconds: 6, goal: { rps: 1000, p99Ms: 20 } },
  { operation: "ListAgents", seconds: 3 },
];
const WATCHDOG_MS = 55_000;

export async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "agentctl-bench-"));
  const children = new Set();
  const watchdog = setTimeout(() => {
    console.error(`bench/emulator.js: still running after ${WATCHDOG_MS / 1000} s; stopping.`);
    for (const child of children) child.kill("SIGKILL");
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();
  try {
    const server = spawnRole("server", children);
    const ready = await server.request({ type: "start", dbPath: path.join(dir, "bench.db") });
    const agentIds = await createAgents(ready.endpoint, ready.region);
    const rssIdle = (await server.request({ type: "rss" })).rss;

    const results = [];
    for (const phase of PHASES) {
      const clients = Array.from({ length: CLIENT_PROCESSES }, () => spawnRole("client", children));
      const job = {
        endpoint: ready.endpoint,
        region: ready.region,
        operation: phase.operation,
        agentIds,
        inFlight: IN_FLIGHT_PER_CLIENT,
        durationMs: phase.seconds * 1000,
      };
      // Barrier: every client has loaded the SDK and opened its connections before any is timed.
      await Promise.all(clients.map((c) => c.request({ type: "warm", ...job })));
      const before = await server.request({ type: "rss" });
      let rssPeak = 0;
      const sampler = setInterval(async () => {
        rssPeak = Math.max(rssPeak, (await server.request({ type: "rss" })).rss);
      }, 200);
      const reports = await Promise.all(clients.map((c) => c.request({ type: "run" })));
      clearInterval(sampler);
      const after = await server.request({ type: "rss" });
      rssPeak = Math.max(rssPeak, after.rss);
      // Wall-clock window from the first client's start to the last one's end.
      const wallSeconds =
        (Math.max(...reports.map((r) => r.endedAt)) - Math.min(...reports.map((r) => r.startedAt))) / 1000;
      for (const c of clients) c.stop();
      const result = summarise(phase, reports, wallSeconds, rssPeak);
      // How much of a core the emulator used, and per request: tells server cost from client cost.
      result.serverCpuPercent = ((after.cpuMicros - before.cpuMicros) / 1e6 / wallSeconds) * 100;
      result.serverCpuMicrosPerRequest = (after.cpuMicros - before.cpuMicros) / Math.max(1, result.requests);
      results.push(result);
    }
    await server.request({ type: "stop" });
    server.stop();
    const figures = { clients: CLIENT_PROCESSES, inFlightPerClient: IN_FLIGHT_PER_CLIENT, rssIdle, results };
    print(figures);
    return figures;
  } finally {
    clearTimeout(watchdog);
    for (const child of children) child.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

async function createAgents(endpoint, region) {
  const { createAwsClients } = await import("../dist/aws/clients.js");
  const { LOCAL_CREDENTIALS } = await import("../dist/aws/target-settings.js");
  const { CreateAgentCommand } = await import("@aws-sdk/client-bedrock-agent");
  const clients = createAwsClients({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  const client = await clients.bedrockAgent();
  const ids = [];
  for (let i = 0; i < AGENTS; i++) {
    const { agent } = await client.send(
      new CreateAgentCommand({
        agentName: `bench-agent-${i}`,
        foundationModel: "anthropic.claude-3-5-sonnet-20241022-v2:0",
        instruction: "You are a benchmark agent that answers questions about orders briefly.",
        agentResourceRoleArn: "arn:aws:iam::123456789012:role/AmazonBedrockExecutionRoleForAgents_bench",
      }),
    );
    ids.push(agent.agentId);
  }
  clients.destroy();
  return ids;
}

function summarise(phase, reports, wallSeconds, rssPeak) {
  const latencies = new Float64Array(reports.reduce((n, r) => n + r.latencies.length, 0));
  let offset = 0;
  for (const r of reports) {
    latencies.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  latencies.sort();
  const errors = reports.reduce((n, r) => n + r.errors, 0);
  const rps = latencies.length / wallSeconds;
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);
  return {
    operation: phase.operation,
    requests: latencies.length,
    errors,
    seconds: wallSeconds,
    rps,
    p50Ms: p50,
    p99Ms: p99,
    serverRssPeak: rssPeak,
    ...(phase.goal ? { goal: phase.goal, met: rps >= phase.goal.rps && p99 <= phase.goal.p99Ms } : {}),
  };
}

function percentile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function print(figures) {
  const mib = (b) => `${(b / (1024 * 1024)).toFixed(0)} MiB`;
  const n = (x) => Math.round(x).toLocaleString("en-US");
  console.log(
    `emulator: ${figures.clients} client processes × ${figures.inFlightPerClient} requests in flight, loopback, JS SDK`,
  );
  for (const r of figures.results) {
    const goal = r.goal
      ? `   goal ≥${n(r.goal.rps)} req/s, p99 ≤ ${r.goal.p99Ms} ms: ${r.met ? "met" : "NOT met"}`
      : "";
    console.log(
      `  ${r.operation.padEnd(11)} ${n(r.rps).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms` +
        `  (${n(r.requests)} requests in ${r.seconds.toFixed(1)} s, ${r.errors} errors;` +
        ` server: RSS peak ${mib(r.serverRssPeak)}, CPU ${r.serverCpuPercent.toFixed(0)}% of a core,` +
        ` ${Math.round(r.serverCpuMicrosPerRequest)} µs/request)${goal}`,
    );
  }
  console.log(`  server RSS idle after setup: ${mib(figures.rssIdle)}`);
}

/** A forked copy of this file in `role`, spoken to by request/response over IPC. */
function spawnRole(role, children) {
  const child = fork(SELF, [role], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // Structured clone: latency arrays travel as typed arrays, not JSON text.
    serialization: "advanced",
  });
  children.add(child);
  let nextId = 0;
  const pending = new Map();
  child.on("message", (message) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${role}: ${message.error}`));
    else waiter.resolve(message.value);
  });
  child.on("exit", (code) => {
    children.delete(child);
    for (const waiter of pending.values()) waiter.reject(new Error(`${role} process exited (${code})`));
    pending.clear();
  });
  return {
    request(body) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, ...body });
      });
    },
    stop() {
      child.disconnect();
    },
  };
}

async function serverRole() {
  const { startEmulator } = await import("../dist/emulator/index.js");
  let emulator;
  process.on("message", async (message) => {
    const reply = (value) => process.send({ id: message.id, value });
    try {
      if (message.type === "start") {
        emulator = await startEmulator({ dbPath: message.dbPath, port: 0, latency: "fast" });
        reply({ endpoint: emulator.endpoint, region: emulator.region });
      } else if (message.type === "rss") {
        const cpu = process.cpuUsage();
        reply({ rss: process.memoryUsage().rss, cpuMicros: cpu.user + cpu.system });
      } else if (message.type === "stop") {
        await emulator?.close();
        reply({});
      }
    } catch (err) {
      process.send({ id: message.id, error: String(err?.stack ?? err) });
    }
  });
  process.on("disconnect", () => process.exit(0));
}

async function clientRole() {
  const { createAwsClients } = await import("../dist/aws/clients.js");
  const { LOCAL_CREDENTIALS } = await import("../dist/aws/target-settings.js");
  const { GetAgentCommand, ListAgentsCommand } = await import("@aws-sdk/client-bedrock-agent");
  let job;
  let client;
  let clients;
  process.on("message", async (message) => {
    try {
      if (message.type === "warm") {
        job = message;
        clients = createAwsClients({
          endpoint: job.endpoint,
          region: job.region,
          credentials: LOCAL_CREDENTIALS,
          maxAttempts: 1,
        });
        client = await clients.bedrockAgent();
        // Load the SDK's lazy modules and open one connection per worker.
        await Promise.all(Array.from({ length: job.inFlight }, (_, i) => client.send(command(job, i))));
        process.send({ id: message.id, value: {} });
        return;
      }
      const latencies = [];
      let errors = 0;
      let issued = 0;
      const startedAt = performance.timeOrigin + performance.now();
      const deadline = performance.now() + job.durationMs;
      const worker = async () => {
        while (performance.now() < deadline) {
          const started = performance.now();
          try {
            await client.send(command(job, issued++));
            latencies.push(performance.now() - started);
          } catch {
            errors++;
          }
        }
      };
      await Promise.all(Array.from({ length: job.inFlight }, worker));
      const endedAt = performance.timeOrigin + performance.now();
      clients.destroy();
      process.send({
        id: message.id,
        value: { latencies: Float64Array.from(latencies), errors, startedAt, endedAt },
      });
    } catch (err) {
      process.send({ id: message.id, error: String(err?.stack ?? err) });
    }
  });
  function command(job, i) {
    return job.operation === "GetAgent"
      ? new GetAgentCommand({ agentId: job.agentIds[i % job.agentIds.length] })
      : new ListAgentsCommand({ maxResults: 10 });
  }
  process.on("disconnect", () => process.exit(0));
}

const role = process.argv[2];
if (role === "server") await serverRole();
else if (role === "client") await clientRole();
else if (process.argv[1] === SELF) await main();
