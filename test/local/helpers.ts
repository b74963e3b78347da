import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Context, GlobalOptions } from "../../src/context.js";
import { fixedEnv } from "../../src/env.js";
import { createRecordingIo, type RecordingIo } from "../../src/io/io.js";
import { plainStyle } from "../../src/io/style.js";

export interface TestContext extends Context {
  readonly io: RecordingIo;
}

export function makeContext(
  projectDir: string,
  vars: Record<string, string | undefined> = {},
  options: Partial<GlobalOptions> = {},
): TestContext {
  return {
    env: fixedEnv(vars, projectDir),
    io: createRecordingIo({ style: plainStyle, json: options.json ?? false }),
    options: { json: false, color: false, verbose: false, yes: false, ...options },
    projectDir,
  };
}

export interface TempDir extends AsyncDisposable {
  readonly dir: string;
}

export async function tempDir(prefix = "agentctl-local-"): Promise<TempDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}

export interface CapturedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  httpVersion: string;
}

export interface CaptureServer extends AsyncDisposable {
  readonly endpoint: string;
  readonly requests: CapturedRequest[];
}

/**
 * An HTTP/1.1-only loopback server that records each request and answers with
 * `respond` — to see exactly what the SDK clients send (headers, protocol).
 */
export async function captureServer(
  respond: (req: CapturedRequest) => { status: number; headers?: Record<string, string>; body?: string },
): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const captured = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        httpVersion: req.httpVersion,
      };
      requests.push(captured);
      const answer = respond(captured);
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    [Symbol.asyncDispose]: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An AWS-style restJson1 error answer (aws-behaviour.md §1.2). */
export function awsError(status: number, name: string, message: string, requestId = "req-1234") {
  return {
    status,
    headers: { "x-amzn-errortype": name, "x-amzn-requestid": requestId },
    body: JSON.stringify({ message }),
  };
}
