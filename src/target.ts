import type { Context } from "./context.js";
import { UsageError } from "./errors.js";

export type Target = "local" | "aws";
const TARGETS: readonly Target[] = ["local", "aws"];

/** `--target` beats `AGENTCTL_TARGET`, which beats the project's `target:`; the default is the local emulator. */
export function resolveTarget(ctx: Context, projectTarget?: string): Target {
  const chosen = ctx.options.target ?? ctx.env.vars.AGENTCTL_TARGET ?? projectTarget ?? "local";
  if (!TARGETS.includes(chosen as Target)) {
    throw new UsageError(
      `Unknown target "${chosen}".`,
      `Use --target local (the embedded emulator) or --target aws.`,
    );
  }
  return chosen as Target;
}
