/**
 * Finds a syntax error in a handler without running it. TypeScript is a
 * devDependency, so it is not used here: Node's own `module.stripTypeScriptTypes`
 * (Node 22.13+) parses TypeScript and JavaScript modules alike and reports the
 * first syntax error with its line and column. Where it is missing, CommonJS
 * files are still compiled (not run) with `vm.Script`; ES modules are then left
 * unchecked, since V8 only parses module syntax behind a flag.
 */
import vm from "node:vm";
import type { Position } from "../diagnostics.js";
import { typeStripper } from "./type-stripper.js";

export interface SyntaxProblem extends Position {
  message: string;
}

/** The first syntax error in `source`, or undefined when it parses (or cannot be checked). */
export function findSyntaxError(source: string): SyntaxProblem | undefined {
  const strip = typeStripper();
  const looksLikeModule = /^\s*(import|export)\b/m.test(source) || /\bimport\.meta\b/.test(source);
  if (!strip) return looksLikeModule ? undefined : compileAsCommonJs(source);
  try {
    strip(source);
    return undefined;
  } catch (e) {
    const error = e as Error & { code?: string };
    if (error.code !== "ERR_INVALID_TYPESCRIPT_SYNTAX") return undefined;
    const problem = fromStack(error, 0, source);
    // The TypeScript parser is stricter than Node for CommonJS (a top-level `return`); ask V8.
    if (!looksLikeModule && compileAsCommonJs(source) === undefined) return undefined;
    return problem;
  }
}

/** Compiles (never runs) the source the way Node wraps a CommonJS module. */
function compileAsCommonJs(source: string): SyntaxProblem | undefined {
  try {
    new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
      filename: "handler",
    });
    return undefined;
  } catch (e) {
    return e instanceof SyntaxError ? fromStack(e, 1, source) : undefined;
  }
}

/**
 * Both parsers put the position in the stack: `name:LINE`, then source lines
 * around it with a caret line under the offending text (Node's TypeScript
 * parser shows the line before it too; no caret when the file ends too early).
 */
function fromStack(error: Error, linesBefore: number, source: string): SyntaxProblem {
  const message = error.message.replace(/\s+/g, " ").trim();
  const stack = (error.stack ?? "").split("\n");
  const header = /:(\d+)$/.exec(stack[0] ?? "");
  const sourceLines = source.split("\n");
  if (!header) return { line: 1, column: 1, message };
  const line = Math.min(Math.max(Number(header[1]) - linesBefore, 1), sourceLines.length);
  const caret = stack.slice(1, 6).find((l) => /^ *\^+\s*$/.test(l));
  const column = caret ? caret.indexOf("^") + 1 : (sourceLines[line - 1]?.length ?? 0) + 1;
  return { line, column, message };
}
