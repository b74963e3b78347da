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

/** Where a test's emulator logs its requests (removed after the test). */
function accessLogFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-warm-"));
  dirs.push(dir);
  return path.join(dir, "access.ndjson");
}

describe("the emulator's warm-up", () => {
  it("is one successful read of each protocol family, and stops cleanly", async () => {
    const log = accessLogFile();
    await using emulator = await startEmulator({ dbPath: ":memory:", port: 0, accessLogFile: log });
    const warm = warmUp(emulator.endpoint);
    const logged = () =>
      readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { operation: string; status: number });
    for (let waited = 0; logged().length < 3 && waited < 10_000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    await warm.stop();
    await warm.stop();
    expect(logged().map((l) => [l.operation, l.status])).toEqual([
      ["GetCallerIdentity", 200],
      ["ListAgents", 200],
      ["ListStateMachines", 200],
    ]);
  });

  it("stopped at once, sends at most the one request already in flight", async () => {
    const log = accessLogFile();
    await using emulator = await startEmulator({ dbPath: ":memory:", port: 0, accessLogFile: log });
    const warm = warmUp(emulator.endpoint);
    await warm.stop();
    await new Promise((r) => setTimeout(r, 100));
    const lines = readFileSync(log, "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBeLessThanOrEqual(1);
  });
});
