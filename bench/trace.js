// Trace renderer throughput on the recorded real InvokeAgent streams (../shared/corpus/traces),
// beside decoding alone measured in the same run: events per second for
//   decode   raw event-stream bytes -> SDK-shaped events (our decoder over @smithy/eventstream-codec)
//   render   those events -> lines, at each detail level (renderer only, decoding excluded)
// Goal: render (steps) >= 50,000 events/s. Needs `npm run build` (bench/run.js does it).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SECONDS = Number(process.env.BENCH_TRACE_SECONDS ?? 1.5);

function corpusDir() {
  const candidates = [process.env.AGENTCTL_SHARED_DIR, path.resolve(root, "../shared"), "/work/shared"];
  const dir = candidates.find((d) => d && existsSync(path.join(d, "corpus", "traces")));
  return dir ? path.join(dir, "corpus", "traces") : undefined;
}

/** Runs `once` (which handles `events` events) repeatedly for SECONDS; events per second. */
function rate(events, once) {
  for (let i = 0; i < 20; i++) once(); // warm-up
  let done = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    once();
    done += events;
    elapsed = process.hrtime.bigint() - start;
  }
  return done / (Number(elapsed) / 1e9);
}

export async function main() {
  const dir = corpusDir();
  if (!dir) {
    console.log("Trace renderer: skipped (the recorded streams in ../shared/corpus/traces are absent)");
    return;
  }
  const { decodeEventStream } = await import(path.join(root, "dist/trace/decode-eventstream.js"));
  const { createTraceRenderer } = await import(path.join(root, "dist/trace/index.js"));
  const { makeStyle } = await import(path.join(root, "dist/io/style.js"));
  const bodies = readdirSync(dir)
    .filter((f) => f.endsWith(".eventstream"))
    .sort()
    .map((f) => new Uint8Array(readFileSync(path.join(dir, f))));
  const decoded = bodies.map((b) => decodeEventStream(b));
  const events = decoded.reduce((n, list) => n + list.length, 0);
  const bytes = bodies.reduce((n, b) => n + b.byteLength, 0);

  const decodeRate = rate(events, () => {
    for (const body of bodies) decodeEventStream(body);
  });
  const renderRate = (detail, color) => {
    const style = makeStyle(color);
    return rate(events, () => {
      for (const list of decoded) {
        const r = createTraceRenderer({ detail, width: 100, style });
        for (const e of list) r.push(e);
        r.end();
      }
    });
  };
  const rows = [
    ["decode alone (baseline)", decodeRate],
    ["render outline", renderRate("outline", false)],
    ["render steps", renderRate("steps", false)],
    ["render steps, colour", renderRate("steps", true)],
    ["render full", renderRate("full", false)],
  ];
  console.log(
    `Trace renderer on ${bodies.length} recorded streams (${events} events, ${(bytes / 1024).toFixed(0)} KiB), ${SECONDS} s per figure (${process.version})`,
  );
  for (const [name, r] of rows) {
    console.log(
      `  ${name.padEnd(26)} ${Math.round(r).toLocaleString("en-US").padStart(10)} events/s  (${(r / decodeRate).toFixed(2)}× decode)`,
    );
  }
  const steps = rows[2][1];
  console.log(`  goal: render steps >= 50,000 events/s -> ${steps >= 50_000 ? "met" : "NOT met"}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
