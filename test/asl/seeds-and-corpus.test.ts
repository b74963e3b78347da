/**
 * Real third-party inputs: the seed article's order workflow (whose mistakes the
 * sample project fixes) and public state machines from /work/shared/corpus/asl.
 * Read from ../shared, never copied; skipped with a reason when absent.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validateStateMachineFile, validateStateMachineText } from "../../src/asl/validate.js";
import { AGENTS, brief } from "./helpers.js";

const shared = path.resolve(fileURLToPath(new URL("../..", import.meta.url)), "../shared");
const seedFile = path.join(shared, "seeds", "000_eebd0d0bbd307155.txt");
const corpusDir = path.join(shared, "corpus", "asl");

if (!existsSync(seedFile)) console.warn(`skipping the seed workflow test: ${seedFile} is absent`);
if (!existsSync(corpusDir)) console.warn(`skipping the ASL corpus test: ${corpusDir} is absent`);

/** The JSON definition inside the article's CloudFormation `DefinitionString: !Sub |` block. */
function seedDefinition(): string {
  const article = readFileSync(seedFile, "utf8");
  const start = article.indexOf("DefinitionString: !Sub |");
  const end = article.indexOf("RoleArn:", start);
  const block = article.slice(article.indexOf("\n", start) + 1, end).split("\n");
  const indent = Math.min(...block.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return block
    .map((l) => l.slice(indent))
    .join("\n")
    .trimEnd();
}

describe.skipIf(!existsSync(seedFile))("the seed article's order workflow", () => {
  it("gets every mistake explained at its line:col", () => {
    const diagnostics = validateStateMachineText(seedDefinition(), "seed.asl.json", { agentNames: AGENTS });
    // `!Sub` is reported by the parser (unresolved-tag) or, failing that, as not JSON.
    const yamlOnly = /asl\/(unresolved-substitution|unresolved-tag|not-json)$/;
    expect(brief(diagnostics).filter((d) => !yamlOnly.test(d))).toEqual([
      "8:9 warning asl/result-not-evaluated",
      "17:19 error asl/bedrock-invoke-agent",
      "20:37 error asl/json-comment",
      "43:11 error asl/unknown-operator",
      "48:11 error asl/unknown-operator",
      "53:11 error asl/unknown-operator",
      "57:42 error asl/json-comment",
      "61:51 error asl/json-comment",
      "70:19 error asl/bedrock-invoke-agent",
      "97:11 error asl/unknown-operator",
    ]);
    expect(brief(diagnostics)).toContainEqual(
      expect.stringMatching(/^64:20 warning asl\/(unresolved-tag|not-json)$/),
    );
    const substitutions = diagnostics.filter((d) => d.code === "asl/unresolved-substitution");
    expect(substitutions.find((d) => d.message.includes(`\${OrderValidationAgentId}`))?.hint).toContain(
      `\${agents.NAME.agentId}`,
    );
    expect(substitutions.find((d) => d.message.includes(`\${$.orderId}`))?.hint).toContain("States.Format");
  });
});

describe.skipIf(!existsSync(corpusDir))("public state machines (corpus/asl)", () => {
  const files = existsSync(corpusDir) ? readdirSync(corpusDir).sort() : [];

  it("has files to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s gets a verdict", async (name) => {
    const diagnostics = await validateStateMachineFile(path.join(corpusDir, name), { agentNames: [] });
    const errors = diagnostics.filter((d) => d.severity === "error");
    const codes = [...new Set(diagnostics.map((d) => d.code))].join(", ");
    console.log(
      `${name}: ${errors.length} errors, ${diagnostics.length - errors.length} warnings${codes ? ` (${codes})` : ""}`,
    );
    for (const d of diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
    // Every file is a deployed public sample (JSONPath and JSONata, SAM/CDK ${…} substitutions,
    // multi-line prompts, filter expressions): none of that is an error.
    expect(errors.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
  });
});
