/** Reading awsJson1_0 request members, with AWS's ValidationException wording for missing ones. */
import { serializationError } from "../aws-error.js";
import { sfnError } from "./errors.js";

export type SfnInput = Record<string, unknown>;

export function parseBody(body: Buffer): SfnInput {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch (err) {
    throw serializationError(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw serializationError("The request body must be a JSON object.");
  return value as SfnInput;
}

export function required(input: SfnInput, field: string): string {
  const value = input[field];
  if (value === undefined || value === null)
    throw sfnError(
      "ValidationException",
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  if (typeof value !== "string")
    throw sfnError("ValidationException", `The member ${field} must be a string.`);
  return value;
}

export function optional(input: SfnInput, field: string, max?: number): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw sfnError("ValidationException", `The member ${field} must be a string.`);
  if (max !== undefined && value.length > max)
    throw sfnError(
      "ValidationException",
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  return value;
}

export function optionalInt(input: SfnInput, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    throw sfnError(
      "ValidationException",
      `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must be between ${min} and ${max}`,
    );
  return value;
}

export function optionalBool(input: SfnInput, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean")
    throw sfnError("ValidationException", `The member ${field} must be a boolean.`);
  return value;
}

/** Page tokens are opaque, bound to the list they came from. */
export function encodePageToken(list: string, after: number): string {
  return Buffer.from(JSON.stringify({ l: list, a: after })).toString("base64url");
}

export function decodePageToken(input: SfnInput, list: string): number | undefined {
  const token = optional(input, "nextToken");
  if (token === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as {
      l?: unknown;
      a?: unknown;
    };
    if (parsed.l === list && typeof parsed.a === "number") return parsed.a;
  } catch {
    // falls through to InvalidToken
  }
  throw sfnError("InvalidToken", "Invalid Token: the nextToken does not come from this list.");
}
