/**
 * Following an execution live from GetExecutionHistory: poll for events newer
 * than the last one seen (newest-first pages, so a long history is not re-read
 * from the start on every poll), hand them over in order, back off while
 * nothing happens, stop at the terminal event.
 */
import type { DescribeExecutionOutput, HistoryEvent } from "@aws-sdk/client-sfn";
import type { StepFunctionsApi } from "../../aws/step-functions-api.js";
import { TERMINAL_EVENTS } from "./history.js";

export interface FollowOptions {
  onEvent(event: HistoryEvent): void;
  /** Poll interval bounds in ms (default 50 → 1000: the emulator answers in ms, AWS in ~100 ms). */
  minPollMs?: number;
  maxPollMs?: number;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

export async function followExecution(
  api: StepFunctionsApi,
  executionArn: string,
  opts: FollowOptions,
): Promise<DescribeExecutionOutput> {
  const minPoll = opts.minPollMs ?? 50;
  const maxPoll = opts.maxPollMs ?? 1000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let lastId = 0;
  let wait = minPoll;
  for (;;) {
    opts.signal?.throwIfAborted();
    const fresh = await eventsAfter(api, executionArn, lastId);
    for (const event of fresh) {
      opts.onEvent(event);
      lastId = Math.max(lastId, event.id ?? lastId);
    }
    if (fresh.some((e) => TERMINAL_EVENTS.has(e.type ?? ""))) return api.describeExecution(executionArn);
    wait = fresh.length > 0 ? minPoll : Math.min(maxPoll, Math.ceil(wait * 1.5));
    await sleep(wait);
  }
}

/** Every event with an id above `lastId`, oldest first. */
export async function eventsAfter(
  api: StepFunctionsApi,
  executionArn: string,
  lastId: number,
): Promise<HistoryEvent[]> {
  const fresh: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await api.getExecutionHistory({
      executionArn,
      reverseOrder: true,
      maxResults: 100,
      nextToken,
    });
    const newer = page.events.filter((e) => (e.id ?? 0) > lastId);
    fresh.push(...newer);
    if (newer.length < page.events.length) break;
    nextToken = page.nextToken;
  } while (nextToken);
  return fresh.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
}

/** The whole history, oldest first. */
export function fullHistory(api: StepFunctionsApi, executionArn: string): Promise<HistoryEvent[]> {
  return eventsAfter(api, executionArn, 0);
}
