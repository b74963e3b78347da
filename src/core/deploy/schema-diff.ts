/**
 * What changed in an action group's tool definitions, as operations: OpenAPI operations
 * ("GET /products/{productId}") or function names, added, removed or changed.
 */
import { parse } from "yaml";
import { stableJson } from "./canonical.js";
import type { SchemaOperations } from "./plan-types.js";
import type { ActionGroupFields, FunctionDefinition } from "./ports.js";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

function operations(group: ActionGroupFields | undefined): Map<string, string> {
  const ops = new Map<string, string>();
  if (!group) return ops;
  const payload = group.apiSchema?.payload;
  if (payload !== undefined) {
    let doc: unknown;
    try {
      doc = parse(payload);
    } catch {
      ops.set("(unparsable schema)", payload);
      return ops;
    }
    const paths = (doc as { paths?: Record<string, Record<string, unknown>> } | null)?.paths ?? {};
    for (const [p, item] of Object.entries(paths)) {
      for (const method of METHODS) {
        if (item && typeof item === "object" && method in item)
          ops.set(`${method.toUpperCase()} ${p}`, stableJson(item[method]));
      }
    }
  }
  for (const fn of group.functionSchema?.functions ?? ([] as FunctionDefinition[]))
    ops.set(fn.name, stableJson(fn));
  return ops;
}

export function schemaOperations(
  before: ActionGroupFields | undefined,
  after: ActionGroupFields | undefined,
): SchemaOperations {
  const a = operations(before);
  const b = operations(after);
  return {
    added: [...b.keys()].filter((k) => !a.has(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
    changed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)),
  };
}
