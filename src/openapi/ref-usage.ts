/**
 * Which parts of which operations reach a `$ref` target, so a problem found inside
 * `components` (a cycle) can be explained for where it matters: a request body, a
 * response or a parameter.
 */
import type { DocumentSet } from "./documents.js";
import { child, collectRefs, type Located, resolveRef } from "./refs.js";
import { operationSites } from "./walk.js";

export type UsageKind = "request body" | "response" | "parameter";

export interface Usage {
  kind: UsageKind;
  /** `GET /items/{id}`. */
  operation: string;
}

export function targetKey(at: Located): string {
  return `${at.doc.file}#${JSON.stringify(at.path)}`;
}

/** For every `$ref` target reachable from an operation, the places that reach it (in document order). */
export function refUsages(set: DocumentSet): Map<string, Usage[]> {
  const usages = new Map<string, Usage[]>();
  for (const site of operationSites(set)) {
    const operation = `${site.method.toUpperCase()} ${site.path}`;
    const areas: [UsageKind, Located][] = [
      ["request body", child(site.at, "requestBody")],
      ["response", child(site.at, "responses")],
      ["parameter", child(site.at, "parameters")],
      ["parameter", child(site.pathItem, "parameters")],
    ];
    for (const [kind, at] of areas) {
      for (const key of reachableTargets(set, at)) {
        const list = usages.get(key) ?? [];
        if (!list.some((u) => u.kind === kind && u.operation === operation)) list.push({ kind, operation });
        usages.set(key, list);
      }
    }
  }
  return usages;
}

function reachableTargets(set: DocumentSet, start: Located): Set<string> {
  const reached = new Set<string>();
  const queue: Located[] = [start];
  while (queue.length > 0) {
    const at = queue.shift() as Located;
    for (const occurrence of collectRefs(at)) {
      const target = resolveRef(set, occurrence.at.doc, occurrence.ref);
      if (target.kind !== "ok") continue;
      const key = targetKey(target.at);
      if (reached.has(key)) continue;
      reached.add(key);
      queue.push(target.at);
    }
  }
  return reached;
}

/** Why a recursive schema is a problem where it is used, and what to write instead. */
const CIRCULAR_REASONS: Record<UsageKind, string> = {
  "request body":
    "Bedrock passes a request body to the action as a flat list of name/type/value properties, which cannot hold a recursive structure",
  response:
    "the agent learns what an operation returns from its response schema, and a recursive one cannot be written out in full for it",
  parameter:
    "Bedrock passes each parameter to the action as a single name/type/value entry, which cannot hold a recursive structure",
};

export function circularHint(usages: readonly Usage[]): string {
  if (usages.length === 0) {
    return "No operation uses it yet, but a schema sent to Bedrock must be bundled into one document, and a cycle cannot be inlined; end the recursion with a plain {type: object} described in words.";
  }
  const kinds = [...new Set(usages.map((u) => u.kind))];
  const reasons = kinds.map((k) => CIRCULAR_REASONS[k]).join("; ");
  const remedy =
    kinds.length === 1 && kinds[0] === "response"
      ? "end the recursion with a plain {type: object} whose description explains the nesting"
      : "replace the recursion with a plain object or a JSON string property";
  return `${reasons.charAt(0).toUpperCase()}${reasons.slice(1)}; ${remedy}.`;
}

export function describeUsage(usages: readonly Usage[]): string {
  const first = usages[0];
  if (!first) return "";
  const more = usages.length > 1 ? ` and ${usages.length - 1} more` : "";
  return ` (used by the ${first.kind} of ${first.operation}${more})`;
}
