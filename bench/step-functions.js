/**
 * The Step Functions interpreter's throughput, beside aws-local-stepfunctions on
 * the same definitions in the same run, and what durability costs:
 *   - "in memory"      the interpreter alone (state kept as an object),
 *   - "serialized"     the state copied through JSON at every transition,
 *   - "SQLite (durable)" every transition one BEGIN IMMEDIATE commit to a file, as the emulator runs.
 *
 *   node bench/step-functions.js      (after `npm run build`; bench/run.js calls main())
 *
 * Bounded: each measurement runs for a fixed time, and a watchdog ends the whole run.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { StateMachine } from "aws-local-stepfunctions";
import { ExecutionDriver } from "../dist/emulator/states/driver.js";
import { MemoryRepository } from "../dist/emulator/states/repository.js";
import { IntegrationRegistry } from "../dist/emulator/states/task-dispatcher.js";
import { SqliteExecutionRepository } from "../dist/emulator/step-functions/sqlite-repository.js";
import { Store } from "../dist/emulator/store/index.js";

const SECONDS_PER_CASE = Number(process.env.BENCH_SFN_SECONDS ?? 1.5);
const WATCHDOG_MS = 120_000;

function passChain(length) {
  const States = {};
  for (let i = 0; i < length; i++)
    States[`S${i}`] = i === length - 1 ? { Type: "Pass", End: true } : { Type: "Pass", Next: `S${i + 1}` };
  return { StartAt: "S0", States };
}

const mapOf = () => ({
  StartAt: "M",
  States: {
    M: {
      Type: "Map",
      ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
      End: true,
    },
  },
});

const CASES = [
  { name: "1,000-state Pass chain", definition: passChain(1000), input: { x: 1 }, transitions: 1000 },
  {
    name: "100-item inline Map",
    definition: mapOf(),
    input: Array.from({ length: 100 }, (_, i) => ({ i })),
    transitions: 101,
  },
];

/** Runs `once` repeatedly for the case's time; returns executions per second. */
async function measure(once) {
  await once(); // warm-up: JIT, statement cache
  const started = performance.now();
  let runs = 0;
  while (performance.now() - started < SECONDS_PER_CASE * 1000) {
    await once();
    runs++;
  }
  return runs / ((performance.now() - started) / 1000);
}

let executions = 0;

function ourRunner(repository) {
  const driver = new ExecutionDriver({
    repository,
    dispatcher: new IntegrationRegistry(),
    region: "us-east-1",
    accountId: "000000000000",
  });
  const n = () => ++executions;
  return async (definition, input) => {
    const name = `bench-${n()}`;
    const exec = driver.start({
      executionArn: `arn:aws:states:us-east-1:000000000000:execution:bench:${name}`,
      stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:bench",
      name,
      roleArn: "arn:aws:iam::000000000000:role/bench",
      input,
      definition,
      now: Date.now(),
    });
    await driver.untilSettled(exec.executionArn);
    const done = repository.load(exec.executionArn)?.exec;
    if (done?.status !== "SUCCEEDED") throw new Error(`bench execution ended ${done?.status}`);
    repository.delete?.(exec.executionArn);
  };
}

function runWith(repository, c) {
  const run = ourRunner(repository);
  return () => run(c.definition, c.input);
}

export async function main() {
  const watchdog = setTimeout(() => {
    console.error(`bench/step-functions.js: still running after ${WATCHDOG_MS / 1000} s; stopping.`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();
  const dir = await mkdtemp(path.join(os.tmpdir(), "agentctl-bench-sfn-"));
  const store = new Store(path.join(dir, "bench.db"));
  try {
    console.log(`step functions: executions run back to back for ${SECONDS_PER_CASE} s each, one process`);
    for (const c of CASES) {
      const library = new StateMachine(c.definition, { validationOptions: { noValidate: true } });
      const figures = {
        "aws-local-stepfunctions": await measure(async () => {
          const run = library.run(c.input);
          await run.result;
        }),
        "agentctl, in memory": await measure(runWith(new MemoryRepository(false), c)),
        "agentctl, serialized": await measure(runWith(new MemoryRepository(true), c)),
        "agentctl, SQLite (durable)": await measure(runWith(new SqliteExecutionRepository(store.db), c)),
      };
      const base = figures["aws-local-stepfunctions"];
      const memory = figures["agentctl, in memory"];
      console.log(`  ${c.name} (${c.transitions} transitions per execution)`);
      for (const [who, perSecond] of Object.entries(figures)) {
        const tps = Math.round(perSecond * c.transitions).toLocaleString("en-US");
        console.log(
          `    ${who.padEnd(28)} ${perSecond.toFixed(1).padStart(8)} exec/s ${tps.padStart(10)} transitions/s` +
            `  ×${(perSecond / base).toFixed(2)} of aws-local-stepfunctions, ×${(perSecond / memory).toFixed(2)} of in-memory`,
        );
      }
    }
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
