import type { IncomingHttpHeaders } from "node:http";
import type { AccountContext } from "../account/context.js";
import type { Reply } from "../server/reply.js";

/** What a Lambda operation receives: path labels, query, body and headers (restJson1, §1.3). */
export interface LambdaInput {
  /** The `{FunctionName}` path label as sent (name, partial ARN or ARN), decoded. */
  functionName: string;
  /** `{StatementId}` (RemovePermission) or `{Resource}` (tags), decoded. */
  label: string;
  query: Record<string, string | string[]>;
  /** The JSON body (empty object when none). */
  body: Record<string, unknown>;
  /** The raw body: Invoke's payload. */
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

export interface LambdaResult {
  status: number;
  /** JSON body; undefined for none (204). */
  body?: unknown;
}

export type LambdaOperation =
  /** Runs inside one transaction (writes BEGIN IMMEDIATE). */
  | { mode: "read" | "write"; run(ctx: AccountContext, input: LambdaInput): LambdaResult }
  /** Does its own transactions and answers in full (Invoke). */
  | { mode: "async"; run(ctx: AccountContext, input: LambdaInput): Promise<Reply> };

export const queryString = (query: LambdaInput["query"], key: string): string | undefined => {
  const value = query[key];
  return Array.isArray(value) ? value[0] : value;
};
