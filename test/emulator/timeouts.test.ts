/**
 * Half-sent requests and idle connections are given up on (server/limits.ts).
 * Limits are shortened to 200 ms through the internal option; each test waits
 * for the server to act (close, answer), never measures how long it took.
 */
import http2 from "node:http2";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";

const SHORT = { headersMs: 200, bodyStallMs: 200, h2IdleMs: 200 };

async function shortLimitEmulator(keepAliveMs = 10_000): Promise<RunningEmulator> {
  return startEmulator({ dbPath: ":memory:" }, { serverLimits: { ...SHORT, keepAliveMs } });
}

interface Conversation {
  socket: net.Socket;
  /** Everything the server sent until it closed the connection. */
  closed: Promise<string>;
  /** Resolves once the server has sent something containing `text`. */
  received(text: string): Promise<string>;
}

function converse(port: number, first: string): Conversation {
  const socket = net.connect(port, "127.0.0.1", () => socket.write(first));
  let text = "";
  const waiters: (() => void)[] = [];
  socket.on("data", (chunk: Buffer) => {
    text += chunk.toString("latin1");
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<string>((resolve) => socket.on("close", () => resolve(text)));
  socket.on("error", () => {});
  const received = async (wanted: string): Promise<string> => {
    while (!text.includes(wanted)) await new Promise<void>((resolve) => waiters.push(resolve));
    return text;
  };
  return { socket, closed, received };
}

const expect408 = (reply: string) => {
  expect(reply).toMatch(/^HTTP\/1\.1 408 /);
  expect(reply).toMatch(/x-amzn-ErrorType: RequestTimeoutException/i);
  expect(reply).toMatch(/x-amzn-RequestId: [0-9a-f-]{36}/i);
  expect(reply).toMatch(/connection: close/i);
  const body = JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4)) as { message: string };
  expect(body.message.length).toBeGreaterThan(0);
};

describe("the emulator gives up on stalled HTTP/1.1 requests", () => {
  it("answers headers that never end with 408 and closes the connection", async () => {
    await using emulator = await shortLimitEmulator();
    const c = converse(emulator.port, "GET /agents/ABCDE12345/ HTTP/1.1\r\nHost: x\r\n");
    const reply = await c.closed;
    expect408(reply);
    expect(reply).toContain("headers");
  });

  it("answers a body that stops arriving with 408 and closes the connection", async () => {
    await using emulator = await shortLimitEmulator();
    const c = converse(
      emulator.port,
      'PUT /agents/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"agentName":',
    );
    const reply = await c.closed;
    expect408(reply);
    expect(reply).toContain("body");
  });

  it("restarts the headers clock after each response of a keep-alive connection", async () => {
    await using emulator = await shortLimitEmulator();
    const c = converse(emulator.port, "GET /_agentctl/health HTTP/1.1\r\nHost: x\r\n\r\n");
    await c.received('"ok":true');
    // A second request on the same connection that never finishes its headers.
    c.socket.write("GET /_agentctl/health HTTP/1.1\r\nHo");
    const reply = await c.closed;
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    expect408(reply.slice(reply.indexOf("HTTP/1.1 408")));
  });

  it("closes an idle keep-alive connection without an unsolicited answer", async () => {
    await using emulator = await shortLimitEmulator(200);
    const c = converse(emulator.port, "GET /_agentctl/health HTTP/1.1\r\nHost: x\r\n\r\n");
    const reply = await c.closed;
    expect(reply.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("drops a connection whose first bytes never finish the protocol preface", async () => {
    await using emulator = await shortLimitEmulator();
    const c = converse(emulator.port, "PRI * HTTP/2");
    expect(await c.closed).toBe("");
  });

  it("serves complete requests as usual under the same limits", async () => {
    await using emulator = await shortLimitEmulator();
    const body = JSON.stringify({ agentName: "in-time" });
    const c = converse(
      emulator.port,
      `PUT /agents/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    const reply = await c.received('"agentStatus":"CREATING"');
    expect(reply).toMatch(/^HTTP\/1\.1 202 /);
    c.socket.destroy();
  });
});

describe("the emulator gives up on stalled HTTP/2 sessions and streams", () => {
  it("answers a stream whose body stops arriving with 408 and closes the stream", async () => {
    await using emulator = await shortLimitEmulator();
    const session = http2.connect(emulator.endpoint);
    session.on("error", () => {});
    try {
      const stream = session.request({
        ":method": "PUT",
        ":path": "/agents/",
        "content-type": "application/json",
        "content-length": "100",
      });
      stream.write('{"agentName":');
      let status = 0;
      let errorType: unknown;
      stream.on("response", (headers) => {
        status = Number(headers[":status"]);
        errorType = headers["x-amzn-errortype"];
      });
      let text = "";
      stream.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
      });
      // The stream must end although the client never finished its body.
      await new Promise<void>((resolve) => stream.on("close", () => resolve()));
      expect(status).toBe(408);
      expect(errorType).toBe("RequestTimeoutException");
      expect((JSON.parse(text) as { message: string }).message).toContain("body");
    } finally {
      session.destroy();
    }
  });

  it("closes a session that stays idle", async () => {
    await using emulator = await shortLimitEmulator();
    const session = http2.connect(emulator.endpoint);
    session.on("error", () => {});
    const goaway = new Promise<void>((resolve) => session.once("goaway", () => resolve()));
    const closed = new Promise<void>((resolve) => session.once("close", () => resolve()));
    await goaway;
    await closed;
    expect(session.closed || session.destroyed).toBe(true);
  });
});
