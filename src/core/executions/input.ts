/**
 * Execution input must be JSON (Step Functions rejects anything else with
 * InvalidExecutionInput). Checked here first so a typo is reported at its
 * line and column, exit 2, before anything starts.
 */
import { diagnostic } from "../../diagnostics.js";
import { InvalidInputError } from "../../errors.js";

/** The service's limit on execution input (aws-behaviour.md §6.2). */
export const MAX_INPUT_BYTES = 262_144;

export function parseExecutionInput(text: string, file: string): string {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (source.trim() === "") return "{}";
  try {
    JSON.parse(source);
  } catch (err) {
    const message = (err as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const position = positionAt(source, Math.min(offset, source.length));
    const reason = message
      .replace(/\s*in JSON at position \d+.*$/, "")
      .replace(/ \(line \d+ column \d+\)$/, "");
    throw new InvalidInputError(
      `${file}:${position.line}:${position.column}: the execution input is not valid JSON`,
      [
        diagnostic(
          file,
          position,
          "error",
          "input/json",
          `Not valid JSON: ${reason}.`,
          'Execution input must be a JSON document, e.g. {"orderId": "ORD-1"}.',
        ),
      ],
    );
  }
  if (Buffer.byteLength(source, "utf8") > MAX_INPUT_BYTES) {
    throw new InvalidInputError(
      `${file}: the execution input is larger than 256 KiB, the Step Functions limit`,
    );
  }
  return source;
}

function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
