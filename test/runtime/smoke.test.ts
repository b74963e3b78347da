import { describe, expect, it } from "vitest";
import { emulatorWithClient } from "../emulator/support.js";
import { createAgent, FUNCTIONS, invoke, orderValidation, runtimeClient } from "./support.js";

describe("smoke", () => {
  it("runs", async () => {
    await using env = await emulatorWithClient({ runtime: { localHandlers: FUNCTIONS } });
    const agentId = await createAgent(env.client, orderValidation());
    const rt = runtimeClient(env.emulator);
    const out = await invoke(rt, {
      agentId,
      agentAliasId: "TSTALIASID",
      sessionId: "s-1",
      inputText: "Is PROD123 in stock?",
    });
    console.log(out.text, JSON.stringify(out.traces, null, 1).slice(0, 3000));
    expect(out.text).toContain("VALID");
  });
});
