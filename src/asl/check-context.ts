/**
 * What every ASL check receives: the definition as written (for positions and
 * messages), a prepared copy that the value and schema checks read (each check
 * replaces there the constructs it reported or owns: a renamed operator, an
 * agentctl resource, a placeholder, so later checks neither repeat nor reject
 * them), and a way to report at a key or at a value.
 */
import type { Diagnostic, Position, Severity } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import type { PropertyPath } from "../manifest/types.js";
import type { JsonObject, StateRef } from "./states.js";

export interface AslValidationOptions {
  /** Names of the project's agents, for `agentctl:invokeAgent` tasks and `${agents.NAME.…}`. */
  agentNames: readonly string[];
  /** Aliases each agent declares; when an agent is listed here, `Alias:` must be one of them. */
  aliases?: Readonly<Record<string, readonly string[]>>;
}

export interface CheckContext {
  file: string;
  definition: JsonObject;
  prepared: JsonObject;
  states: StateRef[];
  opts: AslValidationOptions;
  diagnostics: Diagnostic[];
  /** Report at the key of the property at `path` (falls back to its value). */
  atKey(path: PropertyPath, severity: Severity, code: string, message: string, hint?: string): void;
  /** Report at the value at `path`. */
  atValue(path: PropertyPath, severity: Severity, code: string, message: string, hint?: string): void;
}

export interface Locator {
  locate(path: PropertyPath): Position;
  locateKey(path: PropertyPath): Position;
}

export function createCheckContext(
  file: string,
  definition: JsonObject,
  prepared: JsonObject,
  states: StateRef[],
  locator: Locator,
  opts: AslValidationOptions,
): CheckContext {
  const diagnostics: Diagnostic[] = [];
  return {
    file,
    definition,
    prepared,
    states,
    opts,
    diagnostics,
    atKey(path, severity, code, message, hint) {
      diagnostics.push(diagnostic(file, locator.locateKey(path), severity, code, message, hint));
    },
    atValue(path, severity, code, message, hint) {
      diagnostics.push(diagnostic(file, locator.locate(path), severity, code, message, hint));
    },
  };
}

/** `Retry[0].MaxAttempts`, `Parameters.Payload.$`: how a field is named in messages. */
export function describePath(path: PropertyPath): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? key : `.${key}`;
  }
  return out;
}
