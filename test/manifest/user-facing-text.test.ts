/**
 * Messages and hints are read by users, who do not have the project's internal reference
 * documents: citations of them belong in code comments only. Checks every string literal and
 * template text under src/manifest/ (comments are not string literals, so they may cite freely).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../../src/manifest/", import.meta.url));
const INTERNAL = /aws-behaviour|design\.md|style\.md|§/;

function stringLiterals(file: string, text = readFileSync(file, "utf8")): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ line, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("user-facing text in src/manifest", () => {
  it("cites no internal document", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    const citations = files.flatMap((f) =>
      stringLiterals(path.join(dir, f))
        .filter((s) => INTERNAL.test(s.text))
        .map((s) => `${f}:${s.line} ${s.text}`),
    );
    expect(citations).toEqual([]);
  });

  it("tells a citation in a message from one in a comment", () => {
    const sample = [
      "// Bedrock refuses it (aws-behaviour.md §4.2).",
      'const hint = "See aws-behaviour.md §4.2.";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal in the sample source.
      "const message = `Limit ${n} (§3.4)`;",
    ].join("\n");
    const flagged = stringLiterals("sample.ts", sample).filter((s) => INTERNAL.test(s.text));
    expect(flagged.map((s) => s.line)).toEqual([2, 3]);
  });
});
