/**
 * Messages and hints are read by people who do not have agentctl's internal
 * reference documents: citations of them belong in code comments only.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { check, lines } from "./helpers.js";

const INTERNAL = /§|aws-behaviou?r|design\.md|style\.md|SPEC\.md/i;
const sourceDir = fileURLToPath(new URL("../../src/asl", import.meta.url));

/** String and template literals of a TypeScript file, comments removed. */
function literals(source: string): string[] {
  const found: string[] = [];
  const token = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[\s\S])*`/g;
  for (const m of source.matchAll(token)) if (!m[0].startsWith("/")) found.push(m[0]);
  return found;
}

describe("user-facing text of the state-machine checks", () => {
  it("cites no internal document in any string of src/asl", () => {
    const files = readdirSync(sourceDir).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    const citations = files.flatMap((f) =>
      literals(readFileSync(path.join(sourceDir, f), "utf8"))
        .filter((l) => INTERNAL.test(l))
        .map((l) => `${f}: ${l}`),
    );
    expect(citations).toEqual([]);
    // The scan itself sees literals and skips comments.
    expect(literals('// see aws-behaviour.md §6.5\nconst a = "x §";')).toEqual(['"x §"']);
  });

  it("cites none in the diagnostics of a definition full of mistakes", () => {
    const text = lines(
      "StartAt: A",
      "States:",
      "  A:",
      "    Type: Task",
      "    Resource: arn:aws:states:::bedrock:invokeAgent",
      "    Parameters: { Text: $.x, Out.$: 'States.Formatt(1)' }",
      "    Result: { a.$: $.b }",
      "    Next: B",
      "  B:",
      "    Type: Choice",
      "    Choices: [{ Variable: $.x, StringContains: a, Next: A }, { Variable: $.y }]",
      "  C: { Type: Wait, Seconds: -1 }",
    );
    const diagnostics = check(text);
    expect(diagnostics.length).toBeGreaterThan(5);
    for (const d of diagnostics) expect(`${d.message} ${d.hint ?? ""}`).not.toMatch(INTERNAL);
  });
});
