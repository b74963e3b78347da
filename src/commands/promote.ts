import type { Context } from "../context.js";
import { preflight } from "../core/deploy/engine.js";
import type { AliasMove } from "../core/deploy/operate.js";
import { promote } from "../core/deploy/operate.js";
import { UsageError } from "../errors.js";
import { withDeployPorts } from "./deploy-support.js";

export default async function promoteCommand(
  ctx: Context,
  args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const [agent] = args;
  const from = options.from as string | undefined;
  const to = options.to as string | undefined;
  if (!agent || !from || !to) throw new UsageError("promote needs AGENT, --from ALIAS and --to ALIAS.");
  const validated = await preflight({ projectDir: ctx.projectDir, vars: ctx.env.vars, agents: [agent] });
  const move = await withDeployPorts(
    ctx,
    (ports) =>
      promote(ports, {
        projectDir: ctx.projectDir,
        vars: ctx.env.vars,
        validated,
        progress: () => {},
        agent,
        from,
        to,
      }),
    validated,
  );
  ctx.io.result(move, () => renderMove(move));
}

export function renderMove(m: AliasMove): string {
  return m.changed
    ? `${m.agent}: alias ${m.alias} now serves version ${m.toVersion} (was ${m.fromVersion ?? "none"}).`
    : `${m.agent}: alias ${m.alias} already serves version ${m.toVersion}; nothing changed.`;
}
