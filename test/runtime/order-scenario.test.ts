/**
 * The sample's seed scenario through the real runtime client, over HTTP/2 (the SDK default)
 * and HTTP/1.1: the scripted models call the local handlers and reach the right verdicts,
 * with traces in the real shapes.
 */
import { readFileSync } from "node:fs";
import type { OrchestrationTrace, TracePart } from "@aws-sdk/client-bedrock-agent-runtime";
import { describe, expect, it } from "vitest";
import { emulatorWithClient } from "../emulator/support.js";
import {
  createAgent,
  createAlias,
  FUNCTIONS,
  invoke,
  orderValidation,
  runtimeClient,
  sample,
  shippingGroup,
} from "./support.js";

const order = readFileSync(sample("order.json"), "utf8");
const outOfStockOrder = readFileSync(sample("order-out-of-stock.json"), "utf8");

const orchestration = (traces: TracePart[]): OrchestrationTrace[] =>
  traces.flatMap((t) => (t.trace?.orchestrationTrace ? [t.trace.orchestrationTrace] : []));

describe.each([
  ["HTTP/2", false],
  ["HTTP/1.1", true],
])("order validation over %s", (_label, http1) => {
  it("checks every product of the order with the catalog and reports VALID, out of stock or not found", async () => {
    await using env = await emulatorWithClient({ runtime: { localHandlers: FUNCTIONS } });
    const agentId = await createAgent(env.client, orderValidation());
    const rt = runtimeClient(env.emulator, http1);
    const call = (sessionId: string, inputText: string) =>
      invoke(rt, { agentId, agentAliasId: "TSTALIASID", sessionId, inputText });

    const valid = await call("s-valid", `Validate this order: ${order}`);
    expect(valid.text).toBe("VALID: every product of the order is in stock.");
    expect(valid.sessionId).toBe("s-valid");
    expect(valid.contentType).toBe("application/json");

    const outOfStock = await call("s-oos", `Validate this order: ${outOfStockOrder}`);
    expect(outOfStock.text).toBe("INVALID: Cloud Gadget (PROD456) is out of stock.");
    const inputs = orchestration(outOfStock.traces).flatMap((t) =>
      t.invocationInput ? [t.invocationInput] : [],
    );
    // One catalog call per product of the order, each in its own step, with the real field names.
    expect(inputs).toEqual([
      {
        traceId: expect.stringMatching(/-0$/),
        invocationType: "ACTION_GROUP",
        actionGroupInvocationInput: {
          actionGroupName: "product-catalog",
          apiPath: "/products/{productId}",
          verb: "get",
          executionType: "LAMBDA",
          parameters: [{ name: "productId", type: "string", value: "PROD123" }],
        },
      },
      expect.objectContaining({
        traceId: expect.stringMatching(/-1$/),
        actionGroupInvocationInput: expect.objectContaining({
          parameters: [{ name: "productId", type: "string", value: "PROD456" }],
        }),
      }),
    ]);
    const observations = orchestration(outOfStock.traces).flatMap((t) =>
      t.observation ? [t.observation] : [],
    );
    expect(JSON.parse(observations[1]?.actionGroupInvocationOutput?.text ?? "{}")).toMatchObject({
      productId: "PROD456",
      inStock: false,
    });
    expect(observations.at(-1)).toMatchObject({ type: "FINISH", finalResponse: { text: outOfStock.text } });

    const unknown = await call(
      "s-unknown",
      'Validate: {"orderId": "ORD-9", "items": [{"productId": "PROD999", "quantity": 1}]}',
    );
    expect(unknown.text).toBe("INVALID: product PROD999 does not exist in the catalog.");
  });
});

