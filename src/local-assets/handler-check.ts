/**
 * Checks an action group's `handler:` module the way the emulator (and Lambda)
 * will load it, without running it: a non-empty TypeScript or JavaScript file
 * that parses and exports a function named `handler`.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic, START } from "../diagnostics.js";
import { withoutComments } from "./js-text.js";
import { findSyntaxErrorCached } from "./syntax-cache.js";

export const HANDLER_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];

const SIGNATURE =
  'export async function handler(event) { … return { messageVersion: "1.0", response: { actionGroup: event.actionGroup, … } }; }';

export async function checkHandlerFile(file: string): Promise<Diagnostic[]> {
  const problem = (code: string, message: string, hint?: string) => [
    diagnostic(file, START, "error", `handler/${code}`, message, hint),
  ];
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      return problem(
        "not-a-file",
        `The handler ${path.basename(file)} is ${info.isDirectory() ? "a directory" : "not a regular file"}.`,
        "Point `handler:` at the module file itself, e.g. handlers/product-catalog.ts.",
      );
    }
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT"
      ? problem("not-found", `The handler file ${path.basename(file)} does not exist.`)
      : problem("unreadable", `Cannot read the handler file: ${(e as Error).message}.`);
  }

  const extension = path.extname(file).toLowerCase();
  if (!HANDLER_EXTENSIONS.includes(extension)) {
    return problem(
      "extension",
      `The handler ${path.basename(file)} is not a TypeScript or JavaScript module (${extension || "no extension"}).`,
      `Handlers run on Node.js: use a .ts, .mts, .js or .mjs file.`,
    );
  }
  if (text.includes("\u0000"))
    return problem("not-text", "The handler file is not text (it contains NUL bytes).");
  const code = withoutComments(text);
  if (code.trim() === "") {
    return problem(
      "empty",
      `The handler ${path.basename(file)} is empty.`,
      `Write the function Lambda calls: ${SIGNATURE}`,
    );
  }

  const diagnostics: Diagnostic[] = [];
  const syntax = findSyntaxErrorCached(text.replace(/^\uFEFF/, ""));
  if (syntax) {
    diagnostics.push(
      diagnostic(
        file,
        syntax,
        "error",
        "handler/syntax",
        `Syntax error: ${syntax.message}.`,
        "The emulator cannot load a module that does not parse.",
      ),
    );
  }
  const exported = exportsHandler(code);
  if (exported === false) {
    diagnostics.push(
      diagnostic(
        file,
        START,
        "error",
        "handler/no-export",
        `${path.basename(file)} does not export a function named "handler".`,
        missingExportHint(code),
      ),
    );
  }
  return diagnostics;
}

/** True, false, or undefined when a wildcard re-export (`export * from`) might provide it. */
export function exportsHandler(code: string): boolean | undefined {
  const direct = [
    /\bexport\s+(?:async\s+)?function\s*\*?\s*handler\s*[<(]/,
    /\bexport\s+(?:const|let|var)\s+handler\b/,
    /\b(?:module\.)?exports\.handler\s*=/,
    /\b(?:module\.)?exports\s*\[\s*["'`]handler["'`]\s*\]\s*=/,
    /\bmodule\.exports\s*=\s*\{[^}]*\bhandler\b/,
  ];
  if (direct.some((pattern) => pattern.test(code))) return true;
  for (const list of code.matchAll(/\bexport\s*(type\s*)?\{([^}]*)\}/g)) {
    if (list[1]) continue; // `export type { … }` exports no value
    const names = (list[2] ?? "")
      .split(",")
      .filter((entry) => !/^\s*type\s/.test(entry))
      .map((entry) =>
        entry
          .trim()
          .split(/\s+as\s+/)
          .pop()
          ?.trim(),
      );
    if (names.includes("handler")) return true;
  }
  return /\bexport\s*\*\s*from\b/.test(code) ? undefined : false;
}

function missingExportHint(code: string): string {
  if (/\bexport\s+default\b/.test(code))
    return `Lambda looks the function up by name, so a default export is not found: ${SIGNATURE}`;
  if (/\b(?:async\s+)?function\s*\*?\s*handler\s*[<(]|\b(?:const|let|var)\s+handler\b/.test(code))
    return 'A function named "handler" is defined but not exported: add `export` in front of it.';
  return `Export the function Lambda calls: ${SIGNATURE}`;
}
