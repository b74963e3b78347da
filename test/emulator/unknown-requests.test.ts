/**
 * Requests the emulator has no operation for still get an error each client can
 * classify: restJson1 404s that point at a near-miss URI, and awsJson errors
 * (with `__type`, which botocore reads exclusively) for any X-Amz-Target.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { boto3Missing } from "../helpers/python.js";
import { http1 } from "./raw-http.js";
import { emulatorWithClient } from "./support.js";

/** Headers before body, as these tests mostly vary headers. */
const send = (
  endpoint: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body = "",
) => http1(endpoint, method, path, body, headers);

describe("requests that match no operation", () => {
  it("answers a mis-cased control-plane path with 404 UnknownOperationException and the URI it meant", async () => {
    await using t = await emulatorWithClient();
    const res = await send(t.emulator.endpoint, "POST", "/agents/AGENT12345/agentAliases/", {
      "content-type": "application/json",
    });
    expect(res.status).toBe(404);
    expect(res.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
    const { message } = JSON.parse(res.body) as { message: string };
    expect(message).toContain("POST /agents/AGENT12345/agentAliases/");
    expect(message).toContain("did you mean /agents/AGENT12345/agentaliases/?");
  });

  it("sends a runtime-cased path that is no runtime operation to the control plane, not to a 501", async () => {
    await using t = await emulatorWithClient();
    const res = await send(t.emulator.endpoint, "GET", "/agents/AGENT12345/agentAliases/ALIAS12345/");
    expect(res.status).toBe(404);
    expect(res.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
    expect(JSON.parse(res.body).message).toContain("/agents/AGENT12345/agentaliases/ALIAS12345/");
    const noHint = await send(t.emulator.endpoint, "GET", "/agents/A/agentAliases/B/sessions/S/text");
    expect(noHint.status).toBe(404);
    expect(JSON.parse(noHint.body).message).not.toContain("did you mean");
  });

  it("answers an X-Amz-Target of another service in awsJson, naming the target", async () => {
    await using t = await emulatorWithClient();
    const res = await send(
      t.emulator.endpoint,
      "POST",
      "/",
      { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.ListTables" },
      "{}",
    );
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toBe("application/x-amz-json-1.0");
    expect(res.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
    expect(res.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.parse(res.body) as { __type: string; message: string };
    expect(body.__type).toBe("UnknownOperationException");
    expect(body.message).toContain("DynamoDB_20120810.ListTables");
    expect(body.message).toMatch(/Bedrock Agents.*Step Functions/);
  });
});

const BOTO3_SCRIPT = `
import os, boto3, botocore.exceptions
client = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1",
                      aws_access_key_id="x", aws_secret_access_key="x",
                      config=boto3.session.Config(retries={"max_attempts": 1}))
try:
    client.list_tables()
    print("NO ERROR")
except botocore.exceptions.ClientError as err:
    print(err.response["Error"]["Code"], err.response["ResponseMetadata"]["HTTPStatusCode"])
`;

const skipReason = boto3Missing();
if (skipReason) console.warn(`skipping the botocore awsJson check: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  "botocore against an X-Amz-Target the emulator does not serve",
  () => {
    it("reports UnknownOperationException, not the HTTP status, as the error code", async () => {
      await using t = await emulatorWithClient();
      // Async: the emulator answers from this process's event loop while Python waits.
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn("python3", ["-c", BOTO3_SCRIPT], {
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ENDPOINT: t.emulator.endpoint },
        });
        let text = "";
        child.stdout.on("data", (d: Buffer) => {
          text += d.toString();
        });
        child.stderr.on("data", (d: Buffer) => {
          text += d.toString();
        });
        child.on("error", reject);
        child.on("close", () => resolve(text));
      });
      expect(output.trim()).toBe("UnknownOperationException 400");
    }, 60_000);
  },
);
