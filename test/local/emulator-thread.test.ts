import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  hasPrewarmedThread,
  prewarmEmulatorThread,
  startEmulatorThread,
} from "../../src/core/local/emulator-thread.js";
import { fetchHealth } from "../../src/core/local/health.js";
import { deserializeError, serializeError } from "../../src/thread-errors.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDb(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "agentctl-thread-"));
  dirs.push(dir);
  return path.join(dir, "emulator.db");
}

describe("the emulator on a worker thread", () => {
  it("serves on loopback from this process and stops on close", async () => {
    const dbPath = tempDb();
    const emulator = await startEmulatorThread({ dbPath, region: "eu-west-1", projectDir: "/", vars: {} });
    expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator).toMatchObject({ region: "eu-west-1", dbPath });
    // The same process answers: a thread, not a child process.
    expect(await fetchHealth(emulator.endpoint)).toMatchObject({ ok: true, pid: process.pid, dbPath });
    await emulator.close();
    await emulator.close();
    expect(await fetchHealth(emulator.endpoint, 300)).toBeUndefined();
  });

  it("adopts a prewarmed thread", async () => {
    prewarmEmulatorThread();
    expect(hasPrewarmedThread()).toBe(true);
    const emulator = await startEmulatorThread({
      dbPath: tempDb(),
      region: "us-east-1",
      projectDir: "/",
      vars: {},
    });
    expect(hasPrewarmedThread()).toBe(false);
    expect(await fetchHealth(emulator.endpoint)).toMatchObject({ ok: true });
    await emulator.close();
  });

  it("reports why it could not start, as the error the emulator threw", async () => {
    const start = startEmulatorThread({
      dbPath: tempDb(),
      region: "Not A Region",
      projectDir: "/",
      vars: {},
    });
    await expect(start).rejects.toThrow(/region "Not A Region"/);
  });

  it("keeps the fields the command's error mapping reads across the thread boundary", () => {
    const err = Object.assign(new Error("open /x: denied", { cause: new Error("inner") }), {
      code: "EACCES",
      syscall: "open",
      path: "/x",
    });
    const back = deserializeError(serializeError(err)) as Error & Record<string, unknown>;
    expect(back).toMatchObject({ message: "open /x: denied", code: "EACCES", syscall: "open", path: "/x" });
    expect((back.cause as Error).message).toBe("inner");
  });
});
