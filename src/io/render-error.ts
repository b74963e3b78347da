import { type AgentctlError, CloudError, InvalidInputError } from "../errors.js";
import type { Io } from "./io.js";
import { renderDiagnostics } from "./render-diagnostics.js";

/**
 * Prints an error for a person (stderr) or, under --json, as `{"error": …}` on stdout.
 * A stack trace appears only with --verbose, and only for errors that are not the user's to fix.
 */
export function renderError(error: AgentctlError, io: Io, baseDir: string): void {
  if (io.json) {
    io.result({ error: errorToJson(error) }, () => "");
    return;
  }
  const s = io.style;
  const prefix = error instanceof CloudError ? `${error.awsName}: ` : "";
  io.error(`${s.red("error:")} ${prefix}${error.message}`);
  if (error instanceof InvalidInputError && error.diagnostics.length > 0) {
    io.error(renderDiagnostics(error.diagnostics, baseDir, s));
  }
  if (error instanceof CloudError && error.requestId) io.error(s.dim(`request id: ${error.requestId}`));
  if (error.hint) io.error(`${s.cyan("hint:")} ${error.hint}`);
  if (error.source === "toolkit") {
    io.error(s.dim("This looks like a bug in agentctl; please report it with the output of --verbose."));
  }
  // A stack trace helps only with what is not the user's to fix.
  if (io.verbose && error.source !== "user") {
    const cause = error.cause instanceof Error ? error.cause : error;
    if (cause.stack) io.debug(cause.stack);
  }
}

export function errorToJson(error: AgentctlError): Record<string, unknown> {
  return {
    type: error.name,
    message: error.message,
    exitCode: error.exitCode,
    ...(error.hint ? { hint: error.hint } : {}),
    ...(error instanceof CloudError
      ? { awsName: error.awsName, requestId: error.requestId, httpStatusCode: error.httpStatusCode }
      : {}),
    ...(error instanceof InvalidInputError ? { diagnostics: error.diagnostics } : {}),
  };
}
