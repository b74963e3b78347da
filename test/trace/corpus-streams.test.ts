/**
 * Every recorded real InvokeAgent stream renders through `agentctl trace` without error, with
 * the final answer and every trace part it contains shown, at every detail level.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSavedStream } from "../../src/trace/read-stream.js";
import type { StreamEvent } from "../../src/trace/types.js";
import { runCli } from "../helpers/run-cli.js";
import { corpusAbsentReason, corpusStreams } from "./corpus.js";

if (corpusStreams.length === 0) console.warn(`Skipping the trace corpus tests: ${corpusAbsentReason}.`);

/** A nested field of an event, or undefined. */
function dig(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys)
    at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** What the rendering must contain for each trace part of the stream, by a count of markers. */
function expectedMarkers(events: StreamEvent[]): { marker: RegExp; count: number; what: string }[] {
  const count = (pred: (e: StreamEvent) => boolean) => events.filter(pred).length;
  const has = (e: StreamEvent, ...keys: string[]) => dig(e, "trace", "trace", ...keys) !== undefined;
  const anyOnce = (kind: string) =>
    Math.min(
      1,
      count((e) => has(e, kind)),
    );
  return [
    {
      what: "rationales",
      marker: /^\s*rationale /gm,
      count: count((e) => has(e, "orchestrationTrace", "rationale")),
    },
    {
      what: "model calls",
      marker: /^\s*model \d+ in \/ \d+ out tokens/gm,
      count: count((e) => {
        const inner = dig(e, "trace", "trace");
        return Object.values(inner ?? {}).some(
          (v) => dig(v, "modelInvocationOutput", "metadata", "usage") !== undefined,
        );
      }),
    },
    {
      what: "calls",
      marker: /^\s*→ /gm,
      count: count(
        (e) =>
          has(e, "orchestrationTrace", "invocationInput") ||
          has(e, "routingClassifierTrace", "invocationInput"),
      ),
    },
    {
      what: "observations",
      marker: /^\s*(←|✔ final response|\? asks the user|↻ reprompt)/gm,
      count: count(
        (e) => has(e, "orchestrationTrace", "observation") || has(e, "routingClassifierTrace", "observation"),
      ),
    },
    { what: "guardrail traces", marker: /guardrail /g, count: count((e) => has(e, "guardrailTrace")) },
    { what: "pre-processing", marker: /^pre-processing$/gm, count: anyOnce("preProcessingTrace") },
    { what: "post-processing", marker: /^post-processing$/gm, count: anyOnce("postProcessingTrace") },
    {
      what: "routing classifier",
      marker: /^routing classifier$/gm,
      count: anyOnce("routingClassifierTrace"),
    },
  ];
}

function answerOf(events: StreamEvent[]): string {
  const decoder = new TextDecoder();
  return events
    .map((e) => (e.chunk ? decoder.decode((e.chunk as { bytes: Uint8Array }).bytes) : ""))
    .join("");
}

describe.skipIf(corpusStreams.length === 0)("recorded InvokeAgent streams through `agentctl trace`", () => {
  for (const file of corpusStreams) {
    const name = path.basename(file);
    it(`${name}: the answer and every trace part`, async () => {
      const events = readSavedStream(readFileSync(file)).events;
      const r = await runCli(["trace", file]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const answer = answerOf(events);
      expect(answer.length).toBeGreaterThan(0);
      // The answer is shown whole (wrapping only changes where lines break).
      const flat = (s: string) => s.replace(/\s+/g, " ").trim();
      expect(flat(r.stdout)).toContain(flat(answer));
      for (const { marker, count, what } of expectedMarkers(events)) {
        expect(r.stdout.match(marker)?.length ?? 0, `${what} shown`).toBe(count);
      }
      expect(r.stdout).not.toMatch(/\? unrenderable|\? event |\? trace /);
      expect(r.stdout).toMatch(/^— \d+ steps?/m);
    });

    it(`${name}: outline and full render too, one line per step in outline`, async () => {
      const outline = await runCli(["trace", file, "--detail", "outline"]);
      const full = await runCli(["trace", file, "--detail", "full"]);
      expect(outline.code).toBe(0);
      expect(full.code).toBe(0);
      const steps = Number(/— (\d+) steps?/.exec(outline.stdout)?.[1]);
      const stepLines = outline.stdout
        .split("\n")
        .filter((l) => /^\s*(\[[^\]]+\] )?step \d+ /.test(l)).length;
      expect(stepLines).toBeGreaterThanOrEqual(steps);
      expect(full.stdout.length).toBeGreaterThanOrEqual(outline.stdout.length);
    });
  }

  it("the corpus's decoded-frame .jsonl renders the same as the raw body", async () => {
    for (const file of corpusStreams) {
      const jsonl = file.replace(/\.eventstream$/, ".jsonl");
      const [raw, decoded] = await Promise.all([runCli(["trace", file]), runCli(["trace", jsonl])]);
      expect(decoded.stdout, path.basename(jsonl)).toBe(raw.stdout);
    }
  });
});
