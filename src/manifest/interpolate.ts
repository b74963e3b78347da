/**
 * Replaces `${region}`, `${account}` and `${env:NAME}` in every string value of a manifest
 * (map keys are left alone). `$${` stands for a literal `${`. Problems become diagnostics at the
 * placeholder itself, in block scalars too (see string-positions.ts).
 * `failedAt` lists where the strings that failed start, so later checks can stay quiet about them.
 */
import type { Diagnostic, Position } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import type { Locator } from "./schema-errors.js";
import { createPlaceholderLocator } from "./string-positions.js";
import type { InterpolationContext, PropertyPath } from "./types.js";

/** What a file may refer to: agentctl.yaml has no region or account yet (it chooses them). */
export interface PlaceholderValues {
  region?: string;
  account?: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Values for offline use: `region` is the project's region (else us-east-1) and `account` is the
 * local emulator's account, twelve zeros, the id that appears in the ARNs it mints. So validation
 * and local runs resolve `${account}` without credentials; a command that targets AWS passes the
 * caller's real account id (from STS) instead.
 */
export function defaultInterpolation(
  env: Readonly<Record<string, string | undefined>>,
  opts: { region?: string; account?: string } = {},
): InterpolationContext {
  return { region: opts.region ?? "us-east-1", account: opts.account ?? "000000000000", env };
}

interface Problem {
  /** Index in the raw string of the `${` that is wrong. */
  index: number;
  code: string;
  message: string;
  hint?: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Interpolates one string; `problems` is empty when every placeholder resolved. */
export function interpolateString(
  raw: string,
  values: PlaceholderValues,
): { value: string; problems: Problem[] } {
  if (!raw.includes("${")) return { value: raw, problems: [] };
  const problems: Problem[] = [];
  let out = "";
  let i = 0;
  while (i < raw.length) {
    if (raw.startsWith("$${", i)) {
      out += "${";
      i += 3;
      continue;
    }
    if (!raw.startsWith("${", i)) {
      out += raw[i];
      i += 1;
      continue;
    }
    const end = raw.indexOf("}", i + 2);
    if (end < 0) {
      problems.push({
        index: i,
        code: "manifest/unterminated-placeholder",
        message: `Placeholder ${snippet(raw, i)} has no closing "}".`,
        hint: 'Write "$${" for a literal "${".',
      });
      out += raw.slice(i);
      break;
    }
    const body = raw.slice(i + 2, end);
    const resolved = resolve(body, values);
    if (typeof resolved === "string") out += resolved;
    else {
      problems.push({ index: i, ...resolved });
      out += raw.slice(i, end + 1);
    }
    i = end + 1;
  }
  return { value: out, problems };
}

function resolve(body: string, values: PlaceholderValues): string | Omit<Problem, "index"> {
  if (body === "region" || body === "account") {
    const value = values[body];
    if (value !== undefined) return value;
    return {
      code: "manifest/unknown-placeholder",
      message: `"\${${body}}" is not available in this file.`,
      hint: `agentctl.yaml chooses the region; only \${env:NAME} can be used in it.`,
    };
  }
  if (body.startsWith("env:")) {
    const name = body.slice(4);
    if (!ENV_NAME.test(name)) {
      return {
        code: "manifest/unknown-placeholder",
        message: `"\${${body}}" does not name an environment variable.`,
        hint: "Environment variable names are letters, digits and _, not starting with a digit.",
      };
    }
    const value = values.env[name];
    if (value !== undefined) return value;
    return {
      code: "manifest/env-unset",
      message: `Environment variable ${name} is not set (used as "\${env:${name}}").`,
      hint: `Set ${name}, or replace the placeholder with a value.`,
    };
  }
  return {
    code: "manifest/unknown-placeholder",
    message: `Unknown placeholder "\${${body}}".`,
    hint: body.startsWith("agents.")
      ? `References to agents are resolved only in workflow templates. Use \${region}, \${account} or \${env:NAME} here.`
      : `Use \${region}, \${account} or \${env:NAME}; write "$\${" for a literal "\${".`,
  };
}

export interface Interpolated {
  /** A copy of the value with every string interpolated (failed placeholders left as written). */
  value: unknown;
  diagnostics: Diagnostic[];
  /** Where the strings with a failed placeholder start, and their paths. */
  failedAt: Position[];
  failedPaths: PropertyPath[];
  /** Where the strings whose placeholders were all replaced start: a type error there comes from a placeholder. */
  replacedAt: Position[];
}

/**
 * Interpolates every string of `value`. `source` is the file's text, used to point at the
 * placeholder itself inside the string.
 */
export function interpolateValue(
  value: unknown,
  doc: Locator,
  source: string,
  values: PlaceholderValues,
): Interpolated {
  const diagnostics: Diagnostic[] = [];
  const failedAt: Position[] = [];
  const failedPaths: PropertyPath[] = [];
  const replacedPaths: PropertyPath[] = [];
  const placeholderAt = createPlaceholderLocator(source);
  const walk = (node: unknown, path: PropertyPath): unknown => {
    if (typeof node === "string") {
      const { value: out, problems } = interpolateString(node, values);
      if (problems.length > 0) {
        failedAt.push(doc.locate(path));
        failedPaths.push(path);
      } else if (out !== node) replacedPaths.push(path);
      for (const p of problems) {
        const at = placeholderAt(path, node, p.index) ?? doc.locate(path);
        diagnostics.push(diagnostic(doc.file, at, "error", p.code, p.message, p.hint));
      }
      return out;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (typeof node === "object" && node !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(node)) copy[key] = walk(item, [...path, key]);
      return copy;
    }
    return node;
  };
  const interpolated = walk(value, []);
  let replacedAt: Position[] | undefined;
  return {
    value: interpolated,
    diagnostics,
    failedAt,
    failedPaths,
    // Positions cost a parse when the document came from a record (source/remembered-parse.ts):
    // found only if a type error asks.
    get replacedAt() {
      replacedAt ??= replacedPaths.map((path) => doc.locate(path));
      return replacedAt;
    },
  };
}

/**
 * Drops diagnostics about strings whose placeholders did not resolve: "${env:X} is not set" is the
 * problem, "the value does not match the pattern" only its echo.
 */
export function withoutEchoes(diagnostics: Diagnostic[], failedAt: readonly Position[]): Diagnostic[] {
  if (failedAt.length === 0) return diagnostics;
  return diagnostics.filter((d) => !failedAt.some((p) => p.line === d.line && p.column === d.column));
}

/**
 * The start of an unterminated placeholder, quoted for a one-line message: it runs to the end of
 * the string, which in a block scalar spans lines.
 */
function snippet(raw: string, index: number): string {
  const line = raw.slice(index).split(/\r?\n/)[0] ?? "";
  return JSON.stringify(line.length > 20 ? `${line.slice(0, 20)}…` : line);
}
