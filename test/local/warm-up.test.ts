import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { warmUp } from "../../src/core/local/warm-up.js";
import { startEmulator } from "../../src/emulator/index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the emulator's warm-up", () => {
  it("is one successful read of each protocol family, and stops cleanly", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-warm-"));
    dirs.push(dir);
    const log = path.join(dir, "access.ndjson");
    await using emulator = await startEmulator({ dbPath: ":memory:", port: 0, accessLogFile: log });
    const warm = warmUp(emulator.endpoint);
    // stop() waits for the requests in flight; the loop then ends.
    await new Promise((r) => setTimeout(r, 200));
    await warm.stop();
    await warm.stop();
    const lines = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { operation: string; status: number });
    expect(lines.map((l) => [l.operation, l.status])).toEqual([
      ["GetCallerIdentity", 200],
      ["ListAgents", 200],
      ["ListStateMachines", 200],
    ]);
  });

  it("stopped at once, sends at most what was already in flight", async () => {
    await using emulator = await startEmulator({ dbPath: ":memory:", port: 0 });
    const warm = warmUp(emulator.endpoint);
    await expect(warm.stop()).resolves.toBeUndefined();
  });
});
