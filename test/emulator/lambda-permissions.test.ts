/** Lambda functions' control plane and resource policies through the real @aws-sdk/client-lambda (restJson1). */
import { CreateRoleCommand, UpdateAssumeRolePolicyCommand } from "@aws-sdk/client-iam";
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  RemovePermissionCommand,
  waitUntilFunctionActiveV2,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { type AccountClients, accountClients, failure, LAMBDA_TRUST, zipOf } from "./account-support.js";

const CODE = zipOf({ "index.mjs": "export const handler = async (event) => ({ echo: event });" });

async function createFunction(c: AccountClients, name = "catalog") {
  const role = await c.iam.send(
    new CreateRoleCommand({ RoleName: `${name}-role`, AssumeRolePolicyDocument: LAMBDA_TRUST }),
  );
  return c.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: role.Role?.Arn,
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Code: { ZipFile: CODE },
    }),
  );
}

describe("Lambda functions", () => {
  it("creates a function Pending, then Active for the SDK's own waiter", async () => {
    await using c = await accountClients();
    const created = await createFunction(c);
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      FunctionName: "catalog",
      FunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:catalog",
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Timeout: 3,
      MemorySize: 128,
      Version: "$LATEST",
      State: "Pending",
      PackageType: "Zip",
      CodeSize: CODE.length,
    });
    expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(created.CodeSha256).toBe(
      Buffer.from(await crypto.subtle.digest("SHA-256", CODE)).toString("base64"),
    );
    await waitUntilFunctionActiveV2(
      { client: c.lambda, maxWaitTime: 20, minDelay: 1 },
      { FunctionName: "catalog" },
    );
    // Name, partial ARN and full ARN all address the same function.
    for (const name of ["catalog", "000000000000:function:catalog", created.FunctionArn]) {
      const got = await c.lambda.send(new GetFunctionCommand({ FunctionName: name }));
      expect(got.Configuration?.State).toBe("Active");
      expect(got.Configuration?.RevisionId).toBe(created.RevisionId);
    }
  });

  it("refuses a duplicate with ResourceConflictException and a missing one with ResourceNotFoundException", async () => {
    await using c = await accountClients();
    await createFunction(c);
    const dup = await failure(
      c.lambda.send(
        new CreateFunctionCommand({
          FunctionName: "catalog",
          Role: "arn:aws:iam::000000000000:role/catalog-role",
          Runtime: "nodejs22.x",
          Handler: "index.handler",
          Code: { ZipFile: CODE },
        }),
      ),
    );
    expect(dup.name).toBe("ResourceConflictException");
    expect(dup.$metadata.httpStatusCode).toBe(409);
    expect(dup.message).toBe("Function already exist: catalog");
    const missing = await failure(c.lambda.send(new GetFunctionCommand({ FunctionName: "nope" })));
    expect(missing.name).toBe("ResourceNotFoundException");
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
    expect(missing.Type).toBe("User");
  });

  it("rejects an execution role Lambda cannot assume, and a zip that is not one", async () => {
    await using c = await accountClients();
    const base = {
      FunctionName: "f",
      Runtime: "nodejs22.x" as const,
      Handler: "index.handler",
      Code: { ZipFile: CODE },
    };
    const noRole = await failure(
      c.lambda.send(new CreateFunctionCommand({ ...base, Role: "arn:aws:iam::000000000000:role/missing" })),
    );
    expect(noRole.name).toBe("InvalidParameterValueException");
    expect(noRole.message).toBe("The role defined for the function cannot be assumed by Lambda.");
    const bedrockOnly = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "bedrock.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    });
    const role = await c.iam.send(
      new CreateRoleCommand({ RoleName: "wrong-trust", AssumeRolePolicyDocument: bedrockOnly }),
    );
    const untrusted = await failure(
      c.lambda.send(new CreateFunctionCommand({ ...base, Role: role.Role?.Arn })),
    );
    expect(untrusted.message).toBe("The role defined for the function cannot be assumed by Lambda.");
    await c.iam.send(
      new UpdateAssumeRolePolicyCommand({ RoleName: "wrong-trust", PolicyDocument: LAMBDA_TRUST }),
    );
    const badZip = await failure(
      c.lambda.send(
        new CreateFunctionCommand({
          ...base,
          Role: role.Role?.Arn,
          Code: { ZipFile: Buffer.from("not a zip") },
        }),
      ),
    );
    expect(badZip.name).toBe("InvalidParameterValueException");
    expect(badZip.message).toBe(
      "Could not unzip uploaded file. Please check your file, then try to upload again.",
    );
    await c.lambda.send(new CreateFunctionCommand({ ...base, Role: role.Role?.Arn }));
  });

  it("deletes a function (204), after which it is gone", async () => {
    await using c = await accountClients();
    await createFunction(c);
    const deleted = await c.lambda.send(new DeleteFunctionCommand({ FunctionName: "catalog" }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect((await failure(c.lambda.send(new GetFunctionCommand({ FunctionName: "catalog" })))).name).toBe(
      "ResourceNotFoundException",
    );
    expect((await failure(c.lambda.send(new DeleteFunctionCommand({ FunctionName: "catalog" })))).name).toBe(
      "ResourceNotFoundException",
    );
  });
});

