/**
 * Action-group handler for shipping-provider (openapi/shipping-provider.yaml):
 * POST /shipments creates a shipment and returns a tracking number.
 *
 * The seed article's provider failed at random (10%). Here failures are
 * deterministic so tests and demos are repeatable: set SHIPPING_FAILURE_RATE to a
 * number from 0 to 1 and an order fails when a hash of its id, mapped onto [0, 1),
 * is below that rate. The default is 0 (never fails); 1 makes every order fail;
 * the same order id always gets the same outcome for a given rate. A session
 * attribute `shippingFailureRate` (sent with InvokeAgent's sessionState) overrides
 * the variable for that session, so one test or demo can fail without affecting others.
 */
import type { ApiEvent, ApiResponse, EventParameter } from "./bedrock-action-group.js";

export async function handler(event: ApiEvent): Promise<ApiResponse> {
  const respond = (httpStatusCode: number, body: unknown): ApiResponse => ({
    messageVersion: "1.0",
    response: {
      actionGroup: event.actionGroup,
      apiPath: event.apiPath,
      httpMethod: event.httpMethod,
      httpStatusCode,
      responseBody: { "application/json": { body: JSON.stringify(body) } },
    },
    sessionAttributes: event.sessionAttributes ?? {},
    promptSessionAttributes: event.promptSessionAttributes ?? {},
  });

  if (event.apiPath !== "/shipments" || event.httpMethod.toUpperCase() !== "POST") {
    return respond(404, { message: `Unknown operation ${event.httpMethod} ${event.apiPath}` });
  }
  const properties = event.requestBody?.content["application/json"]?.properties ?? [];
  const orderId = propertyValue(properties, "orderId")?.trim();
  if (!orderId) return respond(400, { message: "orderId is required" });
  const items = parseItems(propertyValue(properties, "items"));
  if (!items)
    return respond(400, { message: "items must be a non-empty JSON array of {productId, quantity}" });

  const rate = failureRate(event.sessionAttributes?.shippingFailureRate ?? process.env.SHIPPING_FAILURE_RATE);
  if (shipmentFails(orderId, rate)) {
    return respond(502, {
      status: "FAILED",
      errorCode: "EXTERNAL_API_ERROR",
      message: `The shipping provider could not create a shipment for order ${orderId}`,
    });
  }
  const suffix = String(1000 + (hash(`tracking:${orderId}`) % 9000));
  return respond(200, { status: "CREATED", orderId, trackingNumber: `TRACK-${orderId}-${suffix}` });
}

/** True when this order fails at this rate; see the file comment. */
export function shipmentFails(orderId: string, rate: number): boolean {
  return hash(orderId) / 2 ** 32 < rate;
}

/** SHIPPING_FAILURE_RATE as a number in [0, 1]; anything unset or unparsable means 0. */
export function failureRate(raw: string | undefined): number {
  const rate = Number(raw);
  if (raw === undefined || raw.trim() === "" || !Number.isFinite(rate)) return 0;
  return Math.min(1, Math.max(0, rate));
}

function propertyValue(properties: EventParameter[], name: string): string | undefined {
  return properties.find((p) => p.name === name)?.value;
}

/** Bedrock passes every value as a string: an array arrives as its JSON text. */
function parseItems(raw: string | undefined): unknown[] | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.length > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** FNV-1a, 32 bits: small, stable across runtimes, good enough to spread order ids. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
