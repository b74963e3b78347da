/**
 * Turns what the AWS SDK throws into agentctl's errors, by the error's name and
 * HTTP status — never by its message text (one documented exception below).
 * Nothing here prints credentials: messages are AWS's own, with any signing
 * material AWS echoes back cut out.
 */
import { type AgentctlError, CloudError, FailedError, NotConfiguredError } from "../errors.js";

interface SdkServiceError {
  name: string;
  message?: string;
  /** Absent on in-stream exceptions, which have no HTTP response of their own. */
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
  fieldList?: { name?: string; message?: string }[];
}

const CREDENTIAL_ERRORS = new Set([
  "CredentialsProviderError",
  "SSOTokenProviderFailure",
  "TokenProviderError",
]);

const NO_CREDENTIALS_HINT =
  "Configure credentials (aws configure), log in to SSO (aws sso login --profile NAME), " +
  "pick a profile with --profile or AWS_PROFILE — or work offline with --target local.";

const HINTS: Record<string, string> = {
  ValidationException:
    "AWS rejected a field of the request; run `agentctl validate` to check manifests against Bedrock's rules.",
  ResourceNotFoundException:
    "It may have been deleted or live in another region or account; check --region and --profile.",
  ConflictException: "The agent is busy — wait for PREPARING/UPDATING/VERSIONING to finish, then retry.",
  ServiceQuotaExceededException:
    "A Bedrock quota is exhausted (agents, action groups, aliases…); delete unused resources or request an increase in Service Quotas.",
  ThrottlingException:
    "AWS is rate-limiting these calls and retries ran out; wait a little, or raise AWS_MAX_ATTEMPTS.",
  AccessDeniedException:
    "Your identity lacks a permission for this call; check the IAM policy of the profile in use (aws sts get-caller-identity).",
  UnrecognizedClientException:
    "AWS does not recognise the access key; check the profile in use, or run aws sso login if it is an SSO profile.",
  InvalidSignatureException:
    "The request signature did not match; the secret key of the profile in use is probably wrong.",
  ExpiredTokenException: "The session has expired; refresh it (e.g. aws sso login --profile NAME).",
  ExpiredToken: "The session has expired; refresh it (e.g. aws sso login --profile NAME).",
  InternalServerException: "An AWS-side failure; retry in a moment.",
};

/** Undefined when `err` is not something the SDK produced (main.ts then treats it as a bug). */
export function toAgentctlError(err: unknown): AgentctlError | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const name = (err as { name?: unknown }).name;
  if (typeof name !== "string") return undefined;

  if (CREDENTIAL_ERRORS.has(name)) {
    return new NotConfiguredError("No usable AWS credentials were found.", NO_CREDENTIALS_HINT, err);
  }
  // The SDK throws a plain, untyped Error for a missing region (aws-behaviour.md §7.2):
  // its message is the only thing that identifies it.
  if (name === "Error" && (err as Error).message === "Region is missing") {
    return new NotConfiguredError(
      "No AWS region is configured.",
      "Pass --region, set AWS_REGION (or AWS_DEFAULT_REGION), or set region: in agentctl.yaml or the profile.",
      err,
    );
  }
  if (isServiceError(err)) return serviceError(err);

  const code = (err as { code?: unknown }).code;
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
    const address = err as { address?: string; port?: number; hostname?: string };
    const where =
      address.hostname ?? (address.address ? `${address.address}:${address.port}` : "the endpoint");
    return new FailedError(
      `Could not reach ${where} (${code}).`,
      "Check --endpoint-url / AWS_ENDPOINT_URL_*, your network, or whether `agentctl local serve` is still running.",
    );
  }
  return undefined;
}

function isServiceError(err: object): err is SdkServiceError {
  if (!("$fault" in err)) return false;
  // The SDK's event-stream reader builds in-stream exceptions (dependencyFailedException, …)
  // with `new ErrCtor({})`: `$fault` is set but `$metadata` is left undefined.
  const metadata = (err as { $metadata?: unknown }).$metadata;
  return metadata === undefined || (typeof metadata === "object" && metadata !== null);
}

function serviceError(err: SdkServiceError): CloudError {
  const status = err.$metadata?.httpStatusCode;
  const name = err.name === "Unknown" || err.name === "" ? `HTTP ${status ?? "error"}` : err.name;
  const hint =
    HINTS[err.name] ?? (status !== undefined && status >= 500 ? HINTS.InternalServerException : undefined);
  return new CloudError(describe(err), {
    awsName: name,
    ...(err.$metadata?.requestId ? { requestId: err.$metadata.requestId } : {}),
    ...(status !== undefined ? { httpStatusCode: status } : {}),
    ...(hint ? { hint } : {}),
    cause: err,
  });
}

function describe(err: SdkServiceError): string {
  const message = redactSigningMaterial(err.message?.trim() || "(no message)");
  const fields = (err.fieldList ?? [])
    .filter((f) => f.name)
    .map((f) => `  ${f.name}: ${redactSigningMaterial(f.message ?? "invalid")}`);
  return fields.length > 0 ? `${message}\n${fields.join("\n")}` : message;
}

/**
 * AWS's InvalidSignatureException echoes the canonical request, which holds
 * `x-amz-security-token` (a live session token) and the access key id. Keep the
 * first sentence and drop the rest; mask anything shaped like a key id.
 */
export function redactSigningMaterial(message: string): string {
  const cut = message.search(/The (Canonical String|String-to-Sign) for this request/);
  const kept = cut === -1 ? message : message.slice(0, cut).trimEnd();
  return kept
    .replace(/x-amz-security-token[:=]\s*\S+/gi, "x-amz-security-token:<redacted>")
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, "$1<redacted>");
}
