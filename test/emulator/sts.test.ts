/** STS GetCallerIdentity through the real @aws-sdk/client-sts, and awsQuery routing on the shared port. */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { accountClients } from "./account-support.js";

describe("STS", () => {
  it("answers GetCallerIdentity with the emulator's account as a 12-digit string", async () => {
    await using c = await accountClients({ accountId: "012345678901" });
    const identity = await c.sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe("012345678901");
    expect(identity.Arn).toBe("arn:aws:iam::012345678901:user/agentctl-local");
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("routes unsigned query calls by Version= and answers XML with the request id in both places", async () => {
    await using c = await accountClients();
    const response = await fetch(c.emulator.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml");
    const text = await response.text();
    const requestId = response.headers.get("x-amzn-requestid");
    expect(text).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(text).toContain(`<RequestId>${requestId}</RequestId>`);
    expect(text).toContain("<Account>000000000000</Account>");
  });

  it("answers an unknown action with the awsQuery error envelope", async () => {
    await using c = await accountClients();
    const response = await fetch(c.emulator.endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Authorization:
          "AWS4-HMAC-SHA256 Credential=test/20240501/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=00",
      },
      body: "Action=AssumeRoot&Version=2011-06-15",
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation AssumeRoot/,
    );
    expect(text).toContain(`<RequestId>${response.headers.get("x-amzn-requestid")}</RequestId>`);
  });
});
