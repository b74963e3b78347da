/**
 * The one way a command reaches AWS (or the emulator): decide the target from the flags,
 * the environment and agentctl.yaml, build the clients, and close both afterwards.
 */
import { type AwsClients, createAwsClients } from "../aws/clients.js";
import { type ProjectTargetSettings, resolveTargetSettings } from "../aws/target-settings.js";
import type { Context } from "../context.js";

export async function withTargetClients<T>(
  ctx: Context,
  project: ProjectTargetSettings | undefined,
  fn: (clients: AwsClients) => Promise<T>,
): Promise<T> {
  const opened = await openTargetClients(ctx, project);
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
): Promise<{ clients: AwsClients; close(): Promise<void> }> {
  const target = await resolveTargetSettings(ctx, project);
  const clients = createAwsClients(target.settings);
  return {
    clients,
    async close() {
      clients.destroy();
      await target.close();
    },
  };
}
