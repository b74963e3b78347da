import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BedrockAgentRuntimeClient } from "@aws-sdk/client-bedrock-agent-runtime";
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The shared corpus: beside the repository (the main checkout), else where the machine keeps it. */
export const corpusDir =
  [path.join(repo, "../shared/corpus"), "/work/shared/corpus"].find((d) => existsSync(d)) ?? "";

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: Uint8Array | string;
}

/** A stand-in for bedrock-agent-runtime on 127.0.0.1 answering each InvokeAgent with `reply`. */
export async function fakeRuntime(reply: (req: IncomingMessage, body: string) => Reply) {
  const requests: { url: string; body: unknown }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      requests.push({ url: req.url ?? "", body: body ? JSON.parse(body) : undefined });
      const r = reply(req, body);
      res.writeHead(r.status, { "content-type": "application/vnd.amazon.eventstream", ...r.headers });
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = new BedrockAgentRuntimeClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    // The emulator-facing setting of src/aws/clients.ts: HTTP/1.1 for a plain-HTTP endpoint.
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
  });
  return {
    client,
    requests,
    async [Symbol.asyncDispose]() {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** One event-stream frame, encoded as Bedrock does. */
export function frame(kind: "event" | "exception", type: string, payload: unknown): Uint8Array {
  const typeHeader = kind === "event" ? ":event-type" : ":exception-type";
  return codec.encode({
    headers: {
      ":message-type": { type: "string", value: kind },
      [typeHeader]: { type: "string", value: type },
      ":content-type": { type: "string", value: "application/json" },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
