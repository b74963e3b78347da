/**
 * InvokeAgent on the emulator with the scripted model: time to first event and total, through
 * the real JS runtime client (HTTP/2, its default), beside a baseline measured in the same run —
 * a control-plane GetAgent round trip on the same emulator (the cheapest real request).
 *
 *   node bench/invoke-agent.js        (after `npm run build`; bench/run.js calls main())
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  BedrockAgentClient,
  CreateAgentActionGroupCommand,
  CreateAgentCommand,
  GetAgentCommand,
  PrepareAgentCommand,
} from "@aws-sdk/client-bedrock-agent";
import { BedrockAgentRuntimeClient, InvokeAgentCommand } from "@aws-sdk/client-bedrock-agent-runtime";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WARMUP = 20;
const RUNS = 200;
const GOAL_TTFB_MS = 25;
const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };

async function until(read, done) {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function createOrderValidation(client) {
  const created = await client.send(
    new CreateAgentCommand({
      agentName: "order-validation",
      foundationModel: "anthropic.claude-3-5-sonnet-20241022-v2:0",
      instruction: "You are an order validation assistant. Look up every product of the order.",
      agentResourceRoleArn: "arn:aws:iam::000000000000:role/bench",
      tags: {
        "agentctl:local-model": "scripted",
        "agentctl:local-script": path.join(ROOT, "agents/scripts/order-validation.yaml"),
      },
    }),
  );
  const agentId = created.agent.agentId;
  const status = () => client.send(new GetAgentCommand({ agentId })).then((r) => r.agent.agentStatus);
  await until(status, (s) => s === "NOT_PREPARED");
  await client.send(
    new CreateAgentActionGroupCommand({
      agentId,
      agentVersion: "DRAFT",
      actionGroupName: "product-catalog",
      actionGroupExecutor: { lambda: "arn:aws:lambda:us-east-1:000000000000:function:ProductCatalog" },
      apiSchema: { payload: await readFile(path.join(ROOT, "openapi/product-catalog.yaml"), "utf8") },
    }),
  );
  await client.send(new PrepareAgentCommand({ agentId }));
  await until(status, (s) => s === "PREPARED");
  return agentId;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const ms = (x) => `${x.toFixed(2)} ms`;

export async function main() {
  const { startEmulator } = await import(path.join(ROOT, "dist/emulator/index.js"));
  const emulator = await startEmulator({
    dbPath: ":memory:",
    runtime: { localHandlers: { ProductCatalog: path.join(ROOT, "agents/handlers/product-catalog.ts") } },
  });
  const config = { endpoint: emulator.endpoint, region: emulator.region, credentials, maxAttempts: 1 };
  const agent = new BedrockAgentClient(config);
  const runtime = new BedrockAgentRuntimeClient(config);
  try {
    const agentId = await createOrderValidation(agent);
    const baseline = [];
    const ttfb = [];
    const total = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      let t0 = performance.now();
      await agent.send(new GetAgentCommand({ agentId }));
      if (i >= WARMUP) baseline.push(performance.now() - t0);

      t0 = performance.now();
      const response = await runtime.send(
        new InvokeAgentCommand({
          agentId,
          agentAliasId: "TSTALIASID",
          sessionId: `bench-${i}`,
          inputText: "Is PROD123 in stock?",
          enableTrace: true,
        }),
      );
      let first;
      for await (const _event of response.completion) first ??= performance.now() - t0;
      if (i >= WARMUP) {
        ttfb.push(first);
        total.push(performance.now() - t0);
      }
    }
    console.log(
      `InvokeAgent, scripted model, one catalog call (${RUNS} runs, JS runtime client over HTTP/2, 9 trace events + 1 chunk):`,
    );
    console.log(`  baseline GetAgent round trip   median ${ms(median(baseline))}   p95 ${ms(p95(baseline))}`);
    console.log(
      `  InvokeAgent first event        median ${ms(median(ttfb))}   p95 ${ms(p95(ttfb))}   ${(median(ttfb) / median(baseline)).toFixed(1)}× baseline   goal ≤ ${GOAL_TTFB_MS} ms: ${median(ttfb) <= GOAL_TTFB_MS ? "met" : "NOT met"}`,
    );
    console.log(
      `  InvokeAgent whole stream       median ${ms(median(total))}   p95 ${ms(p95(total))}   ${(median(total) / median(baseline)).toFixed(1)}× baseline`,
    );
  } finally {
    agent.destroy();
    runtime.destroy();
    await emulator.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
