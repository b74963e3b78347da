/**
 * What the deploy-family commands share: the target's clients turned into the engine's
 * ports (closed afterwards), and parsing of their numeric options.
 */
import type { SdkService } from "../aws/clients.js";
import type { Context } from "../context.js";
import type { DeployPorts } from "../core/deploy/ports.js";
import { createDeployPorts } from "../core/deploy/sdk-ports.js";
import type { ValidatedProject } from "../core/validate-project.js";
import { UsageError } from "../errors.js";
import { readProjectConfig } from "../manifest/load-project-config.js";
import { withTargetClients } from "./target-clients.js";

/** What a deploy reads (SNS when a workflow publishes, as the sample's does). */
const DEPLOY_SERVICES: readonly SdkService[] = ["bedrockAgent", "sts", "iam", "lambda", "sfn", "sns"];

/**
 * `validated`: the project preflight() loaded, whose agentctl.yaml then need not be read again
 * for its target settings.
 */
export async function withDeployPorts<T>(
  ctx: Context,
  fn: (ports: DeployPorts) => Promise<T>,
  validated?: ValidatedProject,
): Promise<T> {
  // Only the target settings of agentctl.yaml are needed here; the engine validates the whole project.
  const settings =
    validated?.loaded.value?.config.value ??
    (await readProjectConfig(ctx.projectDir, ctx.env.vars)).wellTyped?.value;
  return withTargetClients(ctx, settings, async (clients) => fn(await createDeployPorts(clients)), {
    preload: DEPLOY_SERVICES,
  });
}

export function positiveInteger(value: unknown, option: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`${option} must be a whole number of at least ${min}, not "${String(value)}".`);
  }
  return n;
}
