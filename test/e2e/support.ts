/** What the end-to-end tests share: a deployed project driven through the real CLI, and output scrubbing. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type CliResult, runCli } from "../helpers/run-cli.js";

/** Wide enough that no rendered line wraps, so output does not depend on the temp dir's length. */
export const WIDE = { COLUMNS: "400" };

/** The CLI in-process, run in (and on) the project `dir`. */
export const cliIn =
  (dir: string) =>
  (argv: string[], opts: { stdin?: string; vars?: Record<string, string> } = {}): Promise<CliResult> =>
    runCli(["-C", dir, ...argv], {
      cwd: dir,
      vars: { ...WIDE, ...opts.vars },
      ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
    });

/** Deploys the project in `dir` and fails loudly (with the CLI's own words) if that does not work. */
export async function deploy(dir: string): Promise<void> {
  const r = await cliIn(dir)(["deploy"]);
  if (r.code !== 0) throw new Error(`agentctl deploy exited ${r.code}:\n${r.stderr}`);
}

/** A temporary project made of the given files (paths relative to the project root). */
export function inlineProject(files: Record<string, string>): { dir: string; [Symbol.dispose](): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "agentctl-e2e-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return { dir, [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Rendered output without what changes from run to run: durations, session and invocation ids,
 * the project's temporary directory (which the scripted model names in its rationale) and so
 * the token counts (the scripted model counts the rationale's length).
 */
export function scrub(text: string, dir: string): string {
  return text
    .split(dir)
    .join("<project>")
    .replace(/\d+ ms\b/g, "N ms")
    .replace(/\d+ in \/ \d+ out/g, "N in / N out")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>");
}

/** A Lambda function handler (ES module) answering with `body` (a JS expression over `event`). */
export const functionHandler = (body: string, before = "") => `export async function handler(event) {
  ${before}
  return {
    messageVersion: "1.0",
    response: { actionGroup: event.actionGroup, function: event.function,
      functionResponse: { responseBody: { TEXT: { body: ${body} } } } },
    sessionAttributes: event.sessionAttributes,
    promptSessionAttributes: event.promptSessionAttributes,
  };
}
`;
