/**
 * The one way a command reaches AWS (or the emulator): decide the target from the flags,
 * the environment and agentctl.yaml, build the clients, and close both afterwards.
 */
import { type AwsClients, createAwsClients } from "../aws/clients.js";
import {
  type ProjectTargetSettings,
  type ResolveTargetOptions,
  resolveTargetSettings,
} from "../aws/target-settings.js";
import type { Context } from "../context.js";
import { prewarmEmulatorThread } from "../core/local/emulator-thread.js";
import { resolveTarget } from "../target.js";

export async function withTargetClients<T>(
  ctx: Context,
  project: ProjectTargetSettings | undefined,
  fn: (clients: AwsClients) => Promise<T>,
  options: ResolveTargetOptions = {},
): Promise<T> {
  const opened = await openTargetClients(ctx, project, options);
  try {
    return await fn(opened.clients);
  } finally {
    await opened.close();
  }
}

/** The same for a command that keeps its clients across several steps (chat); close() ends both. */
export async function openTargetClients(
  ctx: Context,
  project: ProjectTargetSettings | undefined,
  options: ResolveTargetOptions = {},
): Promise<{ clients: AwsClients; close(): Promise<void> }> {
  const target = await resolveTargetSettings(ctx, project, options);
  const clients = createAwsClients(target.settings);
  return {
    clients,
    async close() {
      clients.destroy();
      await target.close();
    },
  };
}

/**
 * For a command with work of its own before it needs clients (deploy and plan validate the
 * project first): start loading the local emulator now, on its own thread, unless the flags or
 * the environment already say it will not be needed. agentctl.yaml may still choose aws; the
 * unused thread then costs the other core a moment and ends with the process.
 */
export function prewarmTargetClients(ctx: Context): void {
  if (ctx.options.endpointUrl) return;
  let target: string;
  try {
    target = resolveTarget(ctx);
  } catch {
    return; // an unknown --target is reported when the target is resolved for real
  }
  if (target === "local") prewarmEmulatorThread();
}
