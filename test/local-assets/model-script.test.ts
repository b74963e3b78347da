import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkModelScript, SCRIPT_SCHEMA_URL } from "../../src/local-assets/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** The sample agents' action groups and operations (agents/*.yaml, openapi/*.yaml). */
const SAMPLE_GROUPS: Record<string, Record<string, string[]>> = {
  "order-validation": { "product-catalog": ["getProduct"] },
  shipping: { "shipping-provider": ["createShipment"] },
  notification: { notify: ["sendNotification"] },
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "agentctl-scripts-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function script(text: string): Promise<string> {
  const file = path.join(dir, `s${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, text);
  return file;
}

const brief = async (text: string, groups?: Record<string, string[]>) =>
  (await checkModelScript(await script(text), groups ? { actionGroups: groups } : {})).map(
    (d) => `${d.line}:${d.column} ${d.severity} ${d.code}`,
  );

describe("checkModelScript", () => {
  it.each(Object.entries(SAMPLE_GROUPS))("accepts the sample's %s script", async (agent, groups) => {
    const file = path.join(root, "agents", "scripts", `${agent}.yaml`);
    expect(await checkModelScript(file, { actionGroups: groups })).toEqual([]);
  });

  it("reports bad YAML at its line with the script/ prefix", async () => {
    expect(await brief("version: 1\nrules:\n  - match: [\n")).toEqual([
      expect.stringMatching(/^\d+:\d+ error script\/invalid$/),
    ]);
  });

  it("reports a regular expression that does not compile, at its value", async () => {
    const text = "version: 1\nrules:\n  - match: 'order (?<id>\\S+'\n    answers: [{ text: 'id {{id}}' }]\n";
    const diagnostics = await checkModelScript(await script(text));
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["3:12 script/invalid-regex"]);
    expect(diagnostics[0]?.message).toBe(
      "rules[0].match is not a valid regular expression: Unterminated group.",
    );
  });

  it("reports an unknown field with a suggestion", async () => {
    const text = "version: 1\nrules:\n  - match: x\n    anwsers: [{ text: hi }]\n";
    const diagnostics = await checkModelScript(await script(text));
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      "3:5 script/no-answer",
      "4:5 script/unknown-field",
    ]);
    expect(diagnostics[1]?.hint).toBe('Did you mean "answers"?');
  });

  it("requires call.actionGroup and call.operation to be strings", async () => {
    const text = "version: 1\nrules:\n  - match: x\n    call: { actionGroup: 5, operation: [a] }\n";
    expect(await brief(text)).toEqual(["4:26 error script/wrong-type", "4:40 error script/wrong-type"]);
  });

  it("accepts collaborator calls, ask and when.denied, and refuses a call that is half of each form", async () => {
    const good = [
      "version: 1",
      "rules:",
      "  - match: 'order (?<id>\\S+)'",
      "    call: { collaborator: order-validation, text: 'Validate {{id}}' }",
      "    answers: [{ when: { denied: true }, text: 'no' }, { text: '{{body}}' }]",
      "  - match: '^$'",
      "    ask: 'Which order?'",
      "",
    ].join("\n");
    expect(await brief(good)).toEqual([]);
    const bad =
      "version: 1\nrules:\n  - match: x\n    call: { actionGroup: a }\n    answers: [{ text: t }]\n";
    expect(await brief(bad)).toEqual(["4:5 error script/call-form"]);
  });

  it("checks the version, answers and when", async () => {
    const text = [
      "version: 2",
      "rules:",
      "  - match: x",
      "    answers:",
      '      - when: { status: "404", state: FAILED }',
      "        text: no",
      "",
    ].join("\n");
    expect(await brief(text)).toEqual([
      "1:10 error script/invalid-value",
      "5:25 error script/wrong-type",
      "5:39 error script/invalid-value",
    ]);
  });

  it("names unknown action groups and operations when the agent's are given", async () => {
    const text = "version: 1\nrules:\n  - match: x\n    call: { actionGroup: notfy, operation: send }\n";
    const diagnostics = await checkModelScript(await script(text), { actionGroups: { notify: ["send"] } });
    expect(diagnostics.map((d) => `${d.code} ${d.hint}`)).toEqual([
      'script/unknown-action-group Did you mean "notify"?',
    ]);
    const wrongOp = text.replace("notfy", "notify").replace("send }", "sned }");
    const second = await checkModelScript(await script(wrongOp), { actionGroups: { notify: ["send"] } });
    expect(second.map((d) => `${d.code} ${d.hint}`)).toEqual([
      'script/unknown-operation Did you mean "send"?',
    ]);
  });

  it("warns about template variables that are neither named groups nor observation values", async () => {
    const text = [
      "version: 1",
      "rules:",
      "  - match: 'order (?<orderId>\\S+)'",
      "    answers:",
      '      - text: "{{orderId}} {{status}} {{body.x}} {{input}} {{orderID}}"',
      'fallback: "{{orderId}}"',
      "",
    ].join("\n");
    const diagnostics = await checkModelScript(await script(text));
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      "5:15 warning script/unknown-variable",
      "6:11 warning script/unknown-variable",
    ]);
    expect(diagnostics[0]?.hint).toBe('Did you mean "orderId"?');
  });

  it("reports a missing file and a directory", async () => {
    expect((await checkModelScript(path.join(dir, "nope.yaml"))).map((d) => d.code)).toEqual([
      "script/not-found",
    ]);
    expect((await checkModelScript(dir)).map((d) => d.code)).toEqual(["script/not-a-file"]);
  });

  it("ships a schema editors can use", async () => {
    const schema = JSON.parse(await readFile(SCRIPT_SCHEMA_URL, "utf8")) as {
      $id: string;
      required: string[];
    };
    expect(schema.$id).toBe("https://agentctl.dev/schemas/model-script.schema.json");
    expect(schema.required).toEqual(["version", "rules"]);
  });
});
