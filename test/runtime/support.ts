/**
 * Runtime tests: the sample's agents created on a real emulator through the bedrock-agent SDK
 * (as deploy would: action group, tags naming the local model, prepare, alias), and runtime
 * clients over HTTP/2 (the SDK default) and HTTP/1.1.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  AssociateAgentCollaboratorCommand,
  type BedrockAgentClient,
  CreateAgentActionGroupCommand,
  type CreateAgentActionGroupCommandInput,
  CreateAgentAliasCommand,
} from "@aws-sdk/client-bedrock-agent";
import {
  BedrockAgentRuntimeClient,
  InvokeAgentCommand,
  type InvokeAgentCommandInput,
  type ResponseStream,
} from "@aws-sdk/client-bedrock-agent-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { createReadyAgent, prepare, waitForAlias } from "../emulator/support.js";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const sample = (...parts: string[]): string => path.join(REPO, ...parts);

export const FUNCTIONS = {
  ProductCatalog: sample("agents/handlers/product-catalog.ts"),
  ShippingProvider: sample("agents/handlers/shipping-provider.ts"),
  OrderNotifications: sample("agents/handlers/notify.ts"),
};

export const lambdaArn = (name: string): string => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

export function runtimeClient(emulator: RunningEmulator, http1 = false): BedrockAgentRuntimeClient {
  return new BedrockAgentRuntimeClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    ...(http1 ? { requestHandler: new NodeHttpHandler() } : {}),
  });
}

export interface AgentSetup {
  name: string;
  script?: string;
  tags?: Record<string, string>;
  actionGroups?: Omit<CreateAgentActionGroupCommandInput, "agentId" | "agentVersion">[];
  extra?: Record<string, unknown>;
  /** collaboratorName → alias ARN (the agent needs agentCollaboration SUPERVISOR in `extra`). */
  collaborators?: Record<string, string>;
}

/** Creates, configures and prepares an agent; returns its id (invoke it through TSTALIASID) . */
export async function createAgent(client: BedrockAgentClient, setup: AgentSetup): Promise<string> {
  const tags: Record<string, string> = { ...setup.tags };
  if (setup.script) {
    tags["agentctl:local-model"] = "scripted";
    tags["agentctl:local-script"] = setup.script;
  }
  const agentId = await createReadyAgent(client, setup.name, { tags, ...setup.extra });
  for (const group of setup.actionGroups ?? []) {
    await client.send(new CreateAgentActionGroupCommand({ agentId, agentVersion: "DRAFT", ...group }));
  }
  for (const [collaboratorName, aliasArn] of Object.entries(setup.collaborators ?? {})) {
    await client.send(
      new AssociateAgentCollaboratorCommand({
        agentId,
        agentVersion: "DRAFT",
        collaboratorName,
        agentDescriptor: { aliasArn },
        collaborationInstruction: `Ask ${collaboratorName} whenever its skills are needed.`,
      }),
    );
  }
  const prepared = await prepare(client, agentId);
  if (prepared.agentStatus !== "PREPARED")
    throw new Error(`prepare failed: ${JSON.stringify(prepared.failureReasons)}`);
  return agentId;
}

export async function createAlias(
  client: BedrockAgentClient,
  agentId: string,
  agentAliasName = "live",
): Promise<string> {
  const created = await client.send(new CreateAgentAliasCommand({ agentId, agentAliasName }));
  const aliasId = created.agentAlias?.agentAliasId as string;
  await waitForAlias(client, agentId, aliasId, "PREPARED");
  return aliasId;
}

export const orderValidationGroup = {
  actionGroupName: "product-catalog",
  description: "Look up a product's name, price and stock",
  actionGroupExecutor: { lambda: lambdaArn("ProductCatalog") },
  apiSchema: { payload: readFileSync(sample("openapi/product-catalog.yaml"), "utf8") },
};

export const shippingGroup = {
  actionGroupName: "shipping-provider",
  description: "Create shipments with the external shipping provider",
  actionGroupExecutor: { lambda: lambdaArn("ShippingProvider") },
  apiSchema: { payload: readFileSync(sample("openapi/shipping-provider.yaml"), "utf8") },
};

export const orderValidation = (): AgentSetup => ({
  name: "order-validation",
  script: sample("agents/scripts/order-validation.yaml"),
  actionGroups: [orderValidationGroup],
});

export interface Collected {
  text: string;
  events: ResponseStream[];
  traces: NonNullable<ResponseStream["trace"]>[];
  sessionId?: string;
  contentType?: string;
}

/** Invokes and drains the stream; in-stream exceptions reject. */
export async function invoke(
  client: BedrockAgentRuntimeClient,
  input: InvokeAgentCommandInput,
): Promise<Collected> {
  const response = await client.send(new InvokeAgentCommand({ enableTrace: true, ...input }));
  const events: ResponseStream[] = [];
  let text = "";
  for await (const event of response.completion ?? []) {
    events.push(event);
    if (event.chunk?.bytes) text += new TextDecoder().decode(event.chunk.bytes);
  }
  return {
    text,
    events,
    traces: events.flatMap((e) => (e.trace ? [e.trace] : [])),
    ...(response.sessionId ? { sessionId: response.sessionId } : {}),
    ...(response.contentType ? { contentType: response.contentType } : {}),
  };
}
