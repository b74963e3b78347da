import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { sortDiagnostics } from "../diagnostics.js";
import type { Style } from "./style.js";

/** Diagnostics grouped by file, each as a clickable `file:line:col`, paths relative to `baseDir`. */
export function renderDiagnostics(diagnostics: Diagnostic[], baseDir: string, style: Style): string {
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const d of sortDiagnostics(diagnostics)) {
    const file = displayPath(d.file, baseDir);
    if (file !== currentFile) {
      if (currentFile !== undefined) lines.push("");
      lines.push(style.bold(file));
      currentFile = file;
    }
    const severity = d.severity === "error" ? style.red("error") : style.yellow("warning");
    lines.push(`  ${file}:${d.line}:${d.column} ${severity} ${d.message} ${style.dim(`[${d.code}]`)}`);
    if (d.hint) lines.push(`      ${style.cyan("hint:")} ${d.hint}`);
  }
  return lines.join("\n");
}

export function displayPath(file: string, baseDir: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(baseDir, file);
  return rel === "" ? "." : rel;
}

/** The JSON form of diagnostics: same fields, paths relative to the project. */
export function diagnosticsToJson(diagnostics: Diagnostic[], baseDir: string): Diagnostic[] {
  return sortDiagnostics(diagnostics).map((d) => ({ ...d, file: displayPath(d.file, baseDir) }));
}
