/**
 * Reading a scripted-model file (schemas/model-script.schema.json) for the runtime. The
 * thorough checks with positions are `agentctl validate`'s (src/local-assets/model-script.ts);
 * here a broken file only has to fail clearly, naming the file.
 */
import { readFileSync, statSync } from "node:fs";
import { yaml } from "../../../lazy-libraries.js";

export interface ScriptWhen {
  status?: number;
  state?: "FAILURE" | "REPROMPT";
  body?: Record<string, unknown>;
  denied?: boolean;
}

export interface ScriptCall {
  actionGroup?: string;
  operation?: string;
  parameters?: Record<string, unknown>;
  body?: Record<string, unknown>;
  /** A collaborator agent (by collaboratorName) and the message sent to it. */
  collaborator?: string;
  text?: string;
}

export interface ScriptRule {
  match: RegExp;
  each: boolean;
  call?: ScriptCall;
  /** Ask the user instead of answering (AMAZON.UserInput). */
  ask?: string;
  answers: { when?: ScriptWhen; text: string }[];
}

export interface ModelScript {
  file: string;
  rules: ScriptRule[];
  fallback?: string;
}

const cache = new Map<string, { mtimeMs: number; script: ModelScript }>();

/** Parsed once per file version: `local serve` picks up an edited script without a restart. */
export function loadScript(file: string): ModelScript {
  const mtimeMs = statSync(file).mtimeMs;
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.script;
  const script = parseScript(file, readFileSync(file, "utf8"));
  cache.set(file, { mtimeMs, script });
  return script;
}

function parseScript(file: string, text: string): ModelScript {
  const doc = yaml().parse(text) as { version?: unknown; rules?: unknown; fallback?: unknown } | null;
  if (doc === null || typeof doc !== "object") throw new Error("it is not a YAML mapping");
  if (doc.version !== 1) throw new Error("its version must be 1");
  if (!Array.isArray(doc.rules)) throw new Error("it has no rules list");
  const rules = doc.rules.map((raw, i): ScriptRule => {
    const rule = raw as Record<string, unknown>;
    if (typeof rule.match !== "string") throw new Error(`rules[${i}].match must be a regular expression`);
    let match: RegExp;
    try {
      match = new RegExp(rule.match);
    } catch (err) {
      throw new Error(`rules[${i}].match does not compile: ${(err as Error).message}`);
    }
    return {
      match,
      each: rule.each === true,
      ...(rule.call && typeof rule.call === "object" ? { call: rule.call as ScriptCall } : {}),
      ...(typeof rule.ask === "string" ? { ask: rule.ask } : {}),
      answers: Array.isArray(rule.answers) ? (rule.answers as ScriptRule["answers"]) : [],
    };
  });
  return { file, rules, ...(typeof doc.fallback === "string" ? { fallback: doc.fallback } : {}) };
}
