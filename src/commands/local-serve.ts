import path from "node:path";
import { LOCAL_CREDENTIALS, resolveRegion } from "../aws/target-settings.js";
import type { Context } from "../context.js";
import { resolveDbPath, shownPath } from "../core/local/paths.js";
import { localRuntimeOptions } from "../core/local/runtime-options.js";
import { type ServeInfo, serveLocal } from "../core/local/serve.js";
import { readEmulatorTuning } from "../core/local/tuning.js";
import { UsageError } from "../errors.js";
import { loadProjectConfig } from "../manifest/load-project-config.js";

export default async function localServe(
  ctx: Context,
  _args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const port = parsePort(options.port);
  const db = typeof options.db === "string" ? options.db : undefined;
  const accessLog = typeof options.accessLog === "string" ? options.accessLog : undefined;
  const tuning = await readEmulatorTuning(ctx.env.vars);
  // The project's `region:` applies when there is a valid agentctl.yaml; serving works without one.
  const project = (await loadProjectConfig(ctx.projectDir, ctx.env.vars)).value?.value;

  // Only this shell module listens for signals; the core waits on an AbortSignal.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    await serveLocal(
      {
        projectDir: ctx.projectDir,
        dbPath: resolveDbPath(ctx.projectDir, ctx.env.cwd, ctx.env.vars, db),
        region: resolveRegion(ctx, project, "local") as string,
        ...(port !== undefined ? { port } : {}),
        ...(accessLog ? { accessLogFile: path.resolve(ctx.env.cwd, accessLog) } : {}),
        ...tuning,
        runtime: localRuntimeOptions(ctx.projectDir, ctx.env.vars),
        pid: process.pid,
        credentials: LOCAL_CREDENTIALS,
      },
      stop.signal,
      (info) => {
        ctx.io.result(info, () => renderServeInfo(info, ctx));
        ctx.io.info("Press Ctrl+C to stop.");
      },
    );
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  ctx.io.info("Emulator stopped.");
}

function renderServeInfo(info: ServeInfo, ctx: Context): string {
  const s = ctx.io.style;
  const db = shownPath(info.dbPath, ctx.env.cwd);
  const lines = [
    `${s.green("Local emulator listening on")} ${s.bold(info.endpoint)} ${s.dim(`(state: ${db}, region ${info.region})`)}`,
    "",
    "Point boto3, the AWS CLI or an AWS SDK at it:",
    "",
    ...Object.entries(info.exports).map(([k, v]) => `export ${k}=${v}`),
    `unset ${info.unset.join(" ")}`,
  ];
  return lines.join("\n");
}

function parsePort(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || value.trim() === "" || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${String(value)}".`);
  }
  return n;
}
