/**
 * `agentctl validate` for an action group's OpenAPI schema: parse (JSON or YAML whatever
 * the extension), resolve `$ref`s locally, check structure with swagger-parser, then
 * Bedrock's own rules. Never throws for bad input: everything comes back as diagnostics.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic, hasErrors, START, sortDiagnostics } from "../diagnostics.js";
import { MAX_DOCUMENT_BYTES, parseDocumentText } from "../source/parse-document.js";
import { rememberedCheck } from "../source/verdict-cache.js";
import { checkDocument } from "./document-rules.js";
import { DocumentSet, type SchemaDocument } from "./documents.js";
import { checkOperations } from "./operation-rules.js";
import { extractOperations } from "./operations.js";
import { checkRefs } from "./ref-check.js";
import { isObject, preloadReferencedFiles } from "./refs.js";
import { checkSchemaKeywords } from "./schema-rules.js";
import { checkStructure } from "./structure-check.js";
import { recogniseToolDefinition, toolDefinitionHint, toolDefinitionMessage } from "./tool-definition.js";
import type { OpenApiResult, OpenApiValidateOptions } from "./types.js";

export async function validateOpenApiFile(
  file: string,
  opts: OpenApiValidateOptions,
): Promise<OpenApiResult> {
  const abs = path.resolve(file);
  let text: string;
  try {
    const info = await stat(abs);
    if (!info.isFile()) return unreadable(abs, "it is not a regular file");
    if (info.size > MAX_DOCUMENT_BYTES) {
      // Refuse before reading: parse-document would refuse it anyway, without the memory cost.
      return fail(
        diagnostic(
          abs,
          START,
          "error",
          "openapi/too-large",
          `File is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`,
        ),
      );
    }
    text = await readFile(abs, "utf8");
  } catch (e) {
    return unreadable(abs, describeFsError(e));
  }
  // An unchanged, self-contained schema that passed is not checked again (source/verdict-cache.ts).
  return rememberedCheck(
    "openapi",
    [abs, opts.actionGroupName, text],
    () => validateOpenApiText(text, abs, opts),
    (result) => result.diagnostics.length === 0 && result.files === 1,
  );
}

/** `file` names the text in diagnostics and anchors relative `$ref`s. */
export async function validateOpenApiText(
  text: string,
  file: string,
  opts: OpenApiValidateOptions,
): Promise<OpenApiResult> {
  const parsed = parseDocumentText(text, file, "openapi");
  if (parsed.value === undefined || hasErrors(parsed.diagnostics)) {
    return { operations: [], diagnostics: sortDiagnostics(parsed.diagnostics) };
  }
  if (!isObject(parsed.value)) {
    const tools = recogniseToolDefinition(parsed.value);
    if (tools) {
      return fail(
        diagnostic(
          file,
          START,
          "error",
          "openapi/tool-definition",
          toolDefinitionMessage(tools),
          toolDefinitionHint(tools),
        ),
      );
    }
    return fail(
      diagnostic(
        file,
        START,
        "error",
        "openapi/not-an-object",
        "An OpenAPI schema must be an object (openapi, info, paths).",
        'Start from: {"openapi": "3.0.0", "info": {...}, "paths": {...}}',
      ),
    );
  }
  const root: SchemaDocument = {
    file,
    value: parsed.value,
    locate: parsed.locate,
    locateKey: parsed.locateKey,
  };
  const set = new DocumentSet(root);
  const verdict = checkDocument(set, opts.actionGroupName, text.length);
  const findings = verdict.findings;
  if (verdict.foreign) return done([...parsed.diagnostics, ...findings.diagnostics], []);

  await preloadReferencedFiles(set);
  const refDiagnostics = checkRefs(set);
  const docs = [root, ...loadedDocs(set, root)];
  checkSchemaKeywords(docs, findings);
  if (!verdict.hasOperations) {
    return done([...parsed.diagnostics, ...set.diagnostics, ...refDiagnostics, ...findings.diagnostics], []);
  }

  checkOperations(set, opts.actionGroupName, findings);
  // swagger-parser stops at the first broken $ref; those are already reported with positions.
  const structural = hasErrors(refDiagnostics) ? [] : await checkStructure(set, opts.actionGroupName);
  const own = [...set.diagnostics, ...refDiagnostics, ...findings.diagnostics];
  return {
    ...done([...parsed.diagnostics, ...own, ...withoutDuplicates(structural, own)], extractOperations(set)),
    files: docs.length,
  };
}

/** Bedrock rules that report, more helpfully, what swagger-parser also reports at the same node. */
const COVERS_STRUCTURE = new Set(["openapi/path-invalid", "openapi/operation-id-invalid"]);

function withoutDuplicates(structural: Diagnostic[], own: Diagnostic[]): Diagnostic[] {
  const taken = new Set(
    own.filter((d) => COVERS_STRUCTURE.has(d.code)).map((d) => `${d.file}:${d.line}:${d.column}`),
  );
  return structural.filter((d) => !taken.has(`${d.file}:${d.line}:${d.column}`));
}

function loadedDocs(set: DocumentSet, root: SchemaDocument): SchemaDocument[] {
  return set.referencedDocuments().filter((d) => d !== root);
}

function done(diagnostics: Diagnostic[], operations: OpenApiResult["operations"]): OpenApiResult {
  return { operations, diagnostics: sortDiagnostics(diagnostics) };
}

function fail(d: Diagnostic): OpenApiResult {
  return { operations: [], diagnostics: [d] };
}

function unreadable(file: string, why: string): OpenApiResult {
  return fail(
    diagnostic(
      file,
      START,
      "error",
      "openapi/unreadable",
      `Cannot read the schema: ${why}.`,
      "Check the schema path in the action group (relative to the manifest).",
    ),
  );
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return code ?? (e as Error).message;
}
