import { createInterface } from "node:readline/promises";
import type { Context } from "../context.js";
import { destroyProject, planDestroy } from "../core/deploy/destroy.js";
import { preflight } from "../core/deploy/engine.js";
import { UsageError } from "../errors.js";
import { createProgress } from "../io/progress.js";
import { positiveInteger, withDeployPorts } from "./deploy-support.js";
import { renderDeployResult } from "./render-plan.js";

export default async function destroy(
  ctx: Context,
  agents: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const concurrency = positiveInteger(options.concurrency, "--concurrency");
  const validated = await preflight({ projectDir: ctx.projectDir, vars: ctx.env.vars, agents });
  const base = {
    projectDir: ctx.projectDir,
    vars: ctx.env.vars,
    agents,
    validated,
    ...(concurrency ? { concurrency } : {}),
  };
  const progress = await createProgress(ctx.io, {
    tty: ctx.env.stderrIsTTY && !ctx.env.ci,
    stream: process.stderr,
  });
  try {
    const result = await withDeployPorts(
      ctx,
      async (ports) => {
        if (!ctx.options.yes && !options.yes) {
          const { plan } = await planDestroy(ports, base);
          const names = plan.items.map((i) => i.name);
          if (names.length === 0) return undefined;
          if (!canAsk(ctx)) {
            throw new UsageError(
              `Refusing to destroy ${names.join(", ")} without confirmation.`,
              "Re-run with --yes to confirm (there is no terminal to ask on).",
            );
          }
          if (
            !(await ask(
              `Destroy ${names.join(", ")} and the roles and permissions agentctl created for them? [y/N] `,
            ))
          ) {
            return null;
          }
        }
        return destroyProject(ports, { ...base, progress: (e) => progress.update(e) });
      },
      validated,
    );
    progress.stop();
    if (result === null) {
      ctx.io.info("Nothing destroyed.");
      return;
    }
    const shown = result ?? { project: "", operations: [], agents: [], changes: 0 };
    ctx.io.result(shown, () =>
      shown.operations.length === 0
        ? "Nothing to destroy: the project owns no deployed agents."
        : renderDeployResult(shown, ctx.io.style),
    );
  } finally {
    progress.stop();
  }
}

function canAsk(ctx: Context): boolean {
  return !ctx.env.ci && ctx.env.stderrIsTTY && ctx.env.stdinIsTTY;
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
