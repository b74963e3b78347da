/**
 * What every loader and validator returns instead of throwing: the CLI decides how to print it.
 * Positions are 1-based, as editors and `file:line:col` links expect.
 */
export type Severity = "error" | "warning";

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  /** Stable identifier, e.g. `manifest/unknown-field` or `openapi/operation-id-missing`. */
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
}

export interface Loaded<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

export interface Position {
  line: number;
  column: number;
}

export const START: Position = { line: 1, column: 1 };

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export function diagnostic(
  file: string,
  at: Position,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
): Diagnostic {
  return { file, line: at.line, column: at.column, code, severity, message, ...(hint ? { hint } : {}) };
}

/** Orders diagnostics by file, then position, so output is stable across runs. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}
