/**
 * The sample's action-group handlers, called with Lambda events in the shape
 * Bedrock sends (aws-behaviour.md §4.3) and checked against the response shape
 * Bedrock expects (§4.4).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ApiEvent, FunctionEvent } from "../../agents/handlers/bedrock-action-group.js";
import { handler as notify, recordedNotifications } from "../../agents/handlers/notify.js";
import { handler as productCatalog } from "../../agents/handlers/product-catalog.js";
import {
  failureRate,
  shipmentFails,
  handler as shippingProvider,
} from "../../agents/handlers/shipping-provider.js";

const envelope = {
  messageVersion: "1.0" as const,
  agent: { name: "order-validation", id: "AGENT12345", alias: "TSTALIASID", version: "DRAFT" },
  inputText: "Validate order ORD-1001",
  sessionId: "session-1",
  sessionAttributes: { tenant: "acme" },
  promptSessionAttributes: {},
};

function getProduct(productId: string): ApiEvent {
  return {
    ...envelope,
    actionGroup: "product-catalog",
    apiPath: "/products/{productId}",
    httpMethod: "GET",
    parameters: [{ name: "productId", type: "string", value: productId }],
  };
}

function createShipment(orderId: string, items = '[{"productId":"PROD123","quantity":1}]'): ApiEvent {
  return {
    ...envelope,
    actionGroup: "shipping-provider",
    apiPath: "/shipments",
    httpMethod: "POST",
    requestBody: {
      content: {
        "application/json": {
          properties: [
            { name: "orderId", type: "string", value: orderId },
            { name: "items", type: "array", value: items },
          ],
        },
      },
    },
  };
}

const body = (r: { response: { responseBody: Record<string, { body: string }> } }) =>
  JSON.parse(r.response.responseBody["application/json"]?.body ?? "null");

describe("product-catalog", () => {
  it("answers PROD123 as in stock, echoing the operation and session attributes", async () => {
    const r = await productCatalog(getProduct("PROD123"));
    expect(r).toMatchObject({
      messageVersion: "1.0",
      response: {
        actionGroup: "product-catalog",
        apiPath: "/products/{productId}",
        httpMethod: "GET",
        httpStatusCode: 200,
      },
      sessionAttributes: { tenant: "acme" },
    });
    expect(typeof r.response.responseBody["application/json"]?.body).toBe("string");
    expect(body(r)).toEqual({
      productId: "PROD123",
      productName: "AWS Widget Pro",
      price: 99.99,
      inStock: true,
    });
  });

  it("answers PROD456 as out of stock", async () => {
    expect(body(await productCatalog(getProduct("prod456")))).toMatchObject({
      productId: "PROD456",
      inStock: false,
    });
  });

  it("answers an unknown product with 404", async () => {
    const r = await productCatalog(getProduct("PROD999"));
    expect(r.response.httpStatusCode).toBe(404);
    expect(body(r)).toEqual({ message: "Product PROD999 not found" });
  });

  it("answers a missing id with 400 and another operation with 404", async () => {
    expect((await productCatalog({ ...getProduct("x"), parameters: [] })).response.httpStatusCode).toBe(400);
    expect((await productCatalog({ ...getProduct("x"), apiPath: "/orders" })).response.httpStatusCode).toBe(
      404,
    );
  });
});

describe("shipping-provider", () => {
  it("creates a shipment with a tracking number that is the same every time", async () => {
    const first = await shippingProvider(createShipment("ORD-1001"));
    expect(first.response).toMatchObject({ apiPath: "/shipments", httpMethod: "POST", httpStatusCode: 200 });
    expect(body(first)).toMatchObject({ status: "CREATED", orderId: "ORD-1001" });
    expect(body(first).trackingNumber).toMatch(/^TRACK-ORD-1001-\d{4}$/);
    expect(body(await shippingProvider(createShipment("ORD-1001")))).toEqual(body(first));
  });

  it("rejects a missing order id or items that are not a JSON array", async () => {
    expect((await shippingProvider(createShipment(""))).response.httpStatusCode).toBe(400);
    expect((await shippingProvider(createShipment("ORD-1", "PROD123"))).response.httpStatusCode).toBe(400);
  });

  it("fails deterministically by rate: never at 0, always at 1, a stable share in between", () => {
    const orders = Array.from({ length: 400 }, (_, i) => `ORD-${i}`);
    expect(orders.some((o) => shipmentFails(o, 0))).toBe(false);
    expect(orders.every((o) => shipmentFails(o, 1))).toBe(true);
    const failing = orders.filter((o) => shipmentFails(o, 0.25));
    expect(failing.length).toBeGreaterThan(60);
    expect(failing.length).toBeLessThan(140);
    expect(orders.filter((o) => shipmentFails(o, 0.25))).toEqual(failing);
  });

  it("reads SHIPPING_FAILURE_RATE leniently (unset or garbage means never)", () => {
    expect(failureRate(undefined)).toBe(0);
    expect(failureRate("")).toBe(0);
    expect(failureRate("often")).toBe(0);
    expect(failureRate("0.3")).toBe(0.3);
    expect(failureRate("7")).toBe(1);
  });
});

describe("notify", () => {
  const send = (parameters: FunctionEvent["parameters"]): FunctionEvent => ({
    ...envelope,
    actionGroup: "notify",
    function: "sendNotification",
    parameters,
  });

  it("records a notification and answers in the function-response shape", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "agentctl-notify-"));
    const file = path.join(dir, "notifications.jsonl");
    const before = recordedNotifications.length;
    process.env.NOTIFICATIONS_FILE = file;
    try {
      const r = await notify(
        send([
          { name: "orderId", type: "string", value: "ORD789" },
          { name: "message", type: "string", value: "PROD456 is out of stock" },
        ]),
      );
      expect(r.response).toMatchObject({ actionGroup: "notify", function: "sendNotification" });
      expect(r.response.functionResponse.responseState).toBeUndefined();
      expect(r.response.functionResponse.responseBody.TEXT.body).toMatch(
        /^Notification NTF-[0-9a-f]{8} recorded for order ORD789\.$/,
      );
      expect(recordedNotifications.slice(before)).toEqual([
        expect.objectContaining({ orderId: "ORD789", severity: "error", message: "PROD456 is out of stock" }),
      ]);
      const line = JSON.parse((await readFile(file, "utf8")).trim());
      expect(line).toMatchObject({ orderId: "ORD789", severity: "error" });
    } finally {
      delete process.env.NOTIFICATIONS_FILE;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("asks the model again when required parameters are missing", async () => {
    const r = await notify(send([{ name: "orderId", type: "string", value: "ORD1" }]));
    expect(r.response.functionResponse.responseState).toBe("REPROMPT");
  });
});
