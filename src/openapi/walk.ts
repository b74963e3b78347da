/** Iteration over a schema's operations and their parameters, following `$ref`s with positions kept. */
import type { DocumentSet } from "./documents.js";
import { child, deref, isObject, type Located } from "./refs.js";

/** The operation keys of an OpenAPI 3.0 Path Item object. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

function isHttpMethod(key: string): key is (typeof HTTP_METHODS)[number] {
  return (HTTP_METHODS as readonly string[]).includes(key);
}

export interface OperationSite {
  /** The path key, e.g. `/weather/{city}`. */
  path: string;
  method: (typeof HTTP_METHODS)[number];
  /** The operation object (after `$ref`s of the path item). */
  at: Located;
  /** The path item, for its shared `parameters`. */
  pathItem: Located;
}

export function pathsOf(set: DocumentSet): Located {
  return child({ doc: set.root, path: [], value: set.root.value }, "paths");
}

export function operationSites(set: DocumentSet): OperationSite[] {
  const paths = pathsOf(set);
  if (!isObject(paths.value)) return [];
  const sites: OperationSite[] = [];
  for (const key of Object.keys(paths.value)) {
    if (key.startsWith("x-")) continue;
    const pathItem = deref(set, child(paths, key));
    if (!pathItem || !isObject(pathItem.value)) continue;
    // Document order, so "the first operation using this id" means the first one the reader sees.
    for (const method of Object.keys(pathItem.value)) {
      if (!isHttpMethod(method)) continue;
      sites.push({ path: key, method, at: child(pathItem, method), pathItem });
    }
  }
  return sites;
}

/**
 * The operation's parameters after `$ref`s, with path-level ones it does not override
 * (OpenAPI: an operation parameter replaces a path parameter with the same name and `in`).
 */
export function parametersOf(set: DocumentSet, site: OperationSite): Located[] {
  const list = (holder: Located): Located[] => {
    const params = child(holder, "parameters");
    if (!Array.isArray(params.value)) return [];
    // A `$ref` that does not resolve is checkRefs' to report; kept as is, its `{$ref}`
    // object would read as a parameter with no name, description or schema.
    return params.value.flatMap((_, i) => deref(set, child(params, i)) ?? []);
  };
  const own = list(site.at);
  const identity = (p: Located) => (isObject(p.value) ? `${String(p.value.in)}:${String(p.value.name)}` : "");
  const ownKeys = new Set(own.map(identity));
  return [...list(site.pathItem).filter((p) => !ownKeys.has(identity(p))), ...own];
}

/** True when a parameter of the operation (or its path) is a `$ref` that does not resolve. */
export function hasUnresolvedParameters(set: DocumentSet, site: OperationSite): boolean {
  return [site.at, site.pathItem].some((holder) => {
    const params = child(holder, "parameters");
    return Array.isArray(params.value) && params.value.some((_, i) => !deref(set, child(params, i)));
  });
}
