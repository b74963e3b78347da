/**
 * Parses a JSON or YAML file (whatever its extension: public samples ship YAML in
 * `.json` files) and keeps source positions, so every later check can point at
 * `file:line:col`. Never throws for bad input: problems come back as diagnostics.
 */
import { type Document, LineCounter, parseDocument as parseYaml, visit } from "yaml";
import type { Diagnostic, Position } from "../diagnostics.js";
import { diagnostic, hasErrors, START } from "../diagnostics.js";
import type { PropertyPath } from "../manifest/types.js";
import { makeLocator } from "./node-locator.js";
import { duplicateKeys, syntaxProblems, tagWarnings } from "./yaml-problems.js";

/** Files larger than this are refused with a diagnostic instead of parsed (Bedrock's own limits are far lower). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface ParsedDocument {
  file: string;
  /** Plain JS value (undefined when the text could not be parsed). */
  value?: unknown;
  locate(path: PropertyPath): Position;
  locateKey(path: PropertyPath): Position;
  diagnostics: Diagnostic[];
}

export function parseDocumentText(text: string, file: string, codePrefix = "syntax"): ParsedDocument {
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const noPositions = { locate: () => START, locateKey: () => START };

  if (Buffer.byteLength(text, "utf8") > MAX_DOCUMENT_BYTES) {
    diagnostics.push(
      diagnostic(
        file,
        START,
        "error",
        `${codePrefix}/too-large`,
        `File is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`,
      ),
    );
    return { file, diagnostics, ...noPositions };
  }
  if (text.includes("\u0000")) {
    diagnostics.push(
      diagnostic(file, START, "error", `${codePrefix}/binary`, "File is binary, not JSON or YAML text."),
    );
    return { file, diagnostics, ...noPositions };
  }

  // A byte-order mark is invisible in editors; dropping it keeps columns as people count them.
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let doc: Document;
  try {
    doc = parseYaml(source, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  } catch (e) {
    // Absurdly deep nesting overflows the parser's own recursion.
    diagnostics.push(
      diagnostic(
        file,
        START,
        "error",
        `${codePrefix}/too-deep`,
        `The file cannot be parsed: ${(e as Error).message}`,
      ),
    );
    return { file, diagnostics, ...noPositions };
  }
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const lineOf = (offset: number) => pos(offset).line;
  const jsonHint = looksLikeJson(source)
    ? "The file looks like JSON: check for trailing commas, comments or missing quotes."
    : undefined;
  const problems = [...syntaxProblems(doc.errors, lineOf), ...duplicateKeys(doc, lineOf)];
  for (const p of problems) {
    const hint = p.hint ?? jsonHint;
    diagnostics.push(diagnostic(file, pos(p.offset), "error", `${codePrefix}/invalid`, p.message, hint));
  }
  for (const p of tagWarnings(doc.warnings)) {
    diagnostics.push(
      diagnostic(file, pos(p.offset), "warning", `${codePrefix}/unresolved-tag`, p.message, p.hint),
    );
  }
  if (hasErrors(diagnostics)) return { file, diagnostics, ...noPositions };

  const { locate, locateKey } = makeLocator(doc.contents, pos);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    diagnostics.push(diagnostic(file, START, "error", `${codePrefix}/invalid`, (e as Error).message));
    return { file, diagnostics, ...noPositions };
  }
  const recursiveAlias = findRecursiveAlias(doc);
  if (recursiveAlias) {
    diagnostics.push(
      diagnostic(
        file,
        pos(recursiveAlias),
        "error",
        `${codePrefix}/alias-cycle`,
        "A YAML alias refers to a node that contains it (a recursive anchor).",
        "Repeat the content instead of referring to its own anchor.",
      ),
    );
    return { file, diagnostics, ...noPositions };
  }
  if (tooDeep(value, 0)) {
    diagnostics.push(
      diagnostic(
        file,
        START,
        "error",
        `${codePrefix}/too-deep`,
        `Nesting deeper than ${MAX_DEPTH} levels is not supported.`,
      ),
    );
    return { file, diagnostics, ...noPositions };
  }
  return { file, value, locate, locateKey, diagnostics };
}

/** Deeper than any real manifest, schema or template; bounds every later recursive walk. */
const MAX_DEPTH = 200;

/**
 * A YAML alias inside its own anchor (`a: &x {b: *x}`) yields a value that contains
 * itself, which would send every later recursive walk into a loop: find it here, once,
 * and answer with the alias's own position.
 */
function findRecursiveAlias(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, alias, path) {
      const target = alias.resolve(doc);
      if (target && path.includes(target as never)) {
        offset = alias.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

/** Absurd nesting would overflow the recursive checkers that follow. */
function tooDeep(value: unknown, depth: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (depth > MAX_DEPTH) return true;
  return Object.values(value).some((child) => tooDeep(child, depth + 1));
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === "{" || first === "[";
}
