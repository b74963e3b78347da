import { writeFile } from "node:fs/promises";
import path from "node:path";
import { ConflictException, GetAgentCommand, ValidationException } from "@aws-sdk/client-bedrock-agent";
import { DependencyFailedException } from "@aws-sdk/client-bedrock-agent-runtime";
import { afterEach, describe, expect, it, vi } from "vitest";
import { redactSigningMaterial, toAgentctlError } from "../../src/aws/classify-error.js";
import { createAwsClients } from "../../src/aws/clients.js";
import { LOCAL_CREDENTIALS } from "../../src/aws/target-settings.js";
import { CloudError, ExitCode, NotConfiguredError } from "../../src/errors.js";
import { awsError, captureServer, tempDir } from "./helpers.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

function named(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

describe("service errors", () => {
  it("keeps the AWS name, request id and status, and adds a hint for a conflict", () => {
    const err = new ConflictException({
      message: "Agent is in PREPARING state",
      $metadata: { httpStatusCode: 409, requestId: "req-409" },
    });
    const out = toAgentctlError(err);
    expect(out).toBeInstanceOf(CloudError);
    expect(out).toMatchObject({
      awsName: "ConflictException",
      requestId: "req-409",
      httpStatusCode: 409,
      exitCode: ExitCode.Failed,
      message: "Agent is in PREPARING state",
    });
    expect(out?.hint).toMatch(/busy.*PREPARING\/UPDATING/);
  });

  it("names an in-stream exception, which the SDK's event-stream reader builds without $metadata", () => {
    // What @smithy/core's readEventMember does: new ErrCtor({}) plus the event's fields.
    const err = Object.assign(new DependencyFailedException({} as never), { message: "handler threw" });
    expect(err.$metadata).toBeUndefined();
    expect(toAgentctlError(err)).toMatchObject({
      awsName: "DependencyFailedException",
      message: "handler threw",
      exitCode: ExitCode.Failed,
    });
  });

  it("lists a ValidationException's fields", () => {
    const err = new ValidationException({
      message: "1 validation error detected",
      fieldList: [{ name: "agentName", message: "must match ([0-9a-zA-Z][_-]?){1,100}" }],
      $metadata: { httpStatusCode: 400, requestId: "r" },
    });
    const out = toAgentctlError(err);
    expect(out?.message).toBe(
      "1 validation error detected\n  agentName: must match ([0-9a-zA-Z][_-]?){1,100}",
    );
    expect(out?.hint).toMatch(/agentctl validate/);
  });

  it("maps AccessDeniedException (403) to exit code 3", () => {
    const err = Object.assign(named("AccessDeniedException", "not authorized to perform bedrock:GetAgent"), {
      $fault: "client",
      $metadata: { httpStatusCode: 403, requestId: "r403" },
    });
    const out = toAgentctlError(err);
    expect(out).toMatchObject({ awsName: "AccessDeniedException", exitCode: ExitCode.NotConfigured });
    expect(out?.hint).toMatch(/IAM policy/);
  });

  it("gives ServiceQuotaExceededException and ThrottlingException their hints", () => {
    for (const [name, status, pattern] of [
      ["ServiceQuotaExceededException", 402, /quota/],
      ["ThrottlingException", 429, /rate-limiting/],
      ["ResourceNotFoundException", 404, /region or account/],
    ] as const) {
      const err = Object.assign(named(name, "x"), {
        $fault: "client",
        $metadata: { httpStatusCode: status },
      });
      expect(toAgentctlError(err)?.hint).toMatch(pattern);
    }
  });

  it("names a code-less error by its HTTP status", () => {
    const err = Object.assign(named("Unknown", "UnknownError"), {
      $fault: "server",
      $metadata: { httpStatusCode: 502 },
    });
    expect(toAgentctlError(err)).toMatchObject({ awsName: "HTTP 502", exitCode: ExitCode.Failed });
  });

  it("classifies by name, not by message text", () => {
    const err = Object.assign(named("ConflictException", "ResourceNotFoundException AccessDenied"), {
      $fault: "client",
      $metadata: { httpStatusCode: 409 },
    });
    expect(toAgentctlError(err)).toMatchObject({ awsName: "ConflictException", exitCode: ExitCode.Failed });
  });

  it("parses a real error response through the SDK", async () => {
    await using server = await captureServer(() =>
      awsError(409, "ConflictException:http://internal.amazon.com/coral/x", "agent busy", "wire-req-1"),
    );
    const clients = createAwsClients({
      region: "us-east-1",
      endpoint: server.endpoint,
      credentials: LOCAL_CREDENTIALS,
    });
    const err = await (await clients.bedrockAgent())
      .send(new GetAgentCommand({ agentId: "ABCDEFGHIJ" }))
      .catch((e: unknown) => e);
    clients.destroy();
    expect(toAgentctlError(err)).toMatchObject({
      awsName: "ConflictException",
      requestId: "wire-req-1",
      httpStatusCode: 409,
      message: "agent busy",
    });
  });
});

describe("configuration errors", () => {
  it.each(["CredentialsProviderError", "SSOTokenProviderFailure", "TokenProviderError"])(
    "%s becomes NotConfiguredError with login hints",
    (name) => {
      const out = toAgentctlError(named(name, "Could not load credentials from any providers"));
      expect(out).toBeInstanceOf(NotConfiguredError);
      expect(out?.exitCode).toBe(ExitCode.NotConfigured);
      expect(out?.hint).toMatch(/aws configure/);
      expect(out?.hint).toMatch(/aws sso login --profile/);
      expect(out?.hint).toMatch(/--target local/);
    },
  );

  it("recognises the SDK's real missing-region and missing-credentials errors", async () => {
    await using home = await tempDir();
    const empty = path.join(home.dir, "empty");
    await writeFile(empty, "");
    // Isolate from this machine's AWS setup: no region, no profiles, no IMDS.
    vi.stubEnv("AWS_REGION", undefined);
    vi.stubEnv("AWS_DEFAULT_REGION", undefined);
    vi.stubEnv("AWS_CONFIG_FILE", empty);
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", empty);
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
    vi.stubEnv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", undefined);
    vi.stubEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", undefined);
    vi.stubEnv("AWS_ACCESS_KEY_ID", undefined);
    vi.stubEnv("AWS_PROFILE", undefined);

    const noRegion = createAwsClients({ endpoint: "http://127.0.0.1:9", credentials: LOCAL_CREDENTIALS });
    const regionErr = await (await noRegion.bedrockAgent())
      .send(new GetAgentCommand({ agentId: "ABCDEFGHIJ" }))
      .catch((e: unknown) => e);
    noRegion.destroy();
    expect(toAgentctlError(regionErr)).toMatchObject({ name: "NotConfiguredError", exitCode: 3 });
    expect(toAgentctlError(regionErr)?.hint).toMatch(/AWS_REGION/);

    const noCreds = createAwsClients({ region: "us-east-1", profile: "no-such-profile", maxAttempts: 1 });
    const credErr = await (await noCreds.bedrockAgent())
      .send(new GetAgentCommand({ agentId: "ABCDEFGHIJ" }))
      .catch((e: unknown) => e);
    noCreds.destroy();
    expect((credErr as Error).name).toBe("CredentialsProviderError");
    expect(toAgentctlError(credErr)).toMatchObject({ name: "NotConfiguredError", exitCode: 3 });
  });

  it("leaves errors it does not know to the caller", () => {
    expect(toAgentctlError(new TypeError("x is undefined"))).toBeUndefined();
    expect(toAgentctlError("a string")).toBeUndefined();
    expect(toAgentctlError(named("Error", "Region is missing somewhere else"))).toBeUndefined();
  });

  it("explains an unreachable endpoint", () => {
    const err = Object.assign(named("Error", "connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
      address: "127.0.0.1",
      port: 9,
    });
    expect(toAgentctlError(err)).toMatchObject({
      name: "FailedError",
      message: "Could not reach 127.0.0.1:9 (ECONNREFUSED).",
    });
  });
});

describe("no signing material in messages", () => {
  it("cuts the canonical request AWS echoes in InvalidSignatureException", () => {
    const message =
      "The request signature we calculated does not match the signature you provided.\n\n" +
      "The Canonical String for this request should have been\n'GET\n/agents/\n\nhost:x\n" +
      "x-amz-security-token:IQoJb3JpZ2luX2VjEXAMPLETOKEN\n'";
    const err = Object.assign(named("InvalidSignatureException", message), {
      $fault: "client",
      $metadata: { httpStatusCode: 403 },
    });
    const out = toAgentctlError(err);
    expect(out?.message).toBe(
      "The request signature we calculated does not match the signature you provided.",
    );
    expect(JSON.stringify({ m: out?.message, h: out?.hint })).not.toContain("IQoJ");
  });

  it("masks access key ids and session tokens wherever they appear", () => {
    expect(redactSigningMaterial("key AKIAIOSFODNN7EXAMPLE x-amz-security-token: abc.def")).toBe(
      "key AKIA<redacted> x-amz-security-token:<redacted>",
    );
  });
});
