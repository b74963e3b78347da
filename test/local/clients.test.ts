import { GetAgentCommand } from "@aws-sdk/client-bedrock-agent";
import { InvokeAgentCommand } from "@aws-sdk/client-bedrock-agent-runtime";
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAwsClients } from "../../src/aws/clients.js";
import { LOCAL_CREDENTIALS, resolveTargetSettings } from "../../src/aws/target-settings.js";
import { awsError, captureServer, makeContext, tempDir } from "./helpers.js";

// Credentials a careless factory would pick up from the process environment.
const REAL_LOOKING = { AWS_ACCESS_KEY_ID: "AKIAREALUSERKEY12345", AWS_SECRET_ACCESS_KEY: "real-secret" };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("local target", () => {
  it("signs with the dummy credentials even when real ones are in the environment", async () => {
    // The SDK reads process.env by itself; put real-looking keys (and a session token) there.
    vi.stubEnv("AWS_ACCESS_KEY_ID", REAL_LOOKING.AWS_ACCESS_KEY_ID);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", REAL_LOOKING.AWS_SECRET_ACCESS_KEY);
    vi.stubEnv("AWS_SESSION_TOKEN", "real-session-token");
    vi.stubEnv("AWS_PROFILE", "someone-elses-profile");
    await using server = await captureServer(() => awsError(404, "ResourceNotFoundException", "no agent"));
    await using project = await tempDir();
    const ctx = makeContext(
      project.dir,
      { ...REAL_LOOKING, AWS_SESSION_TOKEN: "real-session-token", AWS_PROFILE: "someone-elses-profile" },
      { target: "local", endpointUrl: server.endpoint },
    );
    await using target = await resolveTargetSettings(ctx);
    expect(target.target).toBe("local");
    expect(target.settings.credentials).toEqual(LOCAL_CREDENTIALS);

    const clients = createAwsClients(target.settings);
    const client = await clients.bedrockAgent();
    await expect(client.send(new GetAgentCommand({ agentId: "ABCDEFGHIJ" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    clients.destroy();

    const [request] = server.requests;
    expect(request?.url).toBe("/agents/ABCDEFGHIJ/");
    expect(String(request?.headers.authorization)).toContain(`Credential=${LOCAL_CREDENTIALS.accessKeyId}/`);
    const everything = JSON.stringify(server.requests);
    expect(everything).not.toContain("AKIAREALUSERKEY12345");
    expect(everything).not.toContain("real-session-token");
  });

  it("defaults the region to us-east-1 and ignores AWS_ENDPOINT_URL_* from the environment", async () => {
    await using server = await captureServer(() => ({ status: 200, body: '{"stateMachines":[]}' }));
    await using project = await tempDir();
    const ctx = makeContext(
      project.dir,
      { AWS_ENDPOINT_URL_SFN: "http://127.0.0.1:9" },
      { target: "local", endpointUrl: server.endpoint },
    );
    await using target = await resolveTargetSettings(ctx);
    expect(target.settings.region).toBe("us-east-1");
    const clients = createAwsClients(target.settings);
    await (await clients.sfn()).send(new ListStateMachinesCommand({}));
    clients.destroy();
    expect(server.requests[0]?.headers["x-amz-target"]).toBe("AWSStepFunctions.ListStateMachines");
    expect(String(server.requests[0]?.headers.authorization)).toContain("/us-east-1/states/aws4_request");
  });
});

describe("createAwsClients", () => {
  it("creates each client once, on first use", async () => {
    const clients = createAwsClients({ region: "eu-west-1", credentials: LOCAL_CREDENTIALS });
    const [a, b] = await Promise.all([clients.bedrockAgent(), clients.bedrockAgent()]);
    expect(a).toBe(b);
    expect(await a.config.region()).toBe("eu-west-1");
    clients.destroy();
  });

  it("speaks HTTP/1.1 to an endpoint override from the runtime client (h2c would fail here)", async () => {
    await using server = await captureServer(() =>
      awsError(404, "ResourceNotFoundException", "alias not found", "rt-req-1"),
    );
    const clients = createAwsClients({
      region: "us-east-1",
      endpoint: server.endpoint,
      credentials: LOCAL_CREDENTIALS,
    });
    const runtime = await clients.bedrockAgentRuntime();
    const call = runtime.send(
      new InvokeAgentCommand({
        agentId: "AGENT12345",
        agentAliasId: "ALIAS12345",
        sessionId: "s1",
        inputText: "hi",
      }),
    );
    await expect(call).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404, requestId: "rt-req-1" },
    });
    clients.destroy();
    expect(server.requests[0]?.httpVersion).toBe("1.1");
    expect(server.requests[0]?.url).toBe("/agents/AGENT12345/agentAliases/ALIAS12345/sessions/s1/text");
  });

  it("applies one retry policy with the configured number of attempts", async () => {
    await using server = await captureServer(() => awsError(503, "ServiceUnavailableException", "busy"));
    const clients = createAwsClients({
      region: "us-east-1",
      endpoint: server.endpoint,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 2,
    });
    await expect(
      (await clients.bedrockAgent()).send(new GetAgentCommand({ agentId: "ABCDEFGHIJ" })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    clients.destroy();
    expect(server.requests.map((r) => r.headers["amz-sdk-request"])).toEqual([
      "attempt=1; max=2",
      "attempt=2; max=2",
    ]);
  });
});

describe("aws target", () => {
  it("takes AWS_MAX_ATTEMPTS, the profile and the endpoint from options and environment", async () => {
    await using project = await tempDir();
    const ctx = makeContext(
      project.dir,
      { AWS_MAX_ATTEMPTS: "5", AWS_PROFILE: "dev" },
      { target: "aws", region: "eu-central-1", endpointUrl: "http://127.0.0.1:4566" },
    );
    await using target = await resolveTargetSettings(ctx, { profile: "project-profile" });
    expect(target.settings).toMatchObject({
      region: "eu-central-1",
      profile: "dev",
      endpoint: "http://127.0.0.1:4566",
      maxAttempts: 5,
      endpointOverridden: true,
    });
    expect(target.settings.credentials).toBeUndefined();
    expect(target.emulator).toBeUndefined();
  });

  it("--profile beats AWS_PROFILE, which beats the project's profile", async () => {
    await using project = await tempDir();
    const withFlag = makeContext(project.dir, { AWS_PROFILE: "env" }, { target: "aws", profile: "flag" });
    expect((await resolveTargetSettings(withFlag, { profile: "proj" })).settings.profile).toBe("flag");
    const fromEnv = makeContext(project.dir, { AWS_PROFILE: "env" }, { target: "aws" });
    expect((await resolveTargetSettings(fromEnv, { profile: "proj" })).settings.profile).toBe("env");
    const fromProject = makeContext(project.dir, {}, { target: "aws" });
    expect((await resolveTargetSettings(fromProject, { profile: "proj" })).settings.profile).toBe("proj");
  });

  it("notices an endpoint override the SDK reads from the environment", async () => {
    await using project = await tempDir();
    const ctx = makeContext(
      project.dir,
      { AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME: "http://127.0.0.1:1" },
      { target: "aws" },
    );
    expect((await resolveTargetSettings(ctx)).settings.endpointOverridden).toBe(true);
    const ignored = makeContext(
      project.dir,
      { AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" },
      { target: "aws" },
    );
    expect((await resolveTargetSettings(ignored)).settings.endpointOverridden).toBe(false);
  });

  it("rejects a malformed AWS_MAX_ATTEMPTS as a usage error", async () => {
    await using project = await tempDir();
    const ctx = makeContext(project.dir, { AWS_MAX_ATTEMPTS: "three" }, { target: "aws" });
    await expect(resolveTargetSettings(ctx)).rejects.toMatchObject({ name: "UsageError", exitCode: 2 });
  });
});
