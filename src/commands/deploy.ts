import type { Context } from "../context.js";
import { deployProject, preflight } from "../core/deploy/engine.js";
import { createProgress } from "../io/progress.js";
import { positiveInteger, withDeployPorts } from "./deploy-support.js";
import { renderDeployResult } from "./render-plan.js";
import { prewarmTargetClients } from "./target-clients.js";

export default async function deploy(
  ctx: Context,
  agents: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const concurrency = positiveInteger(options.concurrency, "--concurrency");
  const pruneVersions = positiveInteger(options.pruneVersions, "--prune-versions", 0);
  prewarmTargetClients(ctx);
  const validated = await preflight({ projectDir: ctx.projectDir, vars: ctx.env.vars, agents });
  const progress = await createProgress(ctx.io, {
    tty: ctx.env.stderrIsTTY && !ctx.env.ci,
    stream: process.stderr,
  });
  try {
    const { result } = await withDeployPorts(
      ctx,
      (ports) =>
        deployProject(ports, {
          projectDir: ctx.projectDir,
          vars: ctx.env.vars,
          agents,
          validated,
          adopt: Boolean(options.adopt),
          progress: (e) => progress.update(e),
          ...(concurrency ? { concurrency } : {}),
          ...(pruneVersions !== undefined ? { pruneVersions } : {}),
        }),
      validated,
    );
    progress.stop();
    ctx.io.result(result, () => renderDeployResult(result, ctx.io.style));
  } finally {
    progress.stop();
  }
}
