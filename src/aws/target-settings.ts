/**
 * Chooses, once per command, where AWS calls go and with which identity: the
 * local emulator with throw-away credentials, or a real account through the
 * user's profile. Commands then build clients with createAwsClients(settings)
 * and never ask which target they are on.
 */
import type { Context } from "../context.js";
import { openLocalEmulator } from "../core/local/open-local-emulator.js";
import { UsageError } from "../errors.js";
import type { ProjectConfig } from "../manifest/types.js";
import { resolveTarget, type Target } from "../target.js";
import { type ClientSettings, preloadSdk, type SdkService, type StaticCredentials } from "./clients.js";

/**
 * What every client aimed at the emulator signs with. A user's real AWS
 * credentials must never reach the emulator, so the local target never lets the
 * SDK's provider chain run. The emulator does not check signatures.
 */
export const LOCAL_CREDENTIALS: StaticCredentials = Object.freeze({
  accessKeyId: "agentctl-local",
  secretAccessKey: "agentctl-local",
});

/** The emulator needs some region for ARNs; this is the one AWS documents as the default. */
export const LOCAL_DEFAULT_REGION = "us-east-1";

export type ProjectTargetSettings = Pick<ProjectConfig, "target" | "region" | "profile">;

export interface TargetSettings {
  readonly target: Target;
  readonly settings: ClientSettings;
  /** Where the local emulator answers (target local only). */
  readonly emulator?: { readonly endpoint: string; readonly dbPath: string; readonly shared: boolean };
  /** Stops an emulator started for this command; a no-op otherwise. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface ResolveTargetOptions {
  /** SDK packages the command will use: loaded while the emulator starts rather than after. */
  preload?: readonly SdkService[];
}

export async function resolveTargetSettings(
  ctx: Context,
  project?: ProjectTargetSettings,
  options: ResolveTargetOptions = {},
): Promise<TargetSettings> {
  const preload = () => preloadSdk(options.preload ?? []);
  const target = resolveTarget(ctx, project?.target);
  const vars = ctx.env.vars;
  const maxAttempts = resolveMaxAttempts(vars);
  const region = resolveRegion(ctx, project, target);

  if (target === "aws") {
    const profile = ctx.options.profile ?? vars.AWS_PROFILE ?? project?.profile;
    const settings: ClientSettings = {
      ...(region ? { region } : {}),
      ...(profile ? { profile } : {}),
      ...(ctx.options.endpointUrl ? { endpoint: ctx.options.endpointUrl } : {}),
      ...(maxAttempts !== undefined ? { maxAttempts } : {}),
      endpointOverridden: Boolean(ctx.options.endpointUrl) || endpointOverrideInEnv(vars),
    };
    preload();
    return withClose(target, settings, undefined, async () => {});
  }

  const local: ClientSettings = {
    credentials: LOCAL_CREDENTIALS,
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
  };
  // --endpoint-url with the local target points at an emulator agentctl did not
  // start (another machine's `local serve`, a container); it still gets dummy keys.
  if (ctx.options.endpointUrl) {
    const settings = { ...local, region: region ?? LOCAL_DEFAULT_REGION, endpoint: ctx.options.endpointUrl };
    preload();
    return withClose(target, settings, undefined, async () => {});
  }
  const emulator = await openLocalEmulator(ctx.projectDir, {
    vars,
    cwd: ctx.env.cwd,
    region: region ?? LOCAL_DEFAULT_REGION,
    whileStarting: preload,
  });
  if (emulator.shared && region && region !== emulator.region) {
    ctx.io.debug(`The running emulator uses region ${emulator.region}; using it instead of ${region}.`);
  }
  const settings: ClientSettings = { ...local, region: emulator.region, endpoint: emulator.endpoint };
  return withClose(
    target,
    settings,
    { endpoint: emulator.endpoint, dbPath: emulator.dbPath, shared: emulator.shared },
    () => emulator.close(),
  );
}

/**
 * `--region` → AWS_REGION → AWS_DEFAULT_REGION → the project's region (→ us-east-1 on
 * the local target). The JS SDK ignores AWS_DEFAULT_REGION (aws-behaviour.md §7.1);
 * we honour it like the AWS CLI and boto3 so one shell setup works for all three.
 * Undefined on the aws target lets the SDK try the profile's region.
 */
export function resolveRegion(
  ctx: Pick<Context, "options" | "env">,
  project: ProjectTargetSettings | undefined,
  target: Target,
): string | undefined {
  const vars = ctx.env.vars;
  const candidates = [ctx.options.region, vars.AWS_REGION, vars.AWS_DEFAULT_REGION, project?.region];
  const region = candidates.find((r) => r !== undefined && r.trim() !== "")?.trim();
  return region ?? (target === "local" ? LOCAL_DEFAULT_REGION : undefined);
}

function resolveMaxAttempts(vars: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = vars.AWS_MAX_ATTEMPTS;
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(
      `AWS_MAX_ATTEMPTS must be a whole number of at least 1, not "${raw}".`,
      "It counts total attempts per call; the default is 3.",
    );
  }
  return n;
}

/** The SDK reads these by itself; we only need to know so the runtime client drops HTTP/2. */
function endpointOverrideInEnv(vars: Readonly<Record<string, string | undefined>>): boolean {
  if (vars.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === "true") return false;
  return Boolean(vars.AWS_ENDPOINT_URL || vars.AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME);
}

function withClose(
  target: Target,
  settings: ClientSettings,
  emulator: TargetSettings["emulator"],
  close: () => Promise<void>,
): TargetSettings {
  let closing: Promise<void> | undefined;
  const closeOnce = () => {
    closing ??= close();
    return closing;
  };
  return {
    target,
    settings,
    ...(emulator ? { emulator } : {}),
    close: closeOnce,
    [Symbol.asyncDispose]: closeOnce,
  };
}
