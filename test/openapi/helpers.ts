import type { Diagnostic } from "../../src/diagnostics.js";
import type { OpenApiResult } from "../../src/openapi/index.js";
import { validateOpenApiText } from "../../src/openapi/index.js";

/** Validates inline schema text as if it were `file` (no other file is read unless it $refs one). */
export function check(
  text: string,
  actionGroupName = "Shop",
  file = "/virtual/shop.yaml",
): Promise<OpenApiResult> {
  return validateOpenApiText(text, file, { actionGroupName });
}

/** `line:col severity` of every diagnostic with `code`, in document order. */
export function where(result: OpenApiResult | Diagnostic[], code: string): string[] {
  const list = Array.isArray(result) ? result : result.diagnostics;
  return list.filter((d) => d.code === code).map((d) => `${d.line}:${d.column} ${d.severity}`);
}

export function codes(result: OpenApiResult | Diagnostic[]): string[] {
  const list = Array.isArray(result) ? result : result.diagnostics;
  return list.map((d) => d.code);
}

export function first(result: OpenApiResult, code: string): Diagnostic {
  const d = result.diagnostics.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} in ${JSON.stringify(result.diagnostics, null, 2)}`);
  return d;
}

/**
 * A clean schema: one GET with a path parameter and a typed response. Line numbers are
 * stable so tests can splice in variations: `/items/{id}` is line 6, `get:` line 7.
 */
export const CLEAN = `openapi: 3.0.0
info:
  title: Shop
  version: "1"
paths:
  /items/{id}:
    get:
      operationId: getItem
      description: Returns one item.
      parameters:
        - name: id
          in: path
          required: true
          description: Item id
          schema:
            type: string
      responses:
        "200":
          description: The item
          content:
            application/json:
              schema:
                type: object
                properties:
                  name:
                    type: string
`;

/** One POST operation at `/items` with the given body and operation fields, starting at line 6. */
export function post(body: string, extra = ""): string {
  return `openapi: 3.0.0
info:
  title: Shop
  version: "1"
paths:
  /items:
    post:
      operationId: addItem
      description: Adds an item.
${extra}      requestBody:
${body}      responses:
        "200":
          description: Added
`;
}
