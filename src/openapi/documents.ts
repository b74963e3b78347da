/**
 * The schema file and the local files its `$ref`s point to, each parsed once with
 * positions. Reads are confined to the schema's own directory: a schema must not make
 * agentctl read arbitrary files, and nothing is ever fetched over the network.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic, Position } from "../diagnostics.js";
import type { PropertyPath } from "../manifest/types.js";
import { MAX_DOCUMENT_BYTES, parseDocumentText } from "../source/parse-document.js";

export interface SchemaDocument {
  /** Absolute path for files on disk; as given for in-memory text. */
  file: string;
  value: unknown;
  locate(path: PropertyPath): Position;
  locateKey(path: PropertyPath): Position;
}

export type LoadOutcome = { doc: SchemaDocument } | { error: string };

export class DocumentSet {
  readonly root: SchemaDocument;
  /** Parse problems found in referenced files (reported against those files). */
  readonly diagnostics: Diagnostic[] = [];
  private readonly rootDir: string;
  private readonly loaded = new Map<string, LoadOutcome | Promise<LoadOutcome>>();

  constructor(root: SchemaDocument) {
    this.root = root;
    this.rootDir = path.dirname(path.resolve(root.file));
    this.loaded.set(path.resolve(root.file), { doc: root });
  }

  /** Absolute path of the file part of `ref`, relative to the document holding it. */
  fileOf(fromFile: string, refFilePart: string): string {
    return path.resolve(path.dirname(path.resolve(fromFile)), decodeURIComponent(refFilePart));
  }

  /**
   * How messages name a file: relative to the schema's directory, the way the user wrote
   * the `$ref` (diagnostics already carry the absolute path for editors).
   */
  displayPath(absFile: string): string {
    const rel = path.relative(this.rootDir, absFile);
    return rel === "" ? path.basename(absFile) : rel;
  }

  isInsideRoot(absFile: string, rootDir = this.rootDir): boolean {
    const rel = path.relative(rootDir, absFile);
    return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
  }

  /** A file already loaded (or that failed to load); undefined when never requested. */
  peek(absFile: string): LoadOutcome | undefined {
    const entry = this.loaded.get(absFile);
    return entry instanceof Promise ? undefined : entry;
  }

  /** The root and every referenced file that loaded. */
  referencedDocuments(): SchemaDocument[] {
    const docs: SchemaDocument[] = [];
    for (const entry of this.loaded.values()) {
      if (!(entry instanceof Promise) && "doc" in entry) docs.push(entry.doc);
    }
    return docs;
  }

  load(absFile: string): Promise<LoadOutcome> {
    const entry = this.loaded.get(absFile);
    if (entry) return Promise.resolve(entry);
    const pending = this.read(absFile).then((outcome) => {
      this.loaded.set(absFile, outcome);
      return outcome;
    });
    this.loaded.set(absFile, pending);
    return pending;
  }

  private async read(absFile: string): Promise<LoadOutcome> {
    const shown = this.displayPath(absFile);
    if (!path.isAbsolute(absFile) || !this.isInsideRoot(absFile)) {
      return { error: `${shown} is outside the schema's directory` };
    }
    try {
      // Resolve symlinks too, so a link inside the directory cannot lead outside it.
      const [realDir, realFile] = await Promise.all([realpath(this.rootDir), realpath(absFile)]);
      if (!this.isInsideRoot(realFile, realDir)) {
        return { error: `${shown} leads outside the schema's directory` };
      }
      const info = await stat(realFile);
      if (!info.isFile()) return { error: `${shown} is not a file` };
      if (info.size > MAX_DOCUMENT_BYTES) return { error: `${shown} is larger than the size agentctl reads` };
      const parsed = parseDocumentText(await readFile(realFile, "utf8"), absFile, "openapi");
      if (parsed.value === undefined || parsed.diagnostics.length > 0) {
        this.diagnostics.push(...parsed.diagnostics);
        return { error: `${shown} is not valid JSON or YAML` };
      }
      return {
        doc: { file: absFile, value: parsed.value, locate: parsed.locate, locateKey: parsed.locateKey },
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "no such file" : (code ?? (e as Error).message);
      return { error: `cannot read ${shown}: ${why}` };
    }
  }
}
