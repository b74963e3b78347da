import { http } from "../../node-http.js";

/** What `GET /_agentctl/health` answers. */
export interface EmulatorHealth {
  ok: boolean;
  pid: number;
  region: string;
  accountId: string;
  dbPath: string;
  startedAt: string;
}

/**
 * Asks an emulator how it is. Undefined when nothing answers in time or the
 * answer is not an emulator's. A fresh connection per call (no keep-alive pool)
 * so a short-lived CLI never waits on idle sockets.
 */
export async function fetchHealth(endpoint: string, timeoutMs = 1000): Promise<EmulatorHealth | undefined> {
  try {
    const { status, body } = await request(endpoint, "GET", "/_agentctl/health", timeoutMs);
    if (status !== 200) return undefined;
    const value = JSON.parse(body) as Partial<EmulatorHealth>;
    return typeof value === "object" && value !== null && typeof value.pid === "number"
      ? (value as EmulatorHealth)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Wipes a running emulator's state through its control endpoint. */
export async function postReset(endpoint: string, timeoutMs = 10_000): Promise<void> {
  const { status, body } = await request(endpoint, "POST", "/_agentctl/reset", timeoutMs);
  if (status < 200 || status >= 300) {
    throw new Error(`the emulator answered ${status} to reset: ${body.slice(0, 200)}`);
  }
}

/** One message the emulator's SNS Publish put in its outbox. */
export interface OutboxMessage {
  seq: number;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Subject?: string;
  /** ISO 8601. */
  PublishedAt: string;
  MessageAttributes?: Record<string, unknown>;
}

/** The running emulator's SNS outbox after position `afterSeq`, oldest first. */
export async function fetchOutbox(
  endpoint: string,
  query: { topicArn?: string; afterSeq?: number } = {},
  timeoutMs = 10_000,
): Promise<OutboxMessage[]> {
  const params = new URLSearchParams();
  if (query.topicArn) params.set("topicArn", query.topicArn);
  if (query.afterSeq) params.set("afterSeq", String(query.afterSeq));
  const qs = params.size > 0 ? `?${params}` : "";
  const { status, body } = await request(endpoint, "GET", `/_agentctl/outbox${qs}`, timeoutMs);
  if (status !== 200)
    throw new Error(`the emulator answered ${status} for its outbox: ${body.slice(0, 200)}`);
  return (JSON.parse(body) as { messages: OutboxMessage[] }).messages;
}

function request(
  endpoint: string,
  method: string,
  pathname: string,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(pathname, endpoint),
      { method, agent: false, timeout: timeoutMs, headers: { connection: "close", "content-length": 0 } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer from ${endpoint} within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}
