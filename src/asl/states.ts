/**
 * Walks a state-machine definition: every state (including those nested in
 * Parallel branches and Map processors) with its property path and query
 * language, and every value with its path. The checks and the error mapper use
 * these paths to point diagnostics at file:line:col.
 */
import type { PropertyPath } from "../manifest/types.js";

export type QueryLanguage = "JSONPath" | "JSONata";
export type JsonObject = Record<string, unknown>;

export interface StateRef {
  name: string;
  /** Path of the state object, e.g. ["States", "Ship"] or ["States", "P", "Branches", 0, "States", "A"]. */
  path: PropertyPath;
  state: JsonObject;
  queryLanguage: QueryLanguage;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function languageOf(value: unknown, inherited: QueryLanguage): QueryLanguage {
  return value === "JSONata" || value === "JSONPath" ? value : inherited;
}

/** Every state in document order, depth first. */
export function collectStates(definition: JsonObject): StateRef[] {
  const found: StateRef[] = [];
  const visitMachine = (machine: unknown, path: PropertyPath, inherited: QueryLanguage) => {
    if (!isObject(machine) || !isObject(machine.States)) return;
    for (const [name, state] of Object.entries(machine.States)) {
      if (!isObject(state)) continue;
      const statePath = [...path, "States", name];
      const queryLanguage = languageOf(state.QueryLanguage, inherited);
      found.push({ name, path: statePath, state, queryLanguage });
      if (state.Type === "Parallel" && Array.isArray(state.Branches)) {
        state.Branches.forEach((branch, i) => {
          visitMachine(branch, [...statePath, "Branches", i], queryLanguage);
        });
      }
      if (state.Type === "Map") {
        for (const key of ["ItemProcessor", "Iterator"]) {
          if (isObject(state[key])) visitMachine(state[key], [...statePath, key], queryLanguage);
        }
      }
    }
  };
  visitMachine(definition, [], languageOf(definition.QueryLanguage, "JSONPath"));
  return found;
}

/** Calls `visit` for every value under `value` (itself included), parents before children. */
export function walkValues(
  value: unknown,
  path: PropertyPath,
  visit: (value: unknown, path: PropertyPath) => void,
): void {
  visit(value, path);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      walkValues(item, [...path, i], visit);
    });
  } else if (isObject(value)) for (const [k, v] of Object.entries(value)) walkValues(v, [...path, k], visit);
}

/** The value at `path`, or undefined. */
export function valueAt(root: unknown, path: PropertyPath): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === "number") node = node[key];
    else if (isObject(node) && typeof key === "string") node = node[key];
    else return undefined;
  }
  return node;
}

/** Sets the value at an existing `path` inside `root` (used on the prepared copy). */
export function setValueAt(root: unknown, path: PropertyPath, value: unknown): void {
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent) && typeof key === "number" && key < parent.length) parent[key] = value;
  else if (isObject(parent) && typeof key === "string" && key in parent) parent[key] = value;
}

/** Renames a key in place, keeping its position among the object's keys. */
export function renameKeyAt(root: unknown, path: PropertyPath, newKey: string): void {
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (!isObject(parent) || typeof key !== "string" || !(key in parent)) return;
  const entries = Object.entries(parent).map(([k, v]) => [k === key ? newKey : k, v] as const);
  for (const k of Object.keys(parent)) delete parent[k];
  for (const [k, v] of entries) parent[k] = v;
}

/**
 * Turns a JSON pointer from an ajv error (`/States/A/Choices/0`)
 * into a property path, using the document to tell array indexes from keys.
 */
export function pointerToPath(root: unknown, pointer: string): PropertyPath {
  if (pointer === "") return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.split("/").slice(1)) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      path.push(Number(segment));
      node = node[Number(segment)];
    } else {
      path.push(segment);
      node = isObject(node) ? node[segment] : undefined;
    }
  }
  return path;
}
