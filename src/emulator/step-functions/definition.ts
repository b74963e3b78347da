/**
 * Checking a definition the way CreateStateMachine and
 * ValidateStateMachineDefinition do: strict JSON, asl-validator's schema and
 * graph checks, and agentctl's own ASL checks (src/asl/validate.ts), which
 * explain the mistakes AWS reports as one terse code.
 */
import { validateStateMachineText } from "../../asl/validate.js";
import { aslValidator } from "../../lazy-libraries.js";
import type { JsonObject } from "../states/types.js";
import { sfnError } from "./errors.js";

export interface DefinitionDiagnostic {
  severity: "ERROR" | "WARNING";
  code: string;
  message: string;
  location?: string;
}

/** EXPRESS workflows run at most 5 minutes and cannot wait for callbacks or child runs (AWS rejects both). */
function expressProblems(machine: unknown, at: string, out: DefinitionDiagnostic[]): void {
  const states = (machine as { States?: Record<string, Record<string, unknown>> } | null)?.States;
  if (!states || typeof states !== "object") return;
  for (const [name, state] of Object.entries(states)) {
    const location = `${at}/States/${name}`;
    const resource = typeof state?.Resource === "string" ? state.Resource : "";
    const pattern = /\.(waitForTaskToken|sync)(:\d+)?$/.exec(resource)?.[1];
    if (pattern)
      out.push({
        severity: "ERROR",
        code: "SCHEMA_VALIDATION_FAILED",
        message: `Express state machine does not support '.${pattern}' service integration`,
        location: `${location}/Resource`,
      });
    if (Array.isArray(state?.Branches))
      state.Branches.forEach((branch, i) => {
        expressProblems(branch, `${location}/Branches/${i}`, out);
      });
    for (const key of ["ItemProcessor", "Iterator"])
      if (state?.[key]) expressProblems(state[key], `${location}/${key}`, out);
  }
}

export function checkDefinition(
  text: string,
  type: "STANDARD" | "EXPRESS" = "STANDARD",
): { definition?: JsonObject; diagnostics: DefinitionDiagnostic[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return {
      diagnostics: [
        {
          severity: "ERROR",
          code: "INVALID_JSON_DESCRIPTION",
          message: `The definition is not valid JSON: ${(err as Error).message}`,
        },
      ],
    };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return {
      diagnostics: [
        {
          severity: "ERROR",
          code: "INVALID_JSON_DESCRIPTION",
          message: "The definition must be a JSON object.",
        },
      ],
    };
  const diagnostics: DefinitionDiagnostic[] = [];
  // asl-validator writes QueryLanguage into the object it checks: give it a copy.
  for (const error of aslValidator()(structuredClone(parsed), { checkPaths: true, checkArn: true }).errors) {
    const location = error.schemaError?.instancePath;
    diagnostics.push({
      severity: "ERROR",
      code: error["Error code"],
      message: error.Message,
      ...(location ? { location } : {}),
    });
  }
  for (const d of validateStateMachineText(text, "definition.json", { agentNames: [] })) {
    diagnostics.push({
      severity: d.severity === "error" ? "ERROR" : "WARNING",
      code: d.code,
      message: `${d.message}${d.hint ? ` ${d.hint}` : ""} (line ${d.line}, column ${d.column})`,
    });
  }
  if (type === "EXPRESS") expressProblems(parsed, "", diagnostics);
  return { definition: parsed as JsonObject, diagnostics };
}

/** The definition, or InvalidDefinition naming the first errors as AWS does. */
export function requireValidDefinition(text: string, type: "STANDARD" | "EXPRESS" = "STANDARD"): JsonObject {
  const { definition, diagnostics } = checkDefinition(text, type);
  const errors = diagnostics.filter((d) => d.severity === "ERROR");
  if (!definition || errors.length > 0) {
    const listed = errors
      .slice(0, 5)
      .map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ""}`)
      .join("; ");
    throw sfnError(
      "InvalidDefinition",
      `Invalid State Machine Definition: '${listed}${errors.length > 5 ? `; and ${errors.length - 5} more` : ""}'`,
    );
  }
  return definition;
}
