/** Shared helpers for the emulator tests: a running emulator plus a real SDK client against it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AgentStatus,
  BedrockAgentClient,
  CreateAgentCommand,
  GetAgentAliasCommand,
  GetAgentCommand,
  PrepareAgentCommand,
} from "@aws-sdk/client-bedrock-agent";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";

export const ROLE_ARN = "arn:aws:iam::000000000000:role/AmazonBedrockExecutionRoleForAgents_test";
export const MODEL = "anthropic.claude-3-5-sonnet-20241022-v2:0";
export const INSTRUCTION = "You validate orders against the product catalog and answer briefly.";

export function clientFor(emulator: RunningEmulator, maxAttempts = 1): BedrockAgentClient {
  return new BedrockAgentClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts,
  });
}

export interface TestEmulator {
  emulator: RunningEmulator;
  client: BedrockAgentClient;
  [Symbol.asyncDispose](): Promise<void>;
}

/** An emulator on an ephemeral port with an SDK client; dispose closes both. */
export async function emulatorWithClient(opts: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ dbPath: ":memory:", port: 0, ...opts });
  const client = clientFor(emulator);
  return {
    emulator,
    client,
    async [Symbol.asyncDispose]() {
      client.destroy();
      await emulator.close();
    },
  };
}

/** A temporary directory removed on dispose. */
export function tempDir(): { path: string; [Symbol.dispose](): void } {
  const path = mkdtempSync(join(tmpdir(), "agentctl-emulator-"));
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}

const POLL_MS = 10;
const POLL_LIMIT_MS = 10_000;

async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + POLL_LIMIT_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function waitForAgent(client: BedrockAgentClient, agentId: string, ...statuses: AgentStatus[]) {
  const agent = await pollUntil(
    async () => (await client.send(new GetAgentCommand({ agentId }))).agent,
    (a) => a !== undefined && statuses.includes(a.agentStatus as AgentStatus),
    `agent ${agentId} to reach ${statuses.join("|")}`,
  );
  if (!agent) throw new Error("unreachable");
  return agent;
}

export async function waitForAlias(
  client: BedrockAgentClient,
  agentId: string,
  agentAliasId: string,
  status: string,
) {
  const alias = await pollUntil(
    async () => (await client.send(new GetAgentAliasCommand({ agentId, agentAliasId }))).agentAlias,
    (a) => a?.agentAliasStatus === status,
    `alias ${agentAliasId} to reach ${status}`,
  );
  if (!alias) throw new Error("unreachable");
  return alias;
}

/** Creates a complete agent and waits until it is NOT_PREPARED. */
export async function createReadyAgent(
  client: BedrockAgentClient,
  agentName: string,
  extra: Record<string, unknown> = {},
) {
  const created = await client.send(
    new CreateAgentCommand({
      agentName,
      foundationModel: MODEL,
      instruction: INSTRUCTION,
      agentResourceRoleArn: ROLE_ARN,
      ...extra,
    }),
  );
  const agentId = created.agent?.agentId;
  if (!agentId) throw new Error("CreateAgent returned no agentId");
  await waitForAgent(client, agentId, "NOT_PREPARED");
  return agentId;
}

export async function prepare(client: BedrockAgentClient, agentId: string) {
  await client.send(new PrepareAgentCommand({ agentId }));
  return waitForAgent(client, agentId, "PREPARED", "FAILED");
}

/** The error a call rejects with, for assertions on name/status/fieldList. */
export async function errorOf(promise: Promise<unknown>): Promise<{
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  fieldList?: { name: string; message: string }[];
}> {
  try {
    await promise;
  } catch (err) {
    return err as never;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

export const OPENAPI_PAYLOAD = JSON.stringify({
  openapi: "3.0.0",
  info: { title: "Catalog", version: "1.0.0" },
  paths: {
    "/products/{productId}": {
      get: {
        operationId: "getProduct",
        description: "Look up one product by id",
        parameters: [
          {
            name: "productId",
            in: "path",
            required: true,
            description: "The product id",
            schema: { type: "string" },
          },
        ],
        responses: {
          "200": {
            description: "The product",
            content: { "application/json": { schema: { type: "object" } } },
          },
        },
      },
    },
  },
});

export const LAMBDA_ARN = "arn:aws:lambda:us-east-1:000000000000:function:ProductCatalog";
