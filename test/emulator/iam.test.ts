/** IAM roles, inline/attached policies and tags through the real @aws-sdk/client-iam (awsQuery, XML). */
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { accountClients, failure } from "./account-support.js";

const BEDROCK_TRUST = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "bedrock.amazonaws.com" }, "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "aws:SourceAccount": "000000000000" },
                   "ArnLike": { "AWS:SourceArn": "arn:aws:bedrock:us-east-1:000000000000:agent/*" } } }]
}`;
const INVOKE_MODEL = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "AgentModelInvocationPermissions",
      Effect: "Allow",
      Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
      Resource: ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20241022-v2:0"],
    },
  ],
});
const policy = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

describe("IAM roles", () => {
  it("creates a role and returns its exact trust policy URL-encoded, as IAM does", async () => {
    await using c = await accountClients();
    const created = await c.iam.send(
      new CreateRoleCommand({
        RoleName: "agent-orders",
        Path: "/agentctl/",
        AssumeRolePolicyDocument: BEDROCK_TRUST,
        Description: "Service role for the orders agent",
        MaxSessionDuration: 7200,
        Tags: [{ Key: "agentctl:project", Value: "shop" }],
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const role = created.Role;
    expect(role?.Arn).toBe("arn:aws:iam::000000000000:role/agentctl/agent-orders");
    expect(role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(role?.CreateDate).toBeInstanceOf(Date);
    // JS hands back the raw wire string; decoding it gives the document byte for byte.
    expect(role?.AssumeRolePolicyDocument).not.toContain("{");
    expect(decodeURIComponent(role?.AssumeRolePolicyDocument ?? "")).toBe(BEDROCK_TRUST);

    const got = (await c.iam.send(new GetRoleCommand({ RoleName: "agent-orders" }))).Role;
    expect(decodeURIComponent(got?.AssumeRolePolicyDocument ?? "")).toBe(BEDROCK_TRUST);
    expect(got).toMatchObject({
      RoleName: "agent-orders",
      Path: "/agentctl/",
      Description: "Service role for the orders agent",
      MaxSessionDuration: 7200,
      Tags: [{ Key: "agentctl:project", Value: "shop" }],
      RoleId: role?.RoleId,
    });
    expect(got?.CreateDate?.getTime()).toBe(role?.CreateDate?.getTime());
  });

  it("treats role names case-insensitively and refuses a duplicate with EntityAlreadyExists (409)", async () => {
    await using c = await accountClients();
    await c.iam.send(new CreateRoleCommand({ RoleName: "Agent", AssumeRolePolicyDocument: BEDROCK_TRUST }));
    const dup = await failure(
      c.iam.send(new CreateRoleCommand({ RoleName: "agent", AssumeRolePolicyDocument: BEDROCK_TRUST })),
    );
    expect(dup.name).toBe("EntityAlreadyExistsException");
    expect(dup.Code).toBe("EntityAlreadyExists");
    expect(dup.$metadata.httpStatusCode).toBe(409);
    expect(dup.message).toBe("Role with name Agent already exists.");
    expect((await c.iam.send(new GetRoleCommand({ RoleName: "AGENT" }))).Role?.RoleName).toBe("Agent");
  });

  it("answers NoSuchEntity (404) for a missing role, with Type Sender and the request id", async () => {
    await using c = await accountClients();
    const err = await failure(c.iam.send(new GetRoleCommand({ RoleName: "ghost" })));
    expect(err.name).toBe("NoSuchEntityException");
    expect(err.Code).toBe("NoSuchEntity");
    expect(err.Type).toBe("Sender");
    expect(err.$fault).toBe("client");
    expect(err.$metadata.httpStatusCode).toBe(404);
    expect(err.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.message).toBe("The role with name ghost cannot be found.");
  });

  it.each([
    ["invalid JSON", "{not json", "This policy contains invalid Json"],
    ["a pre-encoded document", encodeURIComponent(BEDROCK_TRUST), "This policy contains invalid Json"],
    [
      "a trust policy with a Resource",
      policy({
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "sts:AssumeRole",
        Resource: "*",
      }),
      "Has prohibited field Resource",
    ],
    [
      "a trust policy without a Principal",
      policy({ Effect: "Allow", Action: "sts:AssumeRole" }),
      "Missing required field Principal",
    ],
    [
      "a trust policy granting a non-STS action",
      policy({
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "lambda:InvokeFunction",
      }),
      "AssumeRole policy may only specify STS AssumeRole actions.",
    ],
    [
      "an unknown Version",
      JSON.stringify({ Version: "2020-01-01", Statement: [] }),
      "The policy failed legacy parsing",
    ],
    [
      "an Effect that is neither Allow nor Deny",
      policy({ Effect: "Permit", Principal: "*", Action: "sts:AssumeRole" }),
      "Syntax errors in policy.",
    ],
  ])("rejects %s with MalformedPolicyDocument", async (_what, document, message) => {
    await using c = await accountClients();
    const err = await failure(
      c.iam.send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: document })),
    );
    expect(err.name).toBe("MalformedPolicyDocumentException");
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe(message);
    expect((await failure(c.iam.send(new GetRoleCommand({ RoleName: "r" })))).name).toBe(
      "NoSuchEntityException",
    );
  });

  it("checks model constraints with ValidationError", async () => {
    await using c = await accountClients();
    const badName = await failure(
      c.iam.send(new CreateRoleCommand({ RoleName: "has space", AssumeRolePolicyDocument: BEDROCK_TRUST })),
    );
    expect(badName.name).toBe("ValidationError");
    expect(badName.$metadata.httpStatusCode).toBe(400);
    expect(badName.message).toContain("at 'roleName' failed to satisfy constraint");
    const badSession = await failure(
      c.iam.send(
        new CreateRoleCommand({
          RoleName: "r",
          AssumeRolePolicyDocument: BEDROCK_TRUST,
          MaxSessionDuration: 60,
        }),
      ),
    );
    expect(badSession.name).toBe("ValidationError");
    const badPath = await failure(
      c.iam.send(
        new CreateRoleCommand({ RoleName: "r", Path: "no-slashes", AssumeRolePolicyDocument: BEDROCK_TRUST }),
      ),
    );
    expect(badPath.name).toBe("ValidationError");
  });

  it("replaces the trust policy with UpdateAssumeRolePolicy, validating it first", async () => {
    await using c = await accountClients();
    await c.iam.send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: BEDROCK_TRUST }));
    const next = policy({
      Effect: "Allow",
      Principal: { Service: "states.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
    await c.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "r", PolicyDocument: next }));
    const role = (await c.iam.send(new GetRoleCommand({ RoleName: "r" }))).Role;
    expect(decodeURIComponent(role?.AssumeRolePolicyDocument ?? "")).toBe(next);
    const bad = await failure(
      c.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "r", PolicyDocument: "[" })),
    );
    expect(bad.name).toBe("MalformedPolicyDocumentException");
    const missing = await failure(
      c.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "x", PolicyDocument: next })),
    );
    expect(missing.name).toBe("NoSuchEntityException");
  });

  it("lists roles by path prefix with Marker paging", async () => {
    await using c = await accountClients();
    for (const name of ["a", "b", "c"])
      await c.iam.send(
        new CreateRoleCommand({
          RoleName: name,
          Path: "/agentctl/",
          AssumeRolePolicyDocument: BEDROCK_TRUST,
        }),
      );
    await c.iam.send(new CreateRoleCommand({ RoleName: "other", AssumeRolePolicyDocument: BEDROCK_TRUST }));
    const first = await c.iam.send(new ListRolesCommand({ PathPrefix: "/agentctl/", MaxItems: 2 }));
    expect(first.Roles?.map((r) => r.RoleName)).toEqual(["a", "b"]);
    expect(first.IsTruncated).toBe(true);
    const second = await c.iam.send(new ListRolesCommand({ PathPrefix: "/agentctl/", Marker: first.Marker }));
    expect(second.Roles?.map((r) => r.RoleName)).toEqual(["c"]);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
  });
});

describe("IAM inline and attached policies", () => {
  it("stores each inline policy exactly as sent and reads it back URL-encoded", async () => {
    await using c = await accountClients();
    await c.iam.send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: BEDROCK_TRUST }));
    await c.iam.send(
      new PutRolePolicyCommand({ RoleName: "r", PolicyName: "model", PolicyDocument: INVOKE_MODEL }),
    );
    const kb = policy({
      Effect: "Allow",
      Action: "bedrock:Retrieve",
      Resource: "arn:aws:bedrock:us-east-1:000000000000:knowledge-base/KB12345678",
    });
    await c.iam.send(new PutRolePolicyCommand({ RoleName: "r", PolicyName: "kb", PolicyDocument: kb }));
    const got = await c.iam.send(new GetRolePolicyCommand({ RoleName: "r", PolicyName: "model" }));
    expect(got.RoleName).toBe("r");
    expect(got.PolicyName).toBe("model");
    expect(decodeURIComponent(got.PolicyDocument ?? "")).toBe(INVOKE_MODEL);
    expect((await c.iam.send(new ListRolePoliciesCommand({ RoleName: "r" }))).PolicyNames).toEqual([
      "kb",
      "model",
    ]);

    // PutRolePolicy overwrites by name.
    await c.iam.send(
      new PutRolePolicyCommand({ RoleName: "r", PolicyName: "kb", PolicyDocument: INVOKE_MODEL }),
    );
    const replaced = await c.iam.send(new GetRolePolicyCommand({ RoleName: "r", PolicyName: "kb" }));
    expect(decodeURIComponent(replaced.PolicyDocument ?? "")).toBe(INVOKE_MODEL);

    const missing = await failure(
      c.iam.send(new GetRolePolicyCommand({ RoleName: "r", PolicyName: "nope" })),
    );
    expect(missing.name).toBe("NoSuchEntityException");
    expect(missing.message).toBe("The role policy with name nope cannot be found.");
  });

  it.each([
    [
      "a Principal",
      policy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }),
      "Policy document should not specify a principal.",
    ],
    [
      "no Resource",
      policy({ Effect: "Allow", Action: "s3:GetObject" }),
      "Policy statement must contain resources.",
    ],
    ["no Action", policy({ Effect: "Allow", Resource: "*" }), "Policy statement must contain actions."],
    [
      "an action without a vendor",
      policy({ Effect: "Allow", Action: "GetObject", Resource: "*" }),
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
    ],
    [
      "a resource that is not an ARN",
      policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "bucket" }),
      'Resource bucket must be in ARN format or "*".',
    ],
  ])("rejects an identity policy with %s", async (_what, document, message) => {
    await using c = await accountClients();
    await c.iam.send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: BEDROCK_TRUST }));
    const err = await failure(
      c.iam.send(new PutRolePolicyCommand({ RoleName: "r", PolicyName: "p", PolicyDocument: document })),
    );
    expect(err.name).toBe("MalformedPolicyDocumentException");
    expect(err.message).toBe(message);
    expect((await c.iam.send(new ListRolePoliciesCommand({ RoleName: "r" }))).PolicyNames).toEqual([]);
  });

  it("enforces the 10,240-character inline quota with LimitExceeded (409), white space not counted", async () => {
    await using c = await accountClients();
    await c.iam.send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: BEDROCK_TRUST }));
    const big = (n: number) =>
      policy({
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${i}/*`),
      });
    const padded = big(100).replace(/,/g, ",      ");
    await c.iam.send(new PutRolePolicyCommand({ RoleName: "r", PolicyName: "p1", PolicyDocument: padded }));
    const err = await failure(
      c.iam.send(new PutRolePolicyCommand({ RoleName: "r", PolicyName: "p2", PolicyDocument: big(400) })),
    );
    expect(err.name).toBe("LimitExceededException");
    expect(err.$metadata.httpStatusCode).toBe(409);
    expect(err.message).toBe("Maximum policy size of 10240 bytes exceeded for role r");
  });

  it("refuses DeleteRole with DeleteConflict while inline or attached policies remain", async () => {
    await using c = await accountClients();
    await c.iam.send(new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: BEDROCK_TRUST }));
    await c.iam.send(
      new PutRolePolicyCommand({ RoleName: "r", PolicyName: "p", PolicyDocument: INVOKE_MODEL }),
    );
    const basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    await c.iam.send(new AttachRolePolicyCommand({ RoleName: "r", PolicyArn: basic }));
    expect(
      (await c.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "r" }))).AttachedPolicies,
    ).toEqual([{ PolicyName: "AWSLambdaBasicExecutionRole", PolicyArn: basic }]);

    const inline = await failure(c.iam.send(new DeleteRoleCommand({ RoleName: "r" })));
    expect(inline.name).toBe("DeleteConflictException");
    expect(inline.$metadata.httpStatusCode).toBe(409);
    expect(inline.message).toBe("Cannot delete entity, must delete policies first.");
    await c.iam.send(new DeleteRolePolicyCommand({ RoleName: "r", PolicyName: "p" }));
    const attached = await failure(c.iam.send(new DeleteRoleCommand({ RoleName: "r" })));
    expect(attached.message).toBe("Cannot delete entity, must detach all policies first.");
    await c.iam.send(new DetachRolePolicyCommand({ RoleName: "r", PolicyArn: basic }));
    await c.iam.send(new DeleteRoleCommand({ RoleName: "r" }));
    expect((await failure(c.iam.send(new GetRoleCommand({ RoleName: "r" })))).name).toBe(
      "NoSuchEntityException",
    );
    const again = await failure(c.iam.send(new DeleteRolePolicyCommand({ RoleName: "r", PolicyName: "p" })));
    expect(again.name).toBe("NoSuchEntityException");
  });
});