describe("traces", () => {
  it("carry the envelope on every event, one trace id per step, usage and timing metadata", async () => {
    await using env = await emulatorWithClient({ runtime: { localHandlers: FUNCTIONS } });
    const agentId = await createAgent(env.client, orderValidation());
    const out = await invoke(runtimeClient(env.emulator), {
      agentId,
      agentAliasId: "TSTALIASID",
      sessionId: "s-1",
      inputText: "Is PROD123 in stock?",
    });
    expect(out.traces.length).toBeGreaterThanOrEqual(9);
    for (const t of out.traces) {
      expect(t).toMatchObject({
        agentId,
        agentAliasId: "TSTALIASID",
        agentVersion: "DRAFT",
        sessionId: "s-1",
      });
      expect(t.callerChain).toEqual([
        { agentAliasArn: `arn:aws:bedrock:us-east-1:000000000000:agent-alias/${agentId}/TSTALIASID` },
      ]);
      expect(t.eventTime).toBeInstanceOf(Date);
    }
    const steps = orchestration(out.traces);
    const kinds = steps.map((s) => Object.keys(s)[0]);
    expect(kinds).toEqual([
      "modelInvocationInput",
      "modelInvocationOutput",
      "rationale",
      "invocationInput",
      "observation",
      "modelInvocationInput",
      "modelInvocationOutput",
      "rationale",
      "observation",
    ]);
    const ids = steps.map((s) => (Object.values(s)[0] as { traceId: string }).traceId);
    expect(new Set(ids.slice(0, 5)).size).toBe(1);
    expect(new Set(ids.slice(5)).size).toBe(1);
    expect(ids[0]).not.toBe(ids[5]);
    const output = steps[1]?.modelInvocationOutput;
    expect(output?.metadata?.usage?.inputTokens).toBeGreaterThan(0);
    expect(output?.metadata?.startTime).toBeInstanceOf(Date);
    expect(steps[0]?.modelInvocationInput).toMatchObject({
      type: "ORCHESTRATION",
      foundationModel: expect.any(String),
    });
    // The final answer arrives as one chunk after the traces.
    expect(out.events.at(-1)?.chunk).toBeDefined();
  });

  it("are left out without enableTrace", async () => {
    await using env = await emulatorWithClient({ runtime: { localHandlers: FUNCTIONS } });
    const agentId = await createAgent(env.client, orderValidation());
    const out = await invoke(runtimeClient(env.emulator), {
      agentId,
      agentAliasId: "TSTALIASID",
      sessionId: "s-1",
      inputText: "PROD456?",
      enableTrace: false,
    });
    expect(out.traces).toEqual([]);
    expect(out.text).toBe("INVALID: Cloud Gadget (PROD456) is out of stock.");
  });
});

describe("shipping", () => {
  it("reports the tracking number, or the provider's failure when the session asks for one", async () => {
    await using env = await emulatorWithClient({ runtime: { localHandlers: FUNCTIONS } });
    const agentId = await createAgent(env.client, {
      name: "shipping",
      script: sample("agents/scripts/shipping.yaml"),
      actionGroups: [shippingGroup],
    });
    const aliasId = await createAlias(env.client, agentId);
    const rt = runtimeClient(env.emulator);
    const shipped = await invoke(rt, {
      agentId,
      agentAliasId: aliasId,
      sessionId: "ship-1",
      inputText: order,
    });
    expect(shipped.text).toMatch(/^SHIPPED: order ORD-1001, tracking number TRACK-ORD-1001-\d{4}\.$/);
    // A numbered alias runs the version it routes to.
    expect(shipped.traces[0]).toMatchObject({ agentAliasId: aliasId, agentVersion: "1" });
    const body = shipped.traces.flatMap((t) => {
      const input = t.trace?.orchestrationTrace?.invocationInput?.actionGroupInvocationInput;
      return input ? [input] : [];
    })[0];
    expect(body?.requestBody?.content?.["application/json"]?.map((p) => p.name)).toEqual([
      "orderId",
      "items",
    ]);

    const failed = await invoke(rt, {
      agentId,
      agentAliasId: aliasId,
      sessionId: "ship-2",
      inputText: order,
      sessionState: { sessionAttributes: { shippingFailureRate: "1" } },
    });
    expect(failed.text).toBe("FAILED: The shipping provider could not create a shipment for order ORD-1001");
  });
});
