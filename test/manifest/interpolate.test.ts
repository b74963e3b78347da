// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these tests are about the literal ${…} placeholder syntax.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultInterpolation, interpolateString } from "../../src/manifest/interpolate.js";
import { loadAgentManifest } from "../../src/manifest/load-agent.js";
import { tempProject } from "./temp-project.js";

const values = { region: "ap-south-1", account: "111122223333", env: { STAGE: "prod", EMPTY: "" } };

describe("interpolateString", () => {
  it("replaces every placeholder and unescapes $${", () => {
    expect(interpolateString("arn:aws:lambda:${region}:${account}:function:f-${env:STAGE}", values)).toEqual({
      value: "arn:aws:lambda:ap-south-1:111122223333:function:f-prod",
      problems: [],
    });
    expect(interpolateString("$${region} costs $$5 and ${env:EMPTY}.", values).value).toBe(
      "${region} costs $$5 and .",
    );
  });

  it("reports each bad placeholder with its index in the raw string", () => {
    const { problems } = interpolateString("a ${nope} b ${env:1X} c ${env:UNSET} d ${region", values);
    expect(problems.map((p) => [p.index, p.code])).toEqual([
      [2, "manifest/unknown-placeholder"],
      [12, "manifest/unknown-placeholder"],
      [24, "manifest/env-unset"],
      [39, "manifest/unterminated-placeholder"],
    ]);
  });

  it("refuses ${region} and ${account} where they are not defined", () => {
    const { problems } = interpolateString("${region}/${account}", { env: {} });
    expect(problems.map((p) => p.index)).toEqual([0, 10]);
  });
});

describe("defaultInterpolation", () => {
  it("defaults to us-east-1 and the emulator's account", () => {
    const env = { A: "1" };
    expect(defaultInterpolation(env)).toEqual({ region: "us-east-1", account: "000000000000", env });
    expect(defaultInterpolation(env, { region: "eu-west-3", account: "999999999999" })).toMatchObject({
      region: "eu-west-3",
      account: "999999999999",
    });
  });
});

describe("interpolation positions", () => {
  it("does not interpolate map keys", async () => {
    const dir = tempProject({
      "a.yaml": `name: a\nmodel: m\ninstruction: You help the team with their orders, politely and briefly.\ntags: { "\${env:X}": y }\n`,
    });
    const { diagnostics } = await loadAgentManifest(path.join(dir, "a.yaml"), defaultInterpolation({}));
    // The key is checked as written (and "$", "{", "}" are not allowed in tag keys).
    expect(diagnostics.map((d) => d.code)).toEqual(["manifest/invalid-value"]);
  });
});
