/**
 * Issue 7 end to end on the sample project, through the real CLI: deploy once, then
 * `agentctl invoke order-validation … --trace` plays the seed scenario, `--json` round-trips
 * through `agentctl trace -`, and a session continued from a second process keeps its attributes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleCopy } from "../deploy/helpers.js";
import { spawnCliAsync } from "../helpers/run-cli.js";
import { cliIn, deploy, scrub, WIDE } from "./support.js";

const project = sampleCopy();
const cli = cliIn(project.dir);
beforeAll(() => deploy(project.dir), 60_000);
afterAll(() => project[Symbol.dispose]());

const order = (id: string, productId: string) =>
  `Validate order ${id} with items [{"productId":"${productId}","quantity":1}]`;

describe("agentctl invoke order-validation on the deployed sample", () => {
  it("an in-stock product: the catalog call, its observation and VALID, step by step", async () => {
    const r = await cli(["invoke", "order-validation", order("ORD-1", "PROD123"), "--trace"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("VALID: every product of the order is in stock.\n");
    expect(scrub(r.stderr, project.dir)).toBe(
      [
        "step 1",
        "  model N in / N out tokens, N ms",
        '  rationale Calling GET__product-catalog__getProduct with {"productId":"PROD123"} (rule 1 of agents/scripts/order-validation.yaml, match 1 of 1).',
        "  → product-catalog GET /products/{productId}",
        "    parameters productId=PROD123",
        '  ← (N ms) {"productId":"PROD123","productName":"AWS Widget Pro","price":99.99,"inStock":true}',
        "step 2",
        "  model N in / N out tokens, N ms",
        "  rationale Answering with answer 3 (rule 1 of agents/scripts/order-validation.yaml).",
        "  ✔ final response (N ms)",
        "    VALID: every product of the order is in stock.",
        "— 2 steps · 2 model calls · 1 tool call · N in / N out tokens · N ms",
        'session <uuid> — continue with: agentctl invoke order-validation --session-id <uuid> "…"',
        "",
      ].join("\n"),
    );
  });

  it("an out-of-stock and an unknown product are INVALID, each for its own reason", async () => {
    const outOfStock = await cli(["invoke", "order-validation", order("ORD-2", "PROD456"), "--trace"]);
    expect(outOfStock.code).toBe(0);
    expect(outOfStock.stdout).toBe("INVALID: Cloud Gadget (PROD456) is out of stock.\n");
    expect(outOfStock.stderr).toContain(
      "  → product-catalog GET /products/{productId}\n    parameters productId=PROD456\n",
    );
    expect(outOfStock.stderr).toMatch(/ ← \(\d+ ms\) \{"productId":"PROD456",.*"inStock":false\}\n/);

    const unknown = await cli([
      "invoke",
      "order-validation",
      order("ORD-3", "PROD999"),
      "--trace",
      "outline",
    ]);
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toBe("INVALID: product PROD999 does not exist in the catalog.\n");
    expect(unknown.stderr).toContain("PROD999");
    expect(unknown.stderr).toMatch(/1 tool call/);

    // Several products: one catalog call each, and the first failing one decides.
    const mixed = await cli([
      "invoke",
      "order-validation",
      'Validate order ORD-4 with items [{"productId":"PROD123"},{"productId":"PROD456"}]',
      "--trace",
    ]);
    expect(mixed.stdout).toBe("INVALID: Cloud Gadget (PROD456) is out of stock.\n");
    expect(mixed.stderr.match(/→ product-catalog GET \/products\/\{productId\}/g)).toHaveLength(2);
  });

  it("--json is NDJSON of the events as received, and `agentctl trace -` renders it as --trace did", async () => {
    const text = order("ORD-5", "PROD456");
    const live = await cli(["invoke", "order-validation", text, "--trace"]);
    const json = await cli(["--json", "invoke", "order-validation", text]);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe("");
    const lines = json.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
    const result = lines.at(-1)?.result;
    expect(result).toMatchObject({
      agent: "order-validation",
      text: "INVALID: Cloud Gadget (PROD456) is out of stock.",
      returnControlRounds: 0,
      summary: { steps: 2, toolCalls: 1, failures: 0 },
    });
    const events = lines.slice(0, -1);
    expect(events.every((e) => Object.keys(e).length === 1)).toBe(true);
    expect(events.filter((e) => e.chunk).map((e) => e.chunk?.text)).toEqual([result?.text]);
    for (const e of events.filter((e) => e.trace)) {
      expect(e.trace).toMatchObject({
        agentId: result?.agentId,
        sessionId: result?.sessionId,
        agentVersion: "1",
      });
    }

    const back = await cli(["trace", "-"], { stdin: json.stdout });
    expect(back.code).toBe(0);
    // `trace` shows the answer itself; `invoke` prints it to stdout instead, and then the session line.
    const replayed = back.stdout.replace(`answer\n  ${result?.text}\n`, "");
    const shown = live.stderr.replace(/session \S+ — continue with: .*\n$/, "");
    expect(scrub(replayed, project.dir)).toBe(scrub(shown, project.dir));
  });

  it("chat without a terminal answers one message per line, in one session", async () => {
    const r = await cli(["chat", "order-validation"], {
      stdin: "Is PROD123 in stock?\nIs PROD456 in stock?\n",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "VALID: AWS Widget Pro (PROD123) is in stock at 99.99 USD.\nINVALID: Cloud Gadget (PROD456) is out of stock.\n",
    );
    expect(r.stderr.match(/session \S+/g)).toHaveLength(1);
  });

  it("a session continued from a second process keeps its session attributes", async () => {
    const ship = (id: string) => `Ship order ${id} with items [{"productId":"PROD123","quantity":1}]`;
    const sessionId = "e2e-shipping-session-1";
    const first = await cli([
      "invoke",
      "shipping",
      ship("ORD-10"),
      "--session-id",
      sessionId,
      "--session-attr",
      "shippingFailureRate=1",
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe("FAILED: The shipping provider could not create a shipment for order ORD-10\n");

    // Another process, no attributes given: the session's shippingFailureRate=1 still applies.
    const second = await spawnCliAsync(
      ["invoke", "shipping", ship("ORD-11"), "--session-id", sessionId, "--trace"],
      { cwd: project.dir, env: WIDE },
    );
    expect(second.stderr).toContain('"errorCode":"EXTERNAL_API_ERROR"');
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(
      "FAILED: The shipping provider could not create a shipment for order ORD-11\n",
    );

    // The same order in a fresh session ships: it was the session that failed it.
    const fresh = await spawnCliAsync(["invoke", "shipping", ship("ORD-11")], { cwd: project.dir });
    expect(fresh.stdout).toMatch(/^SHIPPED: order ORD-11, tracking number TRACK-ORD-11-\d{4}\.\n$/);

    // --end-session closes it; the next turn with that id starts without the attribute.
    const closing = await cli([
      "invoke",
      "shipping",
      ship("ORD-12"),
      "--session-id",
      sessionId,
      "--end-session",
    ]);
    expect(closing.stdout).toMatch(/^FAILED: /);
    const reopened = await cli(["invoke", "shipping", ship("ORD-12"), "--session-id", sessionId]);
    expect(reopened.stdout).toMatch(/^SHIPPED: order ORD-12, /);
  }, 30_000);
});
