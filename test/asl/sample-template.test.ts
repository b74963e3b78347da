import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validateStateMachineFile, validateStateMachineText } from "../../src/asl/validate.js";
import { AGENTS, brief } from "./helpers.js";

const template = path.join(
  fileURLToPath(new URL("../..", import.meta.url)),
  "templates",
  "order-workflow.asl.yaml",
);

describe("the sample order workflow", () => {
  it("validates with no diagnostics against the sample's agents", async () => {
    expect(
      await validateStateMachineFile(template, {
        agentNames: AGENTS,
        aliases: { "order-validation": ["live"], shipping: ["live"], notification: ["live"] },
      }),
    ).toEqual([]);
  });

  it("reports an agent the project lacks", async () => {
    const diagnostics = await validateStateMachineFile(template, {
      agentNames: ["shipping", "notification"],
    });
    expect(diagnostics.map((d) => d.code)).toEqual(["asl/unknown-agent"]);
  });

  it("is caught when a seed mistake is put back", async () => {
    const text = await readFile(template, "utf8");
    const broken = text.replace('StringMatches: "VALID:*"', "StringContains: VALID");
    expect(broken).not.toBe(text);
    expect(brief(validateStateMachineText(broken, template, { agentNames: AGENTS }))).toEqual([
      expect.stringMatching(/^\d+:9 error asl\/unknown-operator$/),
    ]);
  });
});
