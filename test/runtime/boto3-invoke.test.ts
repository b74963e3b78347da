/** boto3's invoke_agent reads the same final text and trace events from the emulator as the JS SDK. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emulatorWithClient } from "../emulator/support.js";
import { boto3Missing, isolatedPythonEnv, runPython } from "../helpers/python.js";
import { createAgent, FUNCTIONS, invoke, orderValidation, REPO, runtimeClient } from "./support.js";

const skipReason = boto3Missing();
if (skipReason) console.warn(`skipping boto3 invoke_agent: ${skipReason}`);

const invokeAgentScript = path.join(REPO, "test/python/invoke_agent.py");
const python = (vars: Record<string, string>) => runPython(invokeAgentScript, isolatedPythonEnv(vars));

const shapeOf = (trace: Record<string, unknown>): string => {
  const outer = Object.keys(trace)[0] ?? "";
  return `${outer}.${Object.keys(trace[outer] as Record<string, unknown>)[0]}`;
};

describe.skipIf(skipReason !== undefined)("boto3 invoke_agent", () => {
  it("sees the JS SDK's final text and trace events, and in-stream errors by their member name", async () => {
    await using env = await emulatorWithClient({ runtime: { localHandlers: FUNCTIONS } });
    const agentId = await createAgent(env.client, orderValidation());
    const inputText = 'Validate {"items": [{"productId": "PROD123"}, {"productId": "PROD456"}]}';
    const js = await invoke(runtimeClient(env.emulator), {
      agentId,
      agentAliasId: "TSTALIASID",
      sessionId: "js-1",
      inputText,
    });
    const run = await python({
      ENDPOINT: env.emulator.endpoint,
      AGENT_ID: agentId,
      ALIAS_ID: "TSTALIASID",
      SESSION_ID: "py-1",
      INPUT_TEXT: inputText,
    });
    expect(run.stderr).toBe("");
    const py = JSON.parse(run.stdout) as {
      text: string;
      sessionId: string;
      events: string[];
      traces: { shape: string; agentId: string; agentVersion: string; eventTime: string }[];
      error: string | null;
    };
    expect(py.error).toBeNull();
    expect(py.sessionId).toBe("py-1");
    expect(py.text).toBe(js.text);
    expect(py.text).toBe("INVALID: Cloud Gadget (PROD456) is out of stock.");
    expect(py.events).toEqual(js.events.map((e) => Object.keys(e).find((k) => k !== "$unknown")));
    expect(py.traces.map((t) => t.shape)).toEqual(
      js.traces.map((t) => shapeOf(t.trace as unknown as Record<string, unknown>)),
    );
    expect(new Set(py.traces.map((t) => `${t.agentId}/${t.agentVersion}`))).toEqual(
      new Set([`${agentId}/DRAFT`]),
    );

    const failing = await python({
      ENDPOINT: env.emulator.endpoint,
      AGENT_ID: agentId,
      ALIAS_ID: "TSTALIASID",
      SESSION_ID: "py-2",
      INPUT_TEXT: "    ",
    });
    // Not in-stream: an empty input is refused before the stream, so boto3 raises a ClientError.
    expect(failing.stderr).toContain("ValidationException");

    const unmodelled = await createAgent(env.client, { name: "no-model" });
    const inStream = await python({
      ENDPOINT: env.emulator.endpoint,
      AGENT_ID: unmodelled,
      ALIAS_ID: "TSTALIASID",
      SESSION_ID: "py-3",
      INPUT_TEXT: "hi",
    });
    expect(JSON.parse(inStream.stdout).error).toBe("validationException");
  });
});
