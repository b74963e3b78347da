/**
 * What `invoke --json` writes (through the same turn renderer the command uses, over a fake
 * runtime replaying recorded streams and a return of control) reads back through
 * `agentctl trace -` into the same rendering as the original events.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { AgentSession } from "../../src/commands/agent-session.js";
import { renderTurn } from "../../src/commands/render-turn.js";
import type { Context } from "../../src/context.js";
import { fixedEnv } from "../../src/env.js";
import { createRecordingIo } from "../../src/io/io.js";
import { plainStyle } from "../../src/io/style.js";
import { decodeEventStream } from "../../src/trace/decode-eventstream.js";
import { createTraceRenderer } from "../../src/trace/index.js";
import type { StreamEvent } from "../../src/trace/types.js";
import { repoRoot, runCli } from "../helpers/run-cli.js";
import { corpusStreams } from "../trace/corpus.js";
import { fakeRuntime } from "./fake-runtime.js";

function jsonContext() {
  const io = createRecordingIo({ json: true, style: plainStyle });
  const ctx: Context = {
    env: fixedEnv({}, repoRoot),
    io,
    options: { json: true, color: false, verbose: false, yes: true },
    projectDir: repoRoot,
  };
  return { ctx, io };
}

function session(streams: StreamEvent[][]): AgentSession {
  return {
    agent: { agentId: "AGENT12345", agentAliasId: "ALIAS12345", aliasName: "live" },
    manifest: undefined as never,
    runtime: fakeRuntime(streams.map((events) => () => events)),
    prompter: { interactive: false, ask: async () => undefined },
    returnControl: () => async () => [
      { functionResult: { actionGroup: "g", function: "f", responseBody: { TEXT: { body: "ok" } } } },
    ],
    close: async () => {},
  };
}

const rendered = (events: StreamEvent[]) => {
  const r = createTraceRenderer({ detail: "steps", width: 100, style: plainStyle });
  return [...events.flatMap((e) => r.push(e)), ...r.end()].join("\n");
};

describe("invoke --json round trip", () => {
  it.skipIf(corpusStreams.length === 0)(
    "re-renders exactly like the events received, return of control included",
    async () => {
      const file =
        corpusStreams.find((f) => f.includes("routing_classifier_with_reasoning")) ??
        (corpusStreams[0] as string);
      const recorded = decodeEventStream(new Uint8Array(readFileSync(file)));
      const handBack: StreamEvent = {
        returnControl: {
          invocationId: "inv-1",
          invocationInputs: [{ functionInvocationInput: { actionGroup: "g", function: "f" } }],
        },
      };
      const { ctx, io } = jsonContext();
      const result = await renderTurn(ctx, session([[handBack], recorded]), {
        agentName: "order-validation",
        request: { sessionId: "sess-9", inputText: "primes?" },
      });
      const ndjson = io.stdout.join("");
      const lines = ndjson
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(recorded.length + 2);
      expect(lines.at(-1).result).toMatchObject({
        sessionId: "sess-9",
        agentId: "AGENT12345",
        text: result.text,
        returnControlRounds: 1,
      });
      expect(lines.find((l) => l.chunk)?.chunk.text).toBe(result.text);

      const back = await runCli(["trace", "-"], { stdin: ndjson });
      expect(back.code).toBe(0);
      expect(back.stdout.trimEnd()).toBe(rendered([handBack, ...recorded]));
    },
  );
});
