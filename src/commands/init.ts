import path from "node:path";
import type { Context } from "../context.js";
import { initProject } from "../core/init.js";

export default async function init(
  ctx: Context,
  args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const dir = path.resolve(ctx.projectDir, args[0] ?? ".");
  const result = await initProject({
    dir,
    ...(typeof options.name === "string" ? { name: options.name } : {}),
    force: options.force === true,
  });
  const relative = path.relative(ctx.env.cwd, result.dir);
  const shown = relative === "" ? "." : relative.startsWith("..") ? result.dir : relative;
  ctx.io.result({ ...result, nextSteps: nextSteps(shown) }, () => {
    const s = ctx.io.style;
    const lines = [s.green(`✔ Created project ${result.name} in ${shown} (${result.files.length} files)`)];
    for (const file of result.files) lines.push(`  ${file}`);
    for (const file of result.kept) lines.push(s.dim(`  ${file} (kept as it was)`));
    lines.push("", s.bold("Next steps:"));
    for (const step of nextSteps(shown)) lines.push(`  ${step}`);
    lines.push(
      s.dim(
        "  (agentctl not on your PATH? Run it as `npx agentctl …` from its checkout, or `npm link` there.)",
      ),
    );
    return lines.join("\n");
  });
}

/**
 * `agentctl` may not be on PATH (run from a checkout with npx), so the steps name the
 * project with -C instead of asking for a `cd` that npx would not follow.
 */
function nextSteps(shownDir: string): string[] {
  const dir = /\s/.test(shownDir) ? JSON.stringify(shownDir) : shownDir;
  const project = shownDir === "." ? "" : ` -C ${dir}`;
  return [`agentctl${project} validate`];
}
