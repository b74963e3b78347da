/**
 * The only place AWS SDK clients are constructed (design principle 1).
 *
 * Every client gets the same settings: region, credentials or profile, endpoint
 * and one retry policy. Whether the endpoint is the local emulator or a real
 * account was decided earlier (see target-settings.ts); nothing here branches on
 * "local". The SDK packages are imported on first use so `agentctl --help` and
 * commands that never call AWS do not pay for loading them.
 */
import type { BedrockAgentClient } from "@aws-sdk/client-bedrock-agent";
import type { BedrockAgentRuntimeClient } from "@aws-sdk/client-bedrock-agent-runtime";
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { SNSClient } from "@aws-sdk/client-sns";
import type { STSClient } from "@aws-sdk/client-sts";

export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface ClientSettings {
  /** Undefined lets the SDK fall back to the profile's region (and fail with "Region is missing"). */
  readonly region?: string;
  /** Named profile for credentials; ignored when `credentials` are given. */
  readonly profile?: string;
  /** One endpoint for all three services (the emulator serves them on one port). */
  readonly endpoint?: string;
  /** Fixed credentials; the SDK's provider chain is never consulted when set. */
  readonly credentials?: StaticCredentials;
  /** Total attempts per call (SDK default 3). */
  readonly maxAttempts?: number;
  /**
   * An endpoint override is in force that the SDK reads by itself (AWS_ENDPOINT_URL,
   * AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME); `endpoint` implies it.
   */
  readonly endpointOverridden?: boolean;
}

export interface AwsClients {
  readonly settings: ClientSettings;
  bedrockAgent(): Promise<BedrockAgentClient>;
  bedrockAgentRuntime(): Promise<BedrockAgentRuntimeClient>;
  sfn(): Promise<SFNClient>;
  iam(): Promise<IAMClient>;
  lambda(): Promise<LambdaClient>;
  sts(): Promise<STSClient>;
  sns(): Promise<SNSClient>;
  /** The Converse API, for the emulator's `bedrock` model adapter. */
  bedrockRuntime(): Promise<BedrockRuntimeClient>;
  /** Closes the sockets of every client created so far. */
  destroy(): void;
}

/**
 * The one retry policy: the SDK's adaptive mode — standard's exponential backoff with
 * jitter and retry quota, plus a client-side rate limiter that slows down when AWS
 * throttles (deploys of many agents hit Bedrock's low control-plane TPS).
 */
export const RETRY_MODE = "adaptive";

/** Each service's SDK package, imported on first use (a module is loaded once per process). */
const SDK_MODULES = {
  bedrockAgent: () => import("@aws-sdk/client-bedrock-agent"),
  bedrockAgentRuntime: () => import("@aws-sdk/client-bedrock-agent-runtime"),
  sfn: () => import("@aws-sdk/client-sfn"),
  iam: () => import("@aws-sdk/client-iam"),
  lambda: () => import("@aws-sdk/client-lambda"),
  sts: () => import("@aws-sdk/client-sts"),
  sns: () => import("@aws-sdk/client-sns"),
  bedrockRuntime: () => import("@aws-sdk/client-bedrock-runtime"),
};

export type SdkService = keyof typeof SDK_MODULES;

/**
 * Starts loading these services' SDK packages without waiting, for a command that is about to
 * wait anyway (its emulator's thread starting): the clients it creates afterwards find them loaded.
 * A package that fails to load fails again, and is reported, when its client is created.
 */
export function preloadSdk(services: readonly SdkService[]): void {
  for (const service of services) SDK_MODULES[service]().catch(() => {});
}

export function createAwsClients(settings: ClientSettings): AwsClients {
  const created: { destroy(): void }[] = [];
  const once = <T extends { destroy(): void }>(make: () => Promise<T>): (() => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return () => {
      pending ??= make().then((client) => {
        created.push(client);
        return client;
      });
      return pending;
    };
  };

  return {
    settings,
    bedrockAgent: once(async () => {
      const { BedrockAgentClient } = await SDK_MODULES.bedrockAgent();
      return new BedrockAgentClient(commonConfig(settings));
    }),
    bedrockAgentRuntime: once(async () => {
      const { BedrockAgentRuntimeClient } = await SDK_MODULES.bedrockAgentRuntime();
      return new BedrockAgentRuntimeClient({
        ...commonConfig(settings),
        ...(await runtimeRequestHandler(settings)),
      });
    }),
    sfn: once(async () => {
      const { SFNClient } = await SDK_MODULES.sfn();
      // StartSyncExecution carries the host prefix `sync-`; on a custom endpoint (the emulator,
      // 127.0.0.1) that makes an unresolvable host (aws-behaviour.md §6.2), on AWS it is needed.
      return new SFNClient({
        ...commonConfig(settings),
        ...(settings.endpoint || settings.endpointOverridden ? { disableHostPrefix: true } : {}),
      });
    }),
    iam: once(async () => {
      const { IAMClient } = await SDK_MODULES.iam();
      return new IAMClient(commonConfig(settings));
    }),
    lambda: once(async () => {
      const { LambdaClient } = await SDK_MODULES.lambda();
      return new LambdaClient(commonConfig(settings));
    }),
    sts: once(async () => {
      const { STSClient } = await SDK_MODULES.sts();
      return new STSClient(commonConfig(settings));
    }),
    sns: once(async () => {
      const { SNSClient } = await SDK_MODULES.sns();
      return new SNSClient(commonConfig(settings));
    }),
    bedrockRuntime: once(async () => {
      const { BedrockRuntimeClient } = await SDK_MODULES.bedrockRuntime();
      return new BedrockRuntimeClient(commonConfig(settings));
    }),
    destroy() {
      for (const client of created.splice(0)) client.destroy();
    },
  };
}

function commonConfig(settings: ClientSettings) {
  return {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.credentials ? { credentials: { ...settings.credentials } } : {}),
    ...(settings.profile && !settings.credentials ? { profile: settings.profile } : {}),
    ...(settings.endpoint
      ? {
          endpoint: settings.endpoint,
          // A FIPS or dual-stack setting in the user's environment makes the SDK's
          // endpoint rules reject a custom endpoint; neither means anything there.
          useFipsEndpoint: false,
          useDualstackEndpoint: false,
        }
      : {}),
    ...(settings.maxAttempts !== undefined ? { maxAttempts: settings.maxAttempts } : {}),
    retryMode: RETRY_MODE,
  };
}

/**
 * The runtime client speaks HTTP/2 by default (aws-behaviour.md §0.1, §1.5). Our
 * emulator serves h2c too, but an endpoint override may just as well be LocalStack,
 * a corporate proxy or a recording proxy that only speaks HTTP/1.1, where h2c fails
 * with an opaque "Protocol error". So whenever any override is in force the runtime
 * client uses HTTP/1.1 (streaming works the same over chunked encoding); against
 * real AWS it keeps the SDK's HTTP/2 default. The emulator's own tests cover h2c
 * for users whose JS code uses the SDK defaults.
 */
async function runtimeRequestHandler(settings: ClientSettings) {
  if (!settings.endpoint && !settings.endpointOverridden) return {};
  const { NodeHttpHandler } = await import("@smithy/node-http-handler");
  return { requestHandler: new NodeHttpHandler() };
}
