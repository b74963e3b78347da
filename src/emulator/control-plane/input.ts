import { validationError } from "../aws-error.js";
import type { OperationInput } from "./context.js";

/*
 * Typed reads of an operation's input. Shapes were already checked by the
 * validation module; these only narrow types (and fail loudly, not with a
 * crash, if a shape rule was missed).
 */

export function requiredString(input: OperationInput, name: string): string {
  const value = input[name];
  if (typeof value !== "string") {
    throw validationError(
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null`,
      [{ name, message: "Member must not be null" }],
    );
  }
  return value;
}

export function optionalString(input: OperationInput, name: string): string | undefined {
  const value = input[name];
  return typeof value === "string" ? value : undefined;
}

export function optionalNumber(input: OperationInput, name: string): number | undefined {
  const value = input[name];
  return typeof value === "number" ? value : undefined;
}

export function optionalBoolean(input: OperationInput, name: string): boolean | undefined {
  const value = input[name];
  return typeof value === "boolean" ? value : undefined;
}

export function optionalObject<T extends object = Record<string, unknown>>(
  input: OperationInput,
  name: string,
): T | undefined {
  const value = input[name];
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as T) : undefined;
}

export function optionalArray<T = unknown>(input: OperationInput, name: string): T[] | undefined {
  const value = input[name];
  return Array.isArray(value) ? (value as T[]) : undefined;
}

/** Copies the members that are present, so stored documents never hold `undefined`/null keys. */
export function presentMembers(input: OperationInput, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = input[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}

/** Keeps only the listed keys of a stored document: the response shape (§2.3). */
export function pick<T extends object>(doc: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = doc as Record<string, unknown>;
  for (const key of keys) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}
