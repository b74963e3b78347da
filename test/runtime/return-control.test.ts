/** Return of control and user confirmation round trips (aws-behaviour.md §4.7) through the SDK. */
import { describe, expect, it } from "vitest";
import { emulatorWithClient, errorOf, tempDir } from "../emulator/support.js";
import { functionGroup, functionHandler, writeFiles } from "./fixtures.js";
import { createAgent, invoke, runtimeClient } from "./support.js";

describe("return of control", () => {
  it("hands RETURN_CONTROL calls to the caller and resumes from its results with the same invocationId", async () => {
    using dir = tempDir();
    const files = writeFiles(dir.path, {
      "crm.yaml": `version: 1
rules:
  - match: 'customer (?<id>[\\w-]+)'
    call: { actionGroup: crm, operation: lookupCustomer, parameters: { id: "{{id}}" } }
    answers: [{ text: "Customer {{id}} is {{body}}." }]
`,
    });
    await using env = await emulatorWithClient();
    const agentId = await createAgent(env.client, {
      name: "crm",
      script: files["crm.yaml"],
      actionGroups: [functionGroup("crm", "lookupCustomer", "RETURN_CONTROL")],
    });
    const rt = runtimeClient(env.emulator);
    const first = await invoke(rt, {
      agentId,
      agentAliasId: "TSTALIASID",
      sessionId: "rc-1",
      inputText: "Who is customer C-7?",
    });
    expect(first.text).toBe("");
    const rc = first.events.find((e) => e.returnControl)?.returnControl;
    expect(rc?.invocationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rc?.invocationInputs).toEqual([
      {
        functionInvocationInput: {
          actionGroup: "crm",
          actionInvocationType: "RESULT",
          agentId,
          function: "lookupCustomer",
          parameters: [{ name: "id", type: "string", value: "C-7" }],
        },
      },
    ]);
    const trace = first.traces.at(-1)?.trace?.orchestrationTrace?.invocationInput?.actionGroupInvocationInput;
    expect(trace).toMatchObject({
      executionType: "RETURN_CONTROL",
      invocationId: rc?.invocationId,
      function: "lookupCustomer",
    });

    const wrongId = await errorOf(
      invoke(rt, {
        agentId,
        agentAliasId: "TSTALIASID",
        sessionId: "rc-1",
        sessionState: {
          invocationId: "not-it",
          returnControlInvocationResults: [
            {
              functionResult: {
                actionGroup: "crm",
                function: "lookupCustomer",
                responseBody: { TEXT: { body: "x" } },
              },
            },
          ],
        },
      }),
    );
    expect(wrongId.name).toBe("ValidationException");

    const second = await invoke(rt, {
      agentId,
      agentAliasId: "TSTALIASID",
      sessionId: "rc-1",
      sessionState: {
        invocationId: rc?.invocationId,
        returnControlInvocationResults: [
          {
            functionResult: {
              actionGroup: "crm",
              function: "lookupCustomer",
              responseBody: { TEXT: { body: "Ana Silva" } },
            },
          },
        ],
      },
    });
    expect(second.text).toBe("Customer C-7 is Ana Silva.");
    const observation = second.traces.find(
      (t) => t.trace?.orchestrationTrace?.observation?.actionGroupInvocationOutput,
    )?.trace?.orchestrationTrace?.observation;
    expect(observation?.actionGroupInvocationOutput?.text).toBe("Ana Silva");
  });

  it("asks for confirmation before a Lambda call that requires it, then runs it or reports the denial", async () => {
    using dir = tempDir();
    const files = writeFiles(dir.path, {
      "cancel.mjs": functionHandler('"Order " + event.parameters[0].value + " cancelled"'),
      "orders.yaml": `version: 1
rules:
  - match: 'cancel (?<id>\\S+)'
    call: { actionGroup: orders, operation: cancelOrder, parameters: { id: "{{id}}" } }
    answers:
      - when: { denied: true }
        text: "Order {{id}} stays open."
      - text: "{{body}}."
`,
    });
    await using env = await emulatorWithClient({
      runtime: { localHandlers: { CancelOrder: files["cancel.mjs"] as string } },
    });
    const agentId = await createAgent(env.client, {
      name: "orders",
      script: files["orders.yaml"],
      actionGroups: [functionGroup("orders", "cancelOrder", "CancelOrder", { confirm: true })],
    });
    const rt = runtimeClient(env.emulator);
    for (const [sessionId, confirmationState, expected] of [
      ["yes", "CONFIRM", "Order ORD-1 cancelled."],
      ["no", "DENY", "Order ORD-1 stays open."],
    ] as const) {
      const ask = await invoke(rt, {
        agentId,
        agentAliasId: "TSTALIASID",
        sessionId,
        inputText: "Please cancel ORD-1",
      });
      const rc = ask.events.find((e) => e.returnControl)?.returnControl;
      expect(rc?.invocationInputs?.[0]?.functionInvocationInput?.actionInvocationType).toBe(
        "USER_CONFIRMATION",
      );
      const done = await invoke(rt, {
        agentId,
        agentAliasId: "TSTALIASID",
        sessionId,
        sessionState: {
          invocationId: rc?.invocationId,
          returnControlInvocationResults: [
            { functionResult: { actionGroup: "orders", function: "cancelOrder", confirmationState } },
          ],
        },
      });
      expect(done.text).toBe(expected);
    }
  });
});
