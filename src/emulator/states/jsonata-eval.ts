/**
 * JSONata mode: a string `{% expr %}` anywhere in Arguments, Output, Assign,
 * Items, ItemSelector or a Condition is an expression over `$states` and the
 * workflow variables, with the functions Step Functions adds. Any failure is
 * States.QueryEvaluationError, as in AWS.
 */
import { createHash, randomUUID } from "node:crypto";
import type jsonataType from "jsonata";
import { jsonata as lazyJsonata } from "../../lazy-libraries.js";
import { StatesError } from "./errors.js";
import type { Json, JsonObject } from "./types.js";

// Loaded by the first expression, not at start-up (lazy-libraries.ts).
const jsonata = (expression: string) => lazyJsonata()(expression);
const cache = new Map<string, ReturnType<typeof jsonataType>>();
const TEMPLATE = /^\{%([\s\S]*)%\}$/;

export function isJsonataTemplate(value: unknown): value is string {
  return typeof value === "string" && TEMPLATE.test(value.trim());
}

const queryError = (cause: string): StatesError => new StatesError("States.QueryEvaluationError", cause);

const HASHES: Record<string, string> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

/** The functions Step Functions adds to JSONata. */
const FUNCTIONS = {
  partition(array: unknown, size: number): unknown[] {
    if (!Array.isArray(array) || !Number.isInteger(size) || size <= 0)
      throw queryError("$partition takes an array and a positive integer size");
    const out: unknown[] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range(start: number, end: number, step: number): number[] {
    if (![start, end, step].every(Number.isFinite) || step === 0)
      throw queryError("$range takes start, end and a non-zero step");
    const out: number[] = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
      out.push(v);
      if (out.length > 1000) throw queryError("$range produces at most 1000 items");
    }
    return out;
  },
  hash(value: unknown, algorithm: string): string {
    const name = HASHES[algorithm];
    if (!name) throw queryError(`$hash: the algorithm must be one of ${Object.keys(HASHES).join(", ")}`);
    return createHash(name)
      .update(typeof value === "string" ? value : JSON.stringify(value))
      .digest("hex");
  },
  random(): number {
    return Math.random();
  },
  uuid(): string {
    return randomUUID();
  },
  parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw queryError(`$parse: ${(err as Error).message}`);
    }
  },
};

export interface JsonataScope {
  states: JsonObject;
  variable(name: string): Json | undefined;
  variableNames(): string[];
}

async function evaluateExpression(
  expression: string,
  scope: JsonataScope,
  field: string,
): Promise<Json | undefined> {
  let compiled = cache.get(expression);
  if (!compiled) {
    try {
      compiled = jsonata(expression);
    } catch (err) {
      throw queryError(
        `The JSONata expression '${expression}' for the field '${field}' is invalid: ${(err as Error).message}`,
      );
    }
    cache.set(expression, compiled);
  }
  const bindings: Record<string, unknown> = { ...FUNCTIONS, states: scope.states };
  for (const name of scope.variableNames()) bindings[name] = scope.variable(name);
  try {
    const result = (await compiled.evaluate(scope.states.input, bindings)) as unknown;
    // JSONata sequences carry a marker property; a plain copy is what the payload holds.
    return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as Json);
  } catch (err) {
    if (err instanceof StatesError) throw err;
    throw queryError(
      `An error occurred while executing the state. The JSONata expression '${expression}' specified for the field '${field}' threw an error: ${(err as Error).message}`,
    );
  }
}

/** Evaluates every `{% %}` in a template; an expression yielding nothing is an error. */
export async function evaluateTemplate(template: Json, scope: JsonataScope, field: string): Promise<Json> {
  if (typeof template === "string") {
    const match = TEMPLATE.exec(template.trim());
    if (!match) return template;
    const value = await evaluateExpression(match[1] as string, scope, field);
    if (value === undefined)
      throw queryError(
        `The JSONata expression '${match[1]?.trim()}' specified for the field '${field}' returned nothing (undefined).`,
      );
    return value;
  }
  if (Array.isArray(template)) {
    const out: Json[] = [];
    for (const [i, item] of template.entries())
      out.push(await evaluateTemplate(item, scope, `${field}[${i}]`));
    return out;
  }
  if (template !== null && typeof template === "object") {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(template))
      out[key] = await evaluateTemplate(value, scope, `${field}/${key}`);
    return out;
  }
  return template;
}
