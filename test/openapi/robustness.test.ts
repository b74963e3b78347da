/**
 * Bad input never produces an exception: mangle a schema at every node, one node at a
 * time, with values of the wrong kind, and require a verdict each time.
 */
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { check, post } from "./helpers.js";

// Each run costs a swagger-parser validation (~30 ms): a few values of each wrong kind suffice.
const WRONG_VALUES: unknown[] = [null, "x", [{}], { $ref: "#" }];

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (typeof value === "object" && value !== null) {
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }
  return [prefix];
}

function replaced(root: unknown, at: (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at[at.length - 1] as string | number] = value;
  return copy;
}

const SAMPLE = `${post(
  `        content:
          application/json:
            schema:
              $ref: "#/components/schemas/Item"
`,
  "      x-requireConfirmation: ENABLED\n",
)}components:
  schemas:
    Item:
      type: object
      properties:
        tags:
          type: array
          items: {type: string, enum: [a, b]}
`;

describe("robustness", () => {
  for (const [name, text] of [["SAMPLE", SAMPLE]] as const) {
    it(`returns diagnostics for every single-node corruption of ${name}`, async () => {
      const doc = parse(text) as unknown;
      let runs = 0;
      for (const at of paths(doc)) {
        for (const value of WRONG_VALUES) {
          const mangled = stringify(replaced(doc, at, value));
          const result = await check(mangled);
          expect(Array.isArray(result.diagnostics)).toBe(true);
          expect(Array.isArray(result.operations)).toBe(true);
          runs++;
        }
      }
      expect(runs).toBeGreaterThan(100);
    });
  }
});
