/**
 * `$ref` resolution over a DocumentSet that keeps track of where each resolved value
 * lives, so a rule broken inside `components` is reported at its own line, not at the
 * `$ref` that led there. Never follows a cycle forever and never fetches a URL.
 */
import type { PropertyPath } from "../manifest/types.js";
import type { DocumentSet, SchemaDocument } from "./documents.js";

/** A value together with the document and path it was found at. */
export interface Located {
  doc: SchemaDocument;
  path: PropertyPath;
  value: unknown;
}

export type RefTarget =
  | { kind: "ok"; at: Located }
  | { kind: "remote" | "outside" | "unreadable" | "missing"; message: string };

/** Keys whose contents are literal data, never schema objects holding `$ref`s. */
const LITERAL_KEYS = new Set(["example", "default", "enum", "const"]);

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function refOf(v: unknown): string | undefined {
  return isObject(v) && typeof v.$ref === "string" ? v.$ref : undefined;
}

export function child(at: Located, key: string | number): Located {
  const container = at.value as Record<string | number, unknown> | undefined;
  const value = isObject(container) || Array.isArray(container) ? container[key] : undefined;
  return { doc: at.doc, path: [...at.path, key], value };
}

function splitRef(ref: string): { file: string; pointer: string } {
  const hash = ref.indexOf("#");
  return hash < 0 ? { file: ref, pointer: "" } : { file: ref.slice(0, hash), pointer: ref.slice(hash + 1) };
}

export function isRemoteRef(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(splitRef(ref).file) && !/^file:/i.test(ref);
}

/** JSON pointer (RFC 6901, URI-fragment encoded) to a property path over `root`. */
export function pointerToPath(pointer: string, root: unknown): PropertyPath | undefined {
  if (pointer === "" || pointer === "/") return pointer === "" ? [] : [""];
  if (!pointer.startsWith("/")) return undefined;
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    let token: string;
    try {
      token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined;
    }
    if (Array.isArray(node) && /^\d+$/.test(token)) {
      out.push(Number(token));
      node = node[Number(token)];
    } else if (isObject(node) && Object.hasOwn(node, token)) {
      out.push(token);
      node = node[token];
    } else {
      return undefined;
    }
  }
  return out;
}

export function valueAt(root: unknown, p: PropertyPath): unknown {
  let node = root;
  for (const key of p) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node;
}

export function resolveRef(set: DocumentSet, from: SchemaDocument, ref: string): RefTarget {
  if (isRemoteRef(ref)) {
    return { kind: "remote", message: `"${ref}" points to a URL; agentctl never fetches remote $refs` };
  }
  const { file, pointer } = splitRef(ref);
  let doc = from;
  if (file !== "") {
    const abs = set.fileOf(from.file, file.replace(/^file:\/\//i, ""));
    if (!set.isInsideRoot(abs) && abs !== from.file) {
      return { kind: "outside", message: `"${ref}" points outside the schema's directory` };
    }
    const outcome = set.peek(abs);
    if (!outcome) return { kind: "unreadable", message: `"${ref}": ${set.displayPath(abs)} was not loaded` };
    if ("error" in outcome) return { kind: "unreadable", message: `"${ref}": ${outcome.error}` };
    doc = outcome.doc;
  }
  const p = pointerToPath(pointer, doc.value);
  if (!p) {
    return {
      kind: "missing",
      message: `"${ref}" does not point to anything in ${set.displayPath(doc.file)}`,
    };
  }
  return { kind: "ok", at: { doc, path: p, value: valueAt(doc.value, p) } };
}

/**
 * Follows a chain of `$ref`s to the value it ends at. Returns undefined when a link is
 * broken or the chain loops (both are reported by checkRefs).
 */
export function deref(set: DocumentSet, at: Located): Located | undefined {
  let current = at;
  const seen = new Set<string>();
  for (let ref = refOf(current.value); ref !== undefined; ref = refOf(current.value)) {
    const target = resolveRef(set, current.doc, ref);
    if (target.kind !== "ok") return undefined;
    const key = `${target.at.doc.file}#${JSON.stringify(target.at.path)}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    current = target.at;
  }
  return current;
}

/** Every `$ref` string inside `at` (not following them), with the path of the object holding it. */
export function collectRefs(at: Located): { ref: string; at: Located }[] {
  const found: { ref: string; at: Located }[] = [];
  const walk = (node: Located): void => {
    const ref = refOf(node.value);
    if (ref !== undefined) found.push({ ref, at: node });
    if (Array.isArray(node.value)) for (let i = 0; i < node.value.length; i++) walk(child(node, i));
    else if (isObject(node.value)) {
      for (const key of Object.keys(node.value)) {
        if (key === "$ref" || LITERAL_KEYS.has(key) || key.startsWith("x-")) continue;
        walk(child(node, key));
      }
    }
  };
  walk(at);
  return found;
}

/** Loads every local file reachable through `$ref`s, so later checks can resolve synchronously. */
export async function preloadReferencedFiles(set: DocumentSet): Promise<void> {
  const queue: SchemaDocument[] = [set.root];
  const visited = new Set<string>([set.root.file]);
  while (queue.length > 0) {
    const doc = queue.shift() as SchemaDocument;
    for (const { ref } of collectRefs({ doc, path: [], value: doc.value })) {
      const file = splitRef(ref).file;
      if (file === "" || isRemoteRef(ref)) continue;
      const abs = set.fileOf(doc.file, file.replace(/^file:\/\//i, ""));
      if (visited.has(abs) || !set.isInsideRoot(abs)) continue;
      visited.add(abs);
      const outcome = await set.load(abs);
      if ("doc" in outcome) queue.push(outcome.doc);
    }
  }
}
