/** A handler that throws or answers what Bedrock would refuse ends the turn with dependencyFailedException. */
import { describe, expect, it } from "vitest";
import { emulatorWithClient, errorOf, tempDir } from "../emulator/support.js";
import { functionGroup, functionHandler, writeFiles } from "./fixtures.js";
import { createAgent, invoke, runtimeClient } from "./support.js";

const SCRIPT = `version: 1
rules:
  - match: 'run (?<id>\\S+)'
    call: { actionGroup: tools, operation: work, parameters: { id: "{{id}}" } }
    answers: [{ text: "{{body}}" }]
`;

const CASES: [string, string, RegExp][] = [
  [
    "throws",
    'export async function handler() { throw new TypeError("catalog database is down"); }',
    /failed with TypeError: catalog database is down/,
  ],
  [
    "not an envelope",
    "export async function handler() { return { ok: true }; }",
    /messageVersion undefined; it must be "1.0"/,
  ],
  [
    "wrong echo",
    'export async function handler(e) { return { messageVersion: "1.0", response: { actionGroup: "other", function: e.function, functionResponse: { responseBody: { TEXT: { body: "x" } } } } }; }',
    /response.actionGroup "other"; it must echo the event's actionGroup "tools"/,
  ],
  [
    "no TEXT body",
    'export async function handler(e) { return { messageVersion: "1.0", response: { actionGroup: e.actionGroup, function: e.function, functionResponse: { responseBody: { TEXT: { body: 42 } } } } }; }',
    /no functionResponse.responseBody.TEXT.body string/,
  ],
  [
    "FAILURE",
    'export async function handler(e) { return { messageVersion: "1.0", response: { actionGroup: e.actionGroup, function: e.function, functionResponse: { responseState: "FAILURE", responseBody: { TEXT: { body: "stock service unavailable" } } } } }; }',
    /responseState FAILURE: stock service unavailable/,
  ],
];

describe("failing action-group handlers", () => {
  it.each(CASES)("%s → DependencyFailedException saying what was wrong", async (_label, source, message) => {
    using dir = tempDir();
    const files = writeFiles(dir.path, { "h.mjs": source, "s.yaml": SCRIPT });
    await using env = await emulatorWithClient({
      runtime: { localHandlers: { Work: files["h.mjs"] as string } },
    });
    const agentId = await createAgent(env.client, {
      name: "tools",
      script: files["s.yaml"],
      actionGroups: [functionGroup("tools", "work", "Work")],
    });
    const err = await errorOf(
      invoke(runtimeClient(env.emulator), {
        agentId,
        agentAliasId: "TSTALIASID",
        sessionId: "s-1",
        inputText: "run 7",
      }),
    );
    expect(err.name).toBe("DependencyFailedException");
    expect(err.message).toMatch(message);
    expect(err.message).toContain("arn:aws:lambda:us-east-1:000000000000:function:Work");
  });

  it("a function without a handler is a DependencyFailedException naming it", async () => {
    using dir = tempDir();
    const files = writeFiles(dir.path, { "s.yaml": SCRIPT });
    await using env = await emulatorWithClient();
    const agentId = await createAgent(env.client, {
      name: "tools",
      script: files["s.yaml"],
      actionGroups: [functionGroup("tools", "work", "Missing")],
    });
    const err = await errorOf(
      invoke(runtimeClient(env.emulator, true), {
        agentId,
        agentAliasId: "TSTALIASID",
        sessionId: "s-1",
        inputText: "run 7",
      }),
    );
    expect(err.name).toBe("DependencyFailedException");
    expect(err.message).toContain("ResourceNotFoundException: Function not found");
  });

  it("a handler that works answers through the same path", async () => {
    using dir = tempDir();
    const files = writeFiles(dir.path, {
      "h.mjs": functionHandler('"did " + event.parameters[0].value'),
      "s.yaml": SCRIPT,
    });
    await using env = await emulatorWithClient({
      runtime: { localHandlers: { Work: files["h.mjs"] as string } },
    });
    const agentId = await createAgent(env.client, {
      name: "tools",
      script: files["s.yaml"],
      actionGroups: [functionGroup("tools", "work", "Work")],
    });
    const out = await invoke(runtimeClient(env.emulator), {
      agentId,
      agentAliasId: "TSTALIASID",
      sessionId: "s-1",
      inputText: "run 7",
    });
    expect(out.text).toBe("did 7");
  });
});
