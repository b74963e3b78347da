import type { HistoryEvent } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import type { StepFunctionsApi } from "../../src/aws/step-functions-api.js";
import { followExecution } from "../../src/core/executions/follow.js";
import { approvalHistory } from "./history-fixtures.js";

/**
 * A history that grows by a few events per poll, paged newest-first three at a
 * time like GetExecutionHistory with reverseOrder: follow must see every event
 * once, in order, however the pages fall.
 */
function growingHistory(all: HistoryEvent[], perPoll: number): StepFunctionsApi & { calls: number } {
  let visible = 0;
  const api = {
    calls: 0,
    async getExecutionHistory(input: { nextToken?: string; reverseOrder?: boolean }) {
      api.calls++;
      if (!input.nextToken) visible = Math.min(all.length, visible + perPoll);
      const newestFirst = all.slice(0, visible).reverse();
      const start = input.nextToken ? Number(input.nextToken) : 0;
      const events = newestFirst.slice(start, start + 3);
      const next = start + 3 < newestFirst.length ? String(start + 3) : undefined;
      return { events, ...(next ? { nextToken: next } : {}) };
    },
    async describeExecution() {
      return { status: "SUCCEEDED", output: '{"done":true}' } as never;
    },
  };
  return api as unknown as StepFunctionsApi & { calls: number };
}

describe("followExecution", () => {
  it.each([1, 2, 5, 50])(
    "delivers every event once, in order, with %i new events per poll",
    async (perPoll) => {
      const all = approvalHistory("approved");
      const api = growingHistory(all, perPoll);
      const seen: number[] = [];
      const result = await followExecution(api, "arn:x", {
        onEvent: (e) => seen.push(e.id ?? -1),
        sleep: async () => {},
      });
      expect(seen).toEqual(all.map((e) => e.id));
      expect(result.status).toBe("SUCCEEDED");
    },
  );

  it("stops when aborted", async () => {
    const api = growingHistory(approvalHistory("waiting"), 100);
    const controller = new AbortController();
    let polls = 0;
    const done = followExecution(api, "arn:x", {
      onEvent: () => {},
      signal: controller.signal,
      sleep: async () => {
        if (++polls === 3) controller.abort();
      },
    });
    await expect(done).rejects.toThrow();
  });
});
