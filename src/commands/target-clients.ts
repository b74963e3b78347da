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
  await using target = await resolveTargetSettings(ctx, project);
  const clients = createAwsClients(target.settings);
  try {
    return await fn(clients);
  } finally {
    clients.destroy();
  }
}
