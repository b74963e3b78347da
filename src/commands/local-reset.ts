import path from "node:path";
import { createInterface } from "node:readline/promises";
import type { Context } from "../context.js";
import { shownPath } from "../core/local/paths.js";
import { findResetTarget, type ResetResult, resetLocalState } from "../core/local/reset.js";
import { UsageError } from "../errors.js";

export default async function localReset(
  ctx: Context,
  _args: string[],
  _options: Record<string, unknown>,
): Promise<void> {
  const target = await findResetTarget(ctx.projectDir, { vars: ctx.env.vars, cwd: ctx.env.cwd });
  const where = shownPath(target.dbPath, ctx.env.cwd);
  // Nothing to lose, nothing to confirm.
  if (target.hasState && !ctx.options.yes) {
    if (!canAsk(ctx)) {
      throw new UsageError(
        `Refusing to delete all emulator state in ${where} without confirmation.`,
        "Re-run with --yes to confirm (there is no terminal to ask on).",
      );
    }
    if (!(await ask(`Delete all emulator state in ${where}? [y/N] `))) {
      ctx.io.info("Nothing deleted.");
      return;
    }
  }
  const result = await resetLocalState(target);
  ctx.io.result(result, () => render(result, where));
}

function render(result: ResetResult, where: string): string {
  switch (result.via) {
    case "server":
      return `Emptied the running emulator at ${result.serverEndpoint} (state: ${where}).`;
    case "files":
      return `Deleted ${result.removedFiles.map((f) => path.basename(f)).join(", ")} in ${path.dirname(where)}.`;
    default:
      return `Nothing to reset: ${where} does not exist.`;
  }
}

/** Asking needs a person at a terminal on both ends. */
function canAsk(ctx: Context): boolean {
  return !ctx.env.ci && ctx.env.stderrIsTTY && ctx.env.stdinIsTTY;
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
