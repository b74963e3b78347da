import { UsageError } from "../errors.js";
import { TRACE_DETAILS, type TraceDetail } from "./types.js";

/** `--trace` / `--detail` values: a level, or `true` when the flag was given bare (the default level). */
export function parseDetail(value: unknown, flag: string): TraceDetail {
  if (value === undefined || value === true) return "steps";
  if (typeof value === "string" && (TRACE_DETAILS as readonly string[]).includes(value))
    return value as TraceDetail;
  throw new UsageError(`${flag} takes one of ${TRACE_DETAILS.join(", ")}, not "${String(value)}".`);
}
