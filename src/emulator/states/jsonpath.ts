/**
 * JSONPath as Step Functions reads it: `$…` selects from the state input,
 * `$$…` from the context object, `$name…` from a workflow variable. A definite
 * path (no wildcard, filter, slice, union or descent) yields one value and
 * fails when nothing is there; an indefinite one yields the array of matches.
 */
import { jsonPathPlus } from "../../lazy-libraries.js";
import { StatesError } from "./errors.js";
import type { Json, JsonObject } from "./types.js";

export interface PathScope {
  input: Json;
  context: Json;
  variable(name: string): Json | undefined;
}

const VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s;
const INDEFINITE = /\*|\.\.|\?\(|@|\[[^\]]*[,:][^\]]*\]/;

export function isDefinite(path: string): boolean {
  return !INDEFINITE.test(path);
}

/** Thrown with the caller's error name (States.Runtime, States.ParameterPathFailure, …). */
export class PathNotFound extends Error {
  readonly path: string;
  constructor(path: string) {
    super(`The JSONPath ${path} could not be found in the input`);
    this.path = path;
  }
}

function query(path: string, json: Json): Json[] {
  try {
    return jsonPathPlus().JSONPath({ path, json: json as never, wrap: true }) as Json[];
  } catch (err) {
    throw new StatesError("States.Runtime", `Invalid JSONPath ${path}: ${(err as Error).message}`);
  }
}

/** Splits a path into the document it reads and the path within that document. */
function target(path: string, scope: PathScope): { json: Json; inner: string } {
  if (path.startsWith("$$")) return { json: scope.context, inner: `$${path.slice(2)}` };
  const variable = VARIABLE.exec(path);
  if (variable) {
    const name = variable[1] as string;
    const value = scope.variable(name);
    if (value === undefined) throw new StatesError("States.Runtime", `The variable $${name} is not defined`);
    return { json: value, inner: `$${variable[2] ?? ""}` };
  }
  if (!path.startsWith("$"))
    throw new StatesError("States.Runtime", `${path} is not a JSONPath (it must start with $)`);
  return { json: scope.input, inner: path };
}

/** Reads a path; throws PathNotFound for a definite path with no match. */
export function readPath(path: string, scope: PathScope): Json {
  const { json, inner } = target(path, scope);
  if (inner === "$") return json;
  const matches = query(inner, json);
  if (!isDefinite(inner)) return matches;
  if (matches.length === 0) throw new PathNotFound(path);
  return matches[0] as Json;
}

/** Like readPath, but undefined where nothing matches (Choice's IsPresent). */
export function probePath(path: string, scope: PathScope): Json | undefined {
  try {
    return readPath(path, scope);
  } catch (err) {
    if (err instanceof PathNotFound) return undefined;
    if (err instanceof StatesError && /is not defined/.test(err.causeText)) return undefined;
    throw err;
  }
}

type Segment = string | number;

/** Parses a reference path (`$`, `$.a.b`, `$['a b'][0]`) into its segments. */
export function referenceSegments(path: string): Segment[] {
  if (!path.startsWith("$") || path.startsWith("$$"))
    throw new StatesError("States.Runtime", `${path} is not a reference path`);
  const segments: Segment[] = [];
  const re = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) throw new StatesError("States.Runtime", `${path} is not a reference path`);
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(m[2].replace(/\\(.)/g, "$1"));
    else if (m[3] !== undefined) segments.push(m[3].replace(/\\(.)/g, "$1"));
    else segments.push(Number(m[4]));
  }
  return segments;
}

/**
 * ResultPath: a copy of `input` with `value` placed at `path` (`$` = the value
 * itself). Missing objects on the way are created; a non-object on the way is
 * States.ResultPathMatchFailure, as in AWS.
 */
export function writePath(input: Json, path: string, value: Json): Json {
  const segments = referenceSegments(path);
  if (segments.length === 0) return value;
  const fail = (): StatesError =>
    new StatesError(
      "States.ResultPathMatchFailure",
      `Unable to apply ResultPath ${path} to input ${JSON.stringify(input)}`,
    );
  if (input === null || typeof input !== "object") throw fail();
  const root = structuredClone(input) as JsonObject | Json[];
  let node: JsonObject | Json[] = root;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const container = node as Record<string | number, Json>;
    if (Array.isArray(node) && typeof segment !== "number") throw fail();
    if (last) {
      container[segment] = value;
      return;
    }
    let next = container[segment];
    if (next === undefined) {
      next = {};
      container[segment] = next;
    }
    if (next === null || typeof next !== "object") throw fail();
    node = next;
  });
  return root;
}
