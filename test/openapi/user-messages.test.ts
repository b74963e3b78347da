/**
 * Messages and hints are read by users, who do not have the project's internal
 * reference documents: citations of those belong in code comments only.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CLEAN, check, first } from "./helpers.js";

const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/openapi");
const INTERNAL_CITATION = /aws-behaviour|design\.md|style\.md|§/;

/** The text of every string and template literal in a TypeScript file (comments excluded). */
function stringLiterals(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("user-facing text of the OpenAPI checks", () => {
  it("cites no internal document in any string literal", () => {
    const files = readdirSync(sourceDir).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    const citations = files.flatMap((f) =>
      stringLiterals(path.join(sourceDir, f))
        .filter((s) => INTERNAL_CITATION.test(s.text))
        .map((s) => `${f}:${s.line}: ${s.text}`),
    );
    expect(citations).toEqual([]);
  });

  it("finds literals, so the check above can fail", () => {
    const literals = stringLiterals(path.join(sourceDir, "document-rules.ts")).map((s) => s.text);
    expect(literals).toContain("openapi/version-missing");
  });

  it("gives a version hint without a citation", async () => {
    const d = first(await check(CLEAN.replace("openapi: 3.0.0\n", "")), "openapi/version-missing");
    expect(d.hint).toMatch(/^Add openapi: "3\.0\.0" at the top\. /);
  });
});
