/**
 * The emulator's trace events use only fields the recorded real InvokeAgent streams use for the
 * same trace member (../shared/corpus/traces/*.jsonl; skipped with a reason when absent).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emulatorWithClient, tempDir } from "../emulator/support.js";
import { functionGroup, functionHandler, writeFiles } from "./fixtures.js";
import { createAgent, invoke, REPO, runtimeClient } from "./support.js";

const corpus = [process.env.AGENTCTL_SHARED, path.join(REPO, "../shared"), "/work/shared"]
  .filter((d): d is string => d !== undefined)
  .map((d) => path.join(d, "corpus/traces"))
  .find((d) => existsSync(d));
if (!corpus) console.warn("Skipping the trace-shape corpus test: ../shared/corpus/traces is absent.");

/** Every key path of a JSON value; list items share the path `[]`. */
function keyPaths(value: unknown, prefix = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) keyPaths(item, `${prefix}[].`, out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "__type") continue;
      out.add(prefix + k);
      keyPaths(v, `${prefix}${k}.`, out);
    }
  }
  return out;
}

const memberOf = (trace: Record<string, Record<string, unknown>>): string => {
  const outer = Object.keys(trace)[0] as string;
  return `${outer}.${Object.keys(trace[outer] ?? {})[0]}`;
};

describe.skipIf(corpus === undefined)("trace shapes against the recorded real streams", () => {
  it("uses no field the real streams do not use for the same member", async () => {
    const real = new Map<string, Set<string>>();
    for (const file of readdirSync(corpus as string).filter((f) => f.endsWith(".jsonl"))) {
      for (const line of readFileSync(path.join(corpus as string, file), "utf8")
        .split("\n")
        .filter(Boolean)) {
        const frame = JSON.parse(line) as {
          headers: Record<string, string>;
          payload: { trace: Record<string, Record<string, unknown>> };
        };
        if (frame.headers[":event-type"] !== "trace") continue;
        const member = memberOf(frame.payload.trace);
        real.set(member, keyPaths(frame.payload, "", real.get(member) ?? new Set()));
      }
    }
    using dir = tempDir();
    const files = writeFiles(dir.path, {
      "h.mjs": functionHandler('"The result is " + event.parameters[0].value'),
      "s.yaml":
        "version: 1\nrules:\n  - match: 'add (?<n>\\d+)'\n    call: { actionGroup: math, operation: add, parameters: { n: '{{n}}' } }\n    answers: [{ text: '{{body}}' }]\n",
    });
    await using env = await emulatorWithClient({
      runtime: { localHandlers: { Add: files["h.mjs"] as string } },
    });
    const agentId = await createAgent(env.client, {
      name: "math",
      script: files["s.yaml"],
      actionGroups: [functionGroup("math", "add", "Add", { params: ["n"] })],
    });
    const out = await invoke(runtimeClient(env.emulator, true), {
      agentId,
      agentAliasId: "TSTALIASID",
      sessionId: "c-1",
      inputText: "add 30",
    });
    expect(out.text).toBe("The result is 30");
    const raw = out.traces.map(
      (t) => JSON.parse(JSON.stringify(t)) as { trace: Record<string, Record<string, unknown>> },
    );
    const extra = raw.flatMap((t) => {
      const known = real.get(memberOf(t.trace)) ?? new Set<string>();
      return [...keyPaths(t)].filter((p) => !known.has(p)).map((p) => `${memberOf(t.trace)}: ${p}`);
    });
    expect(extra).toEqual([]);
  });
});
