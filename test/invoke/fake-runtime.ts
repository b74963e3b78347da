/**
 * A fake InvokeAgent for engine tests: each call answers with the next scripted stream (real
 * recorded bodies decoded by the real decoder, or hand-made events) and records its input.
 */
import type { AgentRuntime, InvokeAgentInput } from "../../src/core/invoke/runtime.js";
import type { StreamEvent } from "../../src/trace/types.js";

export interface FakeRuntime extends AgentRuntime {
  readonly calls: InvokeAgentInput[];
}

export function fakeRuntime(
  script: ((input: InvokeAgentInput, call: number) => StreamEvent[] | Error)[],
): FakeRuntime {
  const calls: InvokeAgentInput[] = [];
  return {
    calls,
    async invokeAgent(input) {
      calls.push(structuredClone(input));
      const step = script[Math.min(calls.length - 1, script.length - 1)];
      if (!step) throw new Error("fake runtime: no script");
      const out = step(input, calls.length);
      return {
        sessionId: input.sessionId,
        completion: (async function* () {
          if (out instanceof Error) throw out;
          for (const e of out) {
            if (e instanceof Error) throw e;
            yield e;
          }
        })(),
      };
    },
  };
}
