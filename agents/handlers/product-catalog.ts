/**
 * Action-group handler for product-catalog (openapi/product-catalog.yaml):
 * GET /products/{productId}. PROD123 is in stock, PROD456 is out of stock, any
 * other id is answered with 404. The same file runs in the local emulator and,
 * compiled, on Lambda.
 */
import type { ApiEvent, ApiResponse } from "./bedrock-action-group.js";

export interface Product {
  productId: string;
  productName: string;
  price: number;
  inStock: boolean;
}

const CATALOG: Record<string, Product> = {
  PROD123: { productId: "PROD123", productName: "AWS Widget Pro", price: 99.99, inStock: true },
  PROD456: { productId: "PROD456", productName: "Cloud Gadget", price: 49.99, inStock: false },
};

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

  if (event.apiPath !== "/products/{productId}" || event.httpMethod.toUpperCase() !== "GET") {
    return respond(404, { message: `Unknown operation ${event.httpMethod} ${event.apiPath}` });
  }
  const productId = event.parameters?.find((p) => p.name === "productId")?.value.trim();
  if (!productId) return respond(400, { message: "productId is required" });
  // Models sometimes change the case of ids they copy; the catalog's ids are upper case.
  const product = CATALOG[productId.toUpperCase()];
  if (!product) return respond(404, { message: `Product ${productId} not found` });
  return respond(200, product);
}