describe("IAM role tags", () => {
  it("adds, overwrites, lists and removes tags", async () => {
    await using c = await accountClients();
    await c.iam.send(
      new CreateRoleCommand({
        RoleName: "r",
        AssumeRolePolicyDocument: BEDROCK_TRUST,
        Tags: [{ Key: "a", Value: "1" }],
      }),
    );
    await c.iam.send(
      new TagRoleCommand({
        RoleName: "r",
        Tags: [
          { Key: "a", Value: "2" },
          { Key: "b", Value: "" },
        ],
      }),
    );
    expect((await c.iam.send(new ListRoleTagsCommand({ RoleName: "r" }))).Tags).toEqual([
      { Key: "a", Value: "2" },
      { Key: "b", Value: "" },
    ]);
    await c.iam.send(new UntagRoleCommand({ RoleName: "r", TagKeys: ["a", "missing"] }));
    const after = await c.iam.send(new ListRoleTagsCommand({ RoleName: "r" }));
    expect(after.Tags).toEqual([{ Key: "b", Value: "" }]);
    expect(after.IsTruncated).toBe(false);
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    const err = await failure(c.iam.send(new TagRoleCommand({ RoleName: "r", Tags: tooMany })));
    expect(err.name).toBe("LimitExceededException");
    const missing = await failure(
      c.iam.send(new TagRoleCommand({ RoleName: "x", Tags: [{ Key: "a", Value: "b" }] })),
    );
    expect(missing.name).toBe("NoSuchEntityException");
  });
});
