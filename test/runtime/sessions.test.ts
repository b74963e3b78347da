/**
 * Sessions keep sessionAttributes between calls — also from another emulator process sharing
 * the SQLite file — until endSession or the idle TTL; Lambda responses replace them.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { SessionStore } from "../../src/emulator/runtime/sessions.js";
import { Store } from "../../src/emulator/store/index.js";
import { clientFor, tempDir } from "../emulator/support.js";
import { functionGroup, functionHandler, writeFiles } from "./fixtures.js";
import { createAgent, invoke, runtimeClient } from "./support.js";

const SCRIPT = `version: 1
rules:
  - match: '.+'
    call: { actionGroup: memo, operation: remember, parameters: { id: "{{input}}" } }
    answers: [{ text: "{{body}}" }]
`;
// Reports what it was given and counts visits in the session.
const HANDLER = functionHandler(
  "seen",
  "const seen = JSON.stringify(event.sessionAttributes);\n  event.sessionAttributes = { ...event.sessionAttributes, visits: String(Number(event.sessionAttributes.visits ?? 0) + 1) };",
);

describe("sessions", () => {
  it("continue from a second emulator on the same database, and end with endSession", async () => {
    using dir = tempDir();
    const files = writeFiles(dir.path, { "memo.mjs": HANDLER, "memo.yaml": SCRIPT });
    const options = {
      dbPath: path.join(dir.path, "state.db"),
      runtime: { localHandlers: { Memo: files["memo.mjs"] as string } },
    };
    await using first = await startEmulator(options);
    const agentId = await createAgent(clientFor(first), {
      name: "memo",
      script: files["memo.yaml"],
      actionGroups: [functionGroup("memo", "remember", "Memo")],
    });
    const key = { agentId, agentAliasId: "TSTALIASID", sessionId: "shared-1" };
    const one = await invoke(runtimeClient(first), {
      ...key,
      inputText: "hello",
      sessionState: { sessionAttributes: { customer: "ana" } },
    });
    expect(JSON.parse(one.text)).toEqual({ customer: "ana" });

    await using second = await startEmulator(options);
    const two = await invoke(runtimeClient(second, true), { ...key, inputText: "again" });
    expect(JSON.parse(two.text)).toEqual({ customer: "ana", visits: "1" });

    const last = await invoke(runtimeClient(first), { ...key, inputText: "bye", endSession: true });
    expect(JSON.parse(last.text)).toEqual({ customer: "ana", visits: "2" });
    const fresh = await invoke(runtimeClient(second), { ...key, inputText: "new" });
    expect(JSON.parse(fresh.text)).toEqual({});
  });

  it("idle out after the TTL", () => {
    using dir = tempDir();
    const store = new Store(path.join(dir.path, "ttl.db"));
    try {
      const sessions = new SessionStore(store.db);
      const key = { agentId: "A", agentAliasId: "TSTALIASID", sessionId: "s" };
      sessions.save(key, { sessionAttributes: { a: "1" }, history: [] }, 1_000, 60);
      expect(sessions.load(key, 60_999)?.sessionAttributes).toEqual({ a: "1" });
      expect(sessions.load(key, 61_000)).toBeUndefined();
      // Gone for good, not just hidden.
      expect(sessions.load(key, 0)).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
