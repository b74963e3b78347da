import type { Context } from "../context.js";
import { shownPath } from "../core/local/paths.js";
import { type LocalStatus, localStatus } from "../core/local/status.js";

export default async function localStatusCommand(ctx: Context): Promise<void> {
  const status = await localStatus(ctx.projectDir, { vars: ctx.env.vars, cwd: ctx.env.cwd });
  ctx.io.result(status, () => render(status, ctx));
}

function render(status: LocalStatus, ctx: Context): string {
  const s = ctx.io.style;
  const db = shownPath(status.dbPath, ctx.env.cwd);
  const head = status.running
    ? `${s.green("running")} at ${s.bold(status.endpoint ?? "")} ${s.dim(`(pid ${status.pid}, since ${status.startedAt}, region ${status.region})`)}`
    : `${s.yellow("not running")} ${s.dim("(commands start an in-process emulator when they need one)")}`;
  const state = status.dbExists
    ? `state:  ${db} (${formatBytes(status.dbBytes)}), ${counted(status.agents, "agent")}, ${counted(status.stateMachines, "state machine")}, ${counted(status.runningExecutions, "running execution")}`
    : `state:  ${db} (empty: nothing created yet)`;
  return `emulator: ${head}\n${state}`;
}

function counted(n: number | undefined, what: string): string {
  return `${n ?? 0} ${what}${n === 1 ? "" : "s"}`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
