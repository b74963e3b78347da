/** How IAM, STS, Lambda and SNS share the port with Bedrock: routing, signing regions, faults in each vocabulary. */
import { CreateRoleCommand, GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetFunctionCommand } from "@aws-sdk/client-lambda";
import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { accountClients, failure, LAMBDA_TRUST } from "./account-support.js";

describe("routing on the shared port", () => {
  it("serves IAM signed with any region (as both SDKs sign it under an endpoint override)", async () => {
    await using c = await accountClients();
    const iam = new IAMClient({
      endpoint: c.emulator.endpoint,
      region: "eu-west-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
    try {
      await iam.send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: LAMBDA_TRUST }));
      expect((await c.iam.send(new GetRoleCommand({ RoleName: "r" }))).Role?.RoleName).toBe("r");
    } finally {
      iam.destroy();
    }
  });

  it("answers unknown Lambda paths with Lambda's error shape and leaves Bedrock paths alone", async () => {
    await using c = await accountClients();
    const lambda = await fetch(`${c.emulator.endpoint}/2015-03-31/functions/f/nonsense`);
    expect(lambda.status).toBe(404);
    expect(lambda.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    expect(await lambda.json()).toMatchObject({
      Type: "User",
      message: expect.stringContaining("No Lambda operation"),
    });
    const bedrock = await fetch(`${c.emulator.endpoint}/agents/`, { method: "POST", body: "{}" });
    expect(bedrock.status).toBe(200);
    expect(await bedrock.json()).toHaveProperty("agentSummaries");
  });
});

describe("injected faults", () => {
  it("reach each service in its own error vocabulary", async () => {
    await using c = await accountClients({ faults: "throttle=1" });
    const iam = await failure(c.iam.send(new GetRoleCommand({ RoleName: "r" })));
    expect(iam.name).toBe("Throttling");
    expect(iam.$metadata.httpStatusCode).toBe(400);
    const sts = await failure(c.sts.send(new GetCallerIdentityCommand({})));
    expect(sts.name).toBe("Throttling");
    const sns = await failure(c.sns.send(new ListTopicsCommand({})));
    expect(sns.name).toBe("ThrottledException");
    expect(sns.$metadata.httpStatusCode).toBe(429);
    const lambda = await failure(c.lambda.send(new GetFunctionCommand({ FunctionName: "f" })));
    expect(lambda.name).toBe("TooManyRequestsException");
    expect(lambda.$metadata.httpStatusCode).toBe(429);

    await using failing = await accountClients({ faults: "error500=1" });
    const iam500 = await failure(failing.iam.send(new GetRoleCommand({ RoleName: "r" })));
    expect(iam500.name).toBe("ServiceFailureException");
    expect(iam500.$fault).toBe("server");
    const lambda500 = await failure(failing.lambda.send(new GetFunctionCommand({ FunctionName: "f" })));
    expect(lambda500.name).toBe("ServiceException");
    expect(lambda500.$metadata.httpStatusCode).toBe(500);
  });
});
