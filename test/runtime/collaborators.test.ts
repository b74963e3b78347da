/** A supervisor invokes its collaborator (an agent of the same emulator) through the same loop. */
import { describe, expect, it } from "vitest";
import { emulatorWithClient, tempDir } from "../emulator/support.js";
import { writeFiles } from "./fixtures.js";
import { createAgent, createAlias, FUNCTIONS, invoke, orderValidation, runtimeClient } from "./support.js";

describe("supervisor and collaborator", () => {
  it("nests the collaborator's traces under the supervisor by callerChain and collaboratorName", async () => {
    using dir = tempDir();
    const files = writeFiles(dir.path, {
      "supervisor.yaml": `version: 1
rules:
  - match: '(?<product>PROD\\d+)'
    call: { collaborator: validator, text: "Is {{product}} in stock?" }
    answers: [{ text: "Supervisor says: {{body}}" }]
`,
    });
    await using env = await emulatorWithClient({ runtime: { localHandlers: FUNCTIONS } });
    const validatorId = await createAgent(env.client, orderValidation());
    const validatorAlias = await createAlias(env.client, validatorId);
    const aliasArn = `arn:aws:bedrock:us-east-1:000000000000:agent-alias/${validatorId}/${validatorAlias}`;
    const supervisorId = await createAgent(env.client, {
      name: "supervisor",
      script: files["supervisor.yaml"],
      extra: { agentCollaboration: "SUPERVISOR" },
      collaborators: { validator: aliasArn },
    });
    const out = await invoke(runtimeClient(env.emulator), {
      agentId: supervisorId,
      agentAliasId: "TSTALIASID",
      sessionId: "sup-1",
      inputText: "Check PROD456 please",
    });
    expect(out.text).toBe("Supervisor says: INVALID: Cloud Gadget (PROD456) is out of stock.");

    const supervisorArn = `arn:aws:bedrock:us-east-1:000000000000:agent-alias/${supervisorId}/TSTALIASID`;
    const own = out.traces.filter((t) => t.agentId === supervisorId);
    const nested = out.traces.filter((t) => t.agentId === validatorId);
    expect(nested.length).toBeGreaterThan(4);
    for (const t of own) {
      expect(t.callerChain).toEqual([{ agentAliasArn: supervisorArn }]);
      expect(t.collaboratorName).toBeUndefined();
    }
    for (const t of nested) {
      expect(t.callerChain).toEqual([{ agentAliasArn: supervisorArn }, { agentAliasArn: aliasArn }]);
      expect(t).toMatchObject({
        collaboratorName: "validator",
        agentAliasId: validatorAlias,
        agentVersion: "1",
      });
      // The collaborator runs in a session of its own, as in the recorded real stream.
      expect(t.sessionId).not.toBe("sup-1");
    }
    const input = own.find((t) => t.trace?.orchestrationTrace?.invocationInput)?.trace?.orchestrationTrace
      ?.invocationInput;
    expect(input).toMatchObject({
      invocationType: "AGENT_COLLABORATOR",
      agentCollaboratorInvocationInput: {
        agentCollaboratorName: "validator",
        agentCollaboratorAliasArn: aliasArn,
        input: { type: "TEXT", text: "Is PROD456 in stock?" },
      },
    });
    const output = own.find(
      (t) => t.trace?.orchestrationTrace?.observation?.agentCollaboratorInvocationOutput,
    )?.trace?.orchestrationTrace?.observation;
    expect(output).toMatchObject({
      type: "AGENT_COLLABORATOR",
      agentCollaboratorInvocationOutput: {
        agentCollaboratorName: "validator",
        output: { type: "TEXT", text: "INVALID: Cloud Gadget (PROD456) is out of stock." },
      },
    });
    // The nested traces sit between the supervisor's invocationInput and its observation.
    const kinds = out.traces.map((t) => (t.agentId === supervisorId ? "S" : "C")).join("");
    expect(kinds).toMatch(/^S+C+S+$/);
  });
});
