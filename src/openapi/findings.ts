import type { Diagnostic, Severity } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import type { Located } from "./refs.js";

/** Collects diagnostics for values found in schema documents, at the value or at its key. */
export class Findings {
  readonly diagnostics: Diagnostic[] = [];
  /**
   * A component or path-level parameter shared by several operations is checked once per
   * operation; report each problem once, at its own position.
   */
  private readonly reported = new Set<string>();

  report(
    at: Located,
    severity: Severity,
    code: string,
    message: string,
    hint?: string,
    where: "value" | "key" = "key",
  ): void {
    const position = where === "key" ? at.doc.locateKey(at.path) : at.doc.locate(at.path);
    const key = `${at.doc.file}:${position.line}:${position.column}:${code}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(diagnostic(at.doc.file, position, severity, code, message, hint));
  }

  error(at: Located, code: string, message: string, hint?: string, where: "value" | "key" = "key"): void {
    this.report(at, "error", code, message, hint, where);
  }

  warn(at: Located, code: string, message: string, hint?: string, where: "value" | "key" = "key"): void {
    this.report(at, "warning", code, message, hint, where);
  }
}
