import type { Context } from "../context.js";
import { preflight } from "../core/deploy/engine.js";
import { rollback } from "../core/deploy/operate.js";
import { UsageError } from "../errors.js";
import { positiveInteger, withDeployPorts } from "./deploy-support.js";
import { renderMove } from "./promote.js";

export default async function rollbackCommand(
  ctx: Context,
  args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const [agent] = args;
  const alias = options.alias as string | undefined;
  if (!agent || !alias) throw new UsageError("rollback needs AGENT and --alias ALIAS.");
  const toVersion = positiveInteger(options.toVersion, "--to-version");
  const validated = await preflight({ projectDir: ctx.projectDir, vars: ctx.env.vars, agents: [agent] });
  const move = await withDeployPorts(
    ctx,
    (ports) =>
      rollback(ports, {
        projectDir: ctx.projectDir,
        vars: ctx.env.vars,
        validated,
        progress: () => {},
        agent,
        alias,
        ...(toVersion !== undefined ? { toVersion: String(toVersion) } : {}),
      }),
    validated,
  );
  ctx.io.result(move, () => renderMove(move));
}
