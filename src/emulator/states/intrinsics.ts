/**
 * The 18 intrinsic functions of JSONPath mode (`"x.$": "States.Format('{}', $.a)"`).
 * A small recursive-descent parser reads the call; arguments are string
 * literals, numbers, booleans, null, paths or nested calls.
 */
import { createHash, randomUUID } from "node:crypto";
import { StatesError } from "./errors.js";
import { type Node, Parser } from "./intrinsic-parser.js";
import { type PathScope, readPath } from "./jsonpath.js";
import type { Json } from "./types.js";

export { isIntrinsic } from "./intrinsic-parser.js";

const fail = (message: string): StatesError => new StatesError("States.IntrinsicFailure", message);

const deepEqual = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b);
const typeName = (v: Json): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

function expect<T extends Json>(fn: string, value: Json, kind: string, position: number): T {
  if (typeName(value) !== kind && !(kind === "integer" && Number.isInteger(value)))
    throw fail(`${fn}: argument ${position} must be a ${kind}, got ${typeName(value)}`);
  return value as T;
}

function arity(fn: string, args: Json[], min: number, max = min): void {
  if (args.length < min || args.length > max)
    throw fail(`${fn} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
}

/** A seed gives the same number every time (mulberry32's first draw). */
function seeded(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const HASHES: Record<string, string> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

const FUNCTIONS: Record<string, (args: Json[]) => Json> = {
  Format(args) {
    const template = expect<string>("States.Format", args[0] ?? null, "string", 1);
    const values = args.slice(1);
    let used = 0;
    const out = template.replace(/\\([{}\\'])|\{\}/g, (_whole, escaped: string | undefined) => {
      if (escaped !== undefined) return escaped;
      if (used >= values.length) throw fail("States.Format has more {} than arguments");
      const value = values[used++] as Json;
      return typeof value === "string" ? value : JSON.stringify(value);
    });
    if (used !== values.length) throw fail("States.Format has more arguments than {}");
    return out;
  },
  StringToJson(args) {
    arity("States.StringToJson", args, 1);
    try {
      return JSON.parse(expect<string>("States.StringToJson", args[0] as Json, "string", 1)) as Json;
    } catch (err) {
      throw fail(`States.StringToJson: ${(err as Error).message}`);
    }
  },
  JsonToString(args) {
    arity("States.JsonToString", args, 1);
    return JSON.stringify(args[0]);
  },
  Array: (args) => args,
  ArrayPartition(args) {
    arity("States.ArrayPartition", args, 2);
    const array = expect<Json[]>("States.ArrayPartition", args[0] as Json, "array", 1);
    const size = expect<number>("States.ArrayPartition", args[1] as Json, "integer", 2);
    if (size <= 0) throw fail("States.ArrayPartition: the chunk size must be positive");
    const out: Json[] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  ArrayContains(args) {
    arity("States.ArrayContains", args, 2);
    const array = expect<Json[]>("States.ArrayContains", args[0] as Json, "array", 1);
    return array.some((item) => deepEqual(item, args[1] as Json));
  },
  ArrayRange(args) {
    arity("States.ArrayRange", args, 3);
    const [start, end, step] = args.map((a, i) => expect<number>("States.ArrayRange", a, "integer", i + 1));
    if (step === 0) throw fail("States.ArrayRange: the step cannot be 0");
    const out: number[] = [];
    for (
      let v = start as number;
      (step as number) > 0 ? v <= (end as number) : v >= (end as number);
      v += step as number
    ) {
      out.push(v);
      if (out.length > 1000) throw fail("States.ArrayRange: at most 1000 items");
    }
    return out;
  },
  ArrayGetItem(args) {
    arity("States.ArrayGetItem", args, 2);
    const array = expect<Json[]>("States.ArrayGetItem", args[0] as Json, "array", 1);
    const index = expect<number>("States.ArrayGetItem", args[1] as Json, "integer", 2);
    if (index < 0 || index >= array.length)
      throw fail(`States.ArrayGetItem: index ${index} is out of bounds`);
    return array[index] as Json;
  },
  ArrayLength(args) {
    arity("States.ArrayLength", args, 1);
    return expect<Json[]>("States.ArrayLength", args[0] as Json, "array", 1).length;
  },
  ArrayUnique(args) {
    arity("States.ArrayUnique", args, 1);
    const seen = new Set<string>();
    return expect<Json[]>("States.ArrayUnique", args[0] as Json, "array", 1).filter((item) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
  Base64Encode(args) {
    arity("States.Base64Encode", args, 1);
    return Buffer.from(expect<string>("States.Base64Encode", args[0] as Json, "string", 1), "utf8").toString(
      "base64",
    );
  },
  Base64Decode(args) {
    arity("States.Base64Decode", args, 1);
    return Buffer.from(
      expect<string>("States.Base64Decode", args[0] as Json, "string", 1),
      "base64",
    ).toString("utf8");
  },
  Hash(args) {
    arity("States.Hash", args, 2);
    const algorithm = HASHES[expect<string>("States.Hash", args[1] as Json, "string", 2)];
    if (!algorithm) throw fail(`States.Hash: the algorithm must be one of ${Object.keys(HASHES).join(", ")}`);
    const data = args[0] as Json;
    return createHash(algorithm)
      .update(typeof data === "string" ? data : JSON.stringify(data))
      .digest("hex");
  },
  JsonMerge(args) {
    arity("States.JsonMerge", args, 3);
    const a = expect<Record<string, Json>>("States.JsonMerge", args[0] as Json, "object", 1);
    const b = expect<Record<string, Json>>("States.JsonMerge", args[1] as Json, "object", 2);
    if (args[2] !== false) throw fail("States.JsonMerge: only a shallow merge (false) is supported");
    return { ...a, ...b };
  },
  MathRandom(args) {
    arity("States.MathRandom", args, 2, 3);
    const start = expect<number>("States.MathRandom", args[0] as Json, "integer", 1);
    const end = expect<number>("States.MathRandom", args[1] as Json, "integer", 2);
    const random =
      args[2] === undefined
        ? Math.random()
        : seeded(expect<number>("States.MathRandom", args[2] as Json, "integer", 3));
    return start + Math.floor(random * (end - start));
  },
  MathAdd(args) {
    arity("States.MathAdd", args, 2);
    return (
      expect<number>("States.MathAdd", args[0] as Json, "integer", 1) +
      expect<number>("States.MathAdd", args[1] as Json, "integer", 2)
    );
  },
  StringSplit(args) {
    arity("States.StringSplit", args, 2);
    const text = expect<string>("States.StringSplit", args[0] as Json, "string", 1);
    const delimiters = [...expect<string>("States.StringSplit", args[1] as Json, "string", 2)];
    const parts: string[] = [];
    let current = "";
    for (const c of text) {
      if (delimiters.includes(c)) {
        if (current) parts.push(current);
        current = "";
      } else current += c;
    }
    if (current) parts.push(current);
    return parts;
  },
  UUID(args) {
    arity("States.UUID", args, 0);
    return randomUUID();
  },
};

function evaluate(node: Node, scope: PathScope): Json {
  if (node.kind === "literal") return node.value;
  if (node.kind === "path") return readPath(node.path, scope);
  const fn = FUNCTIONS[node.name];
  if (!fn) throw fail(`States.${node.name} is not an intrinsic function`);
  return fn(
    node.args.map((arg, i) =>
      node.name === "Format" && i === 0 && arg.kind === "literal" && arg.raw !== undefined
        ? arg.raw
        : evaluate(arg, scope),
    ),
  );
}

export function evaluateIntrinsic(text: string, scope: PathScope): Json {
  return evaluate(new Parser(text).parseAll(), scope);
}
