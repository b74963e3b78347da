import { validationError } from "../aws-error.js";
import type { Collection } from "../store/collection.js";
import type { OperationInput } from "./context.js";
import { optionalNumber, optionalString } from "./input.js";

/** The model caps every summary list at 10 items (§2.4); smaller maxResults are honoured. */
export const MAX_PAGE_SIZE = 10;

export function pageSize(input: OperationInput): number {
  return Math.min(optionalNumber(input, "maxResults") ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
}

/**
 * Tokens are opaque to callers but bound to the list they came from, so a token
 * from one agent's list is rejected on another's instead of silently skipping.
 */
export function encodeToken(listKey: string, afterSeq: number): string {
  return Buffer.from(JSON.stringify({ l: listKey, s: afterSeq })).toString("base64url");
}

export function decodeToken(input: OperationInput, listKey: string): number {
  const token = optionalString(input, "nextToken");
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as {
      l?: unknown;
      s?: unknown;
    };
    if (parsed.l === listKey && typeof parsed.s === "number" && Number.isSafeInteger(parsed.s))
      return parsed.s;
  } catch {
    // fall through to the error below
  }
  throw validationError(
    "The nextToken is not valid for this request. Use a token returned by the same list call.",
    [{ name: "nextToken", message: "Invalid pagination token" }],
  );
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T extends object>(
  collection: Collection<T>,
  scope: string,
  input: OperationInput,
  listKey: string,
): Page<T> {
  const after = decodeToken(input, listKey);
  const rows = collection.page(scope, after, pageSize(input));
  const last = rows.items.at(-1);
  return {
    items: rows.items.map((row) => row.doc),
    ...(rows.more && last ? { nextToken: encodeToken(listKey, last.seq) } : {}),
  };
}
