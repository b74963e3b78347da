import { validateStateMachineText } from "../../src/asl/validate.js";
import type { Diagnostic } from "../../src/diagnostics.js";

export const AGENTS = ["order-validation", "shipping", "notification"];

export function check(text: string, file = "workflow.asl.yaml", agentNames: string[] = AGENTS): Diagnostic[] {
  return validateStateMachineText(text, file, { agentNames });
}

/** `line:col severity code` for compact, exact assertions. */
export function brief(diagnostics: Diagnostic[], code?: string): string[] {
  return diagnostics
    .filter((d) => code === undefined || d.code === code)
    .map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);
}

/** Joins lines so test sources read like the files they stand for. */
export function lines(...l: string[]): string {
  return `${l.join("\n")}\n`;
}
