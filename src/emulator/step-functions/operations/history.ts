/** GetExecutionHistory: ascending by default, reverseOrder, includeExecutionData, pagination. */
import type { HistoryEvent } from "../../states/types.js";
import type { SfnContext } from "../context.js";
import {
  decodePageToken,
  encodePageToken,
  optionalBool,
  optionalInt,
  required,
  type SfnInput,
} from "../input.js";
import { getExecution, queries } from "./executions.js";

const DATA_FIELDS = new Set(["input", "output", "parameters", "inputDetails", "outputDetails"]);

/** includeExecutionData: false drops the payloads (and their details) from every event. */
function withoutData(event: HistoryEvent): HistoryEvent {
  const out: HistoryEvent = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith("EventDetails") || value === null || typeof value !== "object") continue;
    out[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !DATA_FIELDS.has(field)));
  }
  return out;
}

export function getExecutionHistory(ctx: SfnContext, input: SfnInput) {
  const arn = required(input, "executionArn");
  getExecution(ctx, arn);
  const reverse = optionalBool(input, "reverseOrder") ?? false;
  const includeData = optionalBool(input, "includeExecutionData") ?? true;
  const limit = optionalInt(input, "maxResults", 0, 1000) || 100;
  const list = `history:${arn}:${reverse ? "desc" : "asc"}`;
  const from = decodePageToken(input, list);
  const rows = queries(ctx).history(arn, reverse, from, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: includeData ? page : page.map(withoutData),
    ...(rows.length > limit && last ? { nextToken: encodePageToken(list, last.id) } : {}),
  };
}
