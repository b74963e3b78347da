import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { serverRecordPath } from "../../src/core/local/paths.js";
import {
  findRunningServer,
  readServerRecord,
  removeServerRecord,
  type ServerRecord,
  writeServerRecord,
} from "../../src/core/local/server-record.js";
import { tempDir } from "./helpers.js";

function record(pid: number, endpoint: string): ServerRecord {
  return {
    pid,
    endpoint,
    port: Number(new URL(endpoint).port),
    dbPath: "/x.db",
    startedAt: new Date().toISOString(),
  };
}

/** A loopback server answering the emulator's health route with `pid`. */
async function healthServer(pid: number): Promise<AsyncDisposable & { endpoint: string }> {
  const server = http.createServer((req, res) => {
    if (req.url === "/_agentctl/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ok: true,
          pid,
          region: "us-east-1",
          accountId: "123456789012",
          dbPath: "/x.db",
          startedAt: "t",
        }),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid as number;
}

describe("server.json discovery", () => {
  it("finds nothing when there is no record", async () => {
    await using project = await tempDir();
    expect(await findRunningServer(project.dir)).toBeUndefined();
  });

  it("finds a live server whose health endpoint answers with the recorded pid", async () => {
    await using project = await tempDir();
    await using health = await healthServer(process.pid);
    await writeServerRecord(project.dir, record(process.pid, health.endpoint));
    const found = await findRunningServer(project.dir);
    expect(found?.record.endpoint).toBe(health.endpoint);
    expect(found?.health.region).toBe("us-east-1");
    expect(existsSync(serverRecordPath(project.dir))).toBe(true);
  });

  it("removes a record whose process is gone", async () => {
    await using project = await tempDir();
    await using health = await healthServer(process.pid);
    await writeServerRecord(project.dir, record(await deadPid(), health.endpoint));
    expect(await findRunningServer(project.dir)).toBeUndefined();
    expect(existsSync(serverRecordPath(project.dir))).toBe(false);
  });

  it("removes a record whose pid is alive but whose port answers for another process", async () => {
    await using project = await tempDir();
    await using health = await healthServer(process.pid + 1_000_000);
    await writeServerRecord(project.dir, record(process.pid, health.endpoint));
    expect(await findRunningServer(project.dir)).toBeUndefined();
    expect(existsSync(serverRecordPath(project.dir))).toBe(false);
  });

  it("removes a record whose endpoint no longer answers (recycled pid)", async () => {
    await using project = await tempDir();
    let endpoint: string;
    {
      await using health = await healthServer(process.pid);
      endpoint = health.endpoint;
    }
    await writeServerRecord(project.dir, record(process.pid, endpoint));
    expect(await findRunningServer(project.dir)).toBeUndefined();
    expect(existsSync(serverRecordPath(project.dir))).toBe(false);
  });

  it("removes an unreadable record", async () => {
    await using project = await tempDir();
    await mkdir(`${project.dir}/.agentctl`, { recursive: true });
    await writeFile(serverRecordPath(project.dir), "{ not json");
    expect(await findRunningServer(project.dir)).toBeUndefined();
    expect(existsSync(serverRecordPath(project.dir))).toBe(false);
  });

  it("only removes the record of the server that asks", async () => {
    await using project = await tempDir();
    await writeServerRecord(project.dir, record(4242, "http://127.0.0.1:1234"));
    await removeServerRecord(project.dir, 1111);
    expect((await readServerRecord(project.dir))?.pid).toBe(4242);
    await removeServerRecord(project.dir, 4242);
    expect(await readServerRecord(project.dir)).toBeUndefined();
  });
});