describe("Lambda resource policies", () => {
  const AGENT_ARN = "arn:aws:bedrock:us-east-1:000000000000:agent/AGENT12345";

  it("records the exact statement AddPermission builds and returns it from GetPolicy", async () => {
    await using c = await accountClients();
    const fn = await createFunction(c);
    const added = await c.lambda.send(
      new AddPermissionCommand({
        FunctionName: fn.FunctionArn,
        StatementId: "agentctl-AGENT12345",
        Action: "lambda:InvokeFunction",
        Principal: "bedrock.amazonaws.com",
        SourceAccount: "000000000000",
        SourceArn: AGENT_ARN,
      }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    const statement = {
      Sid: "agentctl-AGENT12345",
      Effect: "Allow",
      Principal: { Service: "bedrock.amazonaws.com" },
      Action: "lambda:InvokeFunction",
      Resource: "arn:aws:lambda:us-east-1:000000000000:function:catalog",
      Condition: {
        StringEquals: { "AWS:SourceAccount": "000000000000" },
        ArnLike: { "AWS:SourceArn": AGENT_ARN },
      },
    };
    expect(added.Statement).toBe(JSON.stringify(statement));
    const got = await c.lambda.send(new GetPolicyCommand({ FunctionName: "catalog" }));
    expect(JSON.parse(got.Policy ?? "")).toEqual({
      Version: "2012-10-17",
      Id: "default",
      Statement: [statement],
    });
    const fnNow = await c.lambda.send(new GetFunctionCommand({ FunctionName: "catalog" }));
    expect(got.RevisionId).toBe(fnNow.Configuration?.RevisionId);
    expect(got.RevisionId).not.toBe(fn.RevisionId);
  });

  it("refuses a duplicate statement id (409) and a stale RevisionId (412)", async () => {
    await using c = await accountClients();
    const fn = await createFunction(c);
    const input = {
      FunctionName: "catalog",
      StatementId: "s1",
      Action: "lambda:InvokeFunction",
      Principal: "states.amazonaws.com",
    };
    await c.lambda.send(new AddPermissionCommand(input));
    const dup = await failure(c.lambda.send(new AddPermissionCommand(input)));
    expect(dup.name).toBe("ResourceConflictException");
    expect(dup.$metadata.httpStatusCode).toBe(409);
    expect(dup.message).toBe(
      "The statement id (s1) provided already exists. Please provide a new statement id, or remove the existing statement.",
    );
    const stale = await failure(
      c.lambda.send(new AddPermissionCommand({ ...input, StatementId: "s2", RevisionId: fn.RevisionId })),
    );
    expect(stale.name).toBe("PreconditionFailedException");
    expect(stale.$metadata.httpStatusCode).toBe(412);
    const staleRemove = await failure(
      c.lambda.send(
        new RemovePermissionCommand({
          FunctionName: "catalog",
          StatementId: "s1",
          RevisionId: fn.RevisionId,
        }),
      ),
    );
    expect(staleRemove.name).toBe("PreconditionFailedException");
  });

  it("removes a statement (204); GetPolicy on an empty policy and an unknown Sid are 404", async () => {
    await using c = await accountClients();
    await createFunction(c);
    const none = await failure(c.lambda.send(new GetPolicyCommand({ FunctionName: "catalog" })));
    expect(none.name).toBe("ResourceNotFoundException");
    expect(none.message).toBe("The resource you requested does not exist.");
    await c.lambda.send(
      new AddPermissionCommand({
        FunctionName: "catalog",
        StatementId: "s1",
        Action: "lambda:InvokeFunction",
        Principal: "123456789012",
      }),
    );
    const policy = JSON.parse(
      (await c.lambda.send(new GetPolicyCommand({ FunctionName: "catalog" }))).Policy ?? "",
    );
    expect(policy.Statement[0].Principal).toEqual({ AWS: "arn:aws:iam::123456789012:root" });
    const removed = await c.lambda.send(
      new RemovePermissionCommand({ FunctionName: "catalog", StatementId: "s1" }),
    );
    expect(removed.$metadata.httpStatusCode).toBe(204);
    expect((await failure(c.lambda.send(new GetPolicyCommand({ FunctionName: "catalog" })))).name).toBe(
      "ResourceNotFoundException",
    );
    const unknown = await failure(
      c.lambda.send(new RemovePermissionCommand({ FunctionName: "catalog", StatementId: "s1" })),
    );
    expect(unknown.name).toBe("ResourceNotFoundException");
    const noFunction = await failure(
      c.lambda.send(
        new AddPermissionCommand({
          FunctionName: "nope",
          StatementId: "s",
          Action: "lambda:InvokeFunction",
          Principal: "s3.amazonaws.com",
        }),
      ),
    );
    expect(noFunction.name).toBe("ResourceNotFoundException");
  });
});
