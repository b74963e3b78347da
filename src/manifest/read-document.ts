/**
 * Reads one manifest file and parses it with positions. A missing or unreadable file is a
 * diagnostic, never an exception.
 */
import { readFile } from "node:fs/promises";
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic, hasErrors, START } from "../diagnostics.js";
import type { ParsedDocument } from "../source/parse-document.js";
import { parseDocumentTextRemembered } from "../source/remembered-parse.js";

export interface ReadDocument {
  /** Present when the file was read and parsed without errors (warnings may remain). */
  doc?: ParsedDocument;
  /** The file's text, for pointing inside strings. */
  source: string;
  /** The parser's findings; only warnings when `doc` is present. */
  diagnostics: Diagnostic[];
}

export async function readManifestDocument(file: string, notFoundHint?: string): Promise<ReadDocument> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const diagnostics =
      code === "ENOENT"
        ? [diagnostic(file, START, "error", "manifest/not-found", "File not found.", notFoundHint)]
        : [
            diagnostic(
              file,
              START,
              "error",
              "manifest/unreadable",
              `Cannot read the file (${code ?? (e as Error).message}).`,
            ),
          ];
    return { source: "", diagnostics };
  }
  // The parser drops a byte-order mark, so positions are counted without it: do the same here.
  if (source.startsWith("\uFEFF")) source = source.slice(1);
  const doc = await parseDocumentTextRemembered(source, file, "manifest");
  // Warnings (e.g. an unresolved YAML tag) leave a usable value: keep both.
  if (hasErrors(doc.diagnostics)) return { source, diagnostics: doc.diagnostics };
  if (doc.value === null || doc.value === undefined) {
    return {
      source,
      diagnostics: [
        ...doc.diagnostics,
        diagnostic(file, START, "error", "manifest/empty", "The file is empty; expected a YAML mapping."),
      ],
    };
  }
  return { doc, source, diagnostics: doc.diagnostics };
}
