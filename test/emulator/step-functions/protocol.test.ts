/** awsJson1_0 framing as clients parse it (§1.3): raw requests, so nothing is hidden by an SDK. */
import { describe, expect, it } from "vitest";
import { http1 } from "../raw-http.js";
import { ROLE, sfnEmulator } from "./support.js";

const call = (endpoint: string, operation: string, body: unknown, host?: string) =>
  http1(endpoint, "POST", "/", typeof body === "string" ? body : JSON.stringify(body), {
    "content-type": "application/x-amz-json-1.0",
    "x-amz-target": `AWSStepFunctions.${operation}`,
    ...(host ? { host } : {}),
  });

describe("Step Functions wire format", () => {
  it("answers 200 with application/x-amz-json-1.0 and epoch-second timestamps", async () => {
    await using t = await sfnEmulator();
    const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    const created = await call(t.emulator.endpoint, "CreateStateMachine", {
      name: "m",
      definition,
      roleArn: ROLE,
    });
    expect(created.status).toBe(200);
    expect(created.headers["content-type"]).toBe("application/x-amz-json-1.0");
    const body = JSON.parse(created.body) as { stateMachineArn: string; creationDate: unknown };
    expect(typeof body.creationDate).toBe("number");
    expect(Math.abs((body.creationDate as number) - Date.now() / 1000)).toBeLessThan(60);
    // Empty outputs are {}.
    const deleted = await call(t.emulator.endpoint, "DeleteStateMachine", {
      stateMachineArn: body.stateMachineArn,
    });
    expect([deleted.status, deleted.body]).toEqual([200, "{}"]);
  });

  it("frames errors as 400 {__type, message} (botocore reads only __type)", async () => {
    await using t = await sfnEmulator();
    const missing = await call(t.emulator.endpoint, "DescribeStateMachine", {
      stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:none",
    });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({
      __type: "StateMachineDoesNotExist",
      message: expect.stringContaining("none"),
    });
    const noMember = await call(t.emulator.endpoint, "DescribeExecution", {});
    expect(JSON.parse(noMember.body)).toMatchObject({ __type: "ValidationException" });
    const notJson = await call(t.emulator.endpoint, "ListStateMachines", "{oops");
    expect([notJson.status, JSON.parse(notJson.body).__type]).toEqual([400, "SerializationException"]);
    const unknown = await call(t.emulator.endpoint, "CreateActivity", { name: "a" });
    expect([unknown.status, JSON.parse(unknown.body).__type]).toEqual([400, "UnknownOperationException"]);
  });

  it("serves StartSyncExecution whatever the Host (the SDKs' sync- prefix)", async () => {
    await using t = await sfnEmulator();
    const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    const { stateMachineArn } = JSON.parse(
      (
        await call(t.emulator.endpoint, "CreateStateMachine", {
          name: "e",
          definition,
          roleArn: ROLE,
          type: "EXPRESS",
        })
      ).body,
    ) as { stateMachineArn: string };
    const sync = await call(
      t.emulator.endpoint,
      "StartSyncExecution",
      { stateMachineArn, input: '{"a":1}' },
      `sync-127.0.0.1:${t.emulator.port}`,
    );
    expect(JSON.parse(sync.body)).toMatchObject({ status: "SUCCEEDED", output: '{"a":1}' });
  });
});
