import { createHash } from "node:crypto";
import { conflict } from "../aws-error.js";
import type { ControlPlaneContext, OperationInput } from "./context.js";
import { optionalString } from "./input.js";

/**
 * clientToken handling (§2.5): a repeated create with the same token returns
 * what the first call created instead of creating it again. The same token
 * with different parameters is refused with ConflictException (the modeled
 * error of every create), as AWS does for idempotency-parameter mismatches.
 */
export interface Replay<Ref> {
  ref: Ref;
  /** The resource as first returned, for when it has since been deleted. */
  snapshot: unknown;
}

function fingerprint(input: OperationInput): string {
  const { clientToken: _ignored, ...rest } = input;
  return createHash("sha256").update(stableJson(rest)).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function findReplay<Ref>(
  ctx: ControlPlaneContext,
  operation: string,
  scope: string,
  input: OperationInput,
): Replay<Ref> | undefined {
  const token = optionalString(input, "clientToken");
  if (token === undefined) return undefined;
  const record = ctx.store.tokens.find(operation, scope, token);
  if (!record) return undefined;
  if (record.fingerprint !== fingerprint(input)) {
    throw conflict(
      `The clientToken ${token} was already used for a ${operation} request with different parameters. Use a new token for a different request.`,
    );
  }
  return record.resource as Replay<Ref>;
}

export function rememberToken<Ref>(
  ctx: ControlPlaneContext,
  operation: string,
  scope: string,
  input: OperationInput,
  replay: Replay<Ref>,
): void {
  const token = optionalString(input, "clientToken");
  if (token === undefined) return;
  ctx.store.tokens.save(
    operation,
    scope,
    token,
    { fingerprint: fingerprint(input), resource: replay },
    ctx.now(),
  );
}
