import type { Context } from "../context.js";
import { planDeployment, preflight } from "../core/deploy/engine.js";
import { ExitCode, ReportedFailure } from "../errors.js";
import { positiveInteger, withDeployPorts } from "./deploy-support.js";
import { renderPlan } from "./render-plan.js";
import { prewarmTargetClients } from "./target-clients.js";

export default async function plan(
  ctx: Context,
  agents: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const concurrency = positiveInteger(options.concurrency, "--concurrency");
  prewarmTargetClients(ctx);
  const validated = await preflight({ projectDir: ctx.projectDir, vars: ctx.env.vars, agents });
  const planned = await withDeployPorts(
    ctx,
    (ports) =>
      planDeployment(ports, {
        projectDir: ctx.projectDir,
        vars: ctx.env.vars,
        agents,
        validated,
        adopt: Boolean(options.adopt),
        ...(concurrency ? { concurrency } : {}),
      }),
    validated,
  );
  ctx.io.result(planned.plan, () => renderPlan(planned.plan, ctx.io.style));
  if (options.detailedExitcode && planned.plan.changes > 0) {
    throw new ReportedFailure("changes pending", ExitCode.ChangesPending);
  }
}
