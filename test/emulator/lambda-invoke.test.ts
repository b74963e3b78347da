/** Lambda Invoke: handlers from the uploaded zip run in-process, through the real @aws-sdk/client-lambda. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  type FunctionConfiguration,
  GetFunctionCommand,
  InvokeCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { type AccountClients, accountClients, failure, LAMBDA_TRUST, zipOf } from "./account-support.js";
import { tempDir } from "./support.js";

async function deploy(
  c: AccountClients,
  name: string,
  files: Record<string, string>,
  extra: { Handler?: string; Timeout?: number; Environment?: { Variables: Record<string, string> } } = {},
) {
  const role = await c.iam
    .send(new CreateRoleCommand({ RoleName: `${name}-role`, AssumeRolePolicyDocument: LAMBDA_TRUST }))
    .then((r) => r.Role?.Arn);
  await c.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: role,
      Runtime: "nodejs22.x",
      Handler: extra.Handler ?? "index.handler",
      Code: { ZipFile: zipOf(files) },
      ...(extra.Timeout ? { Timeout: extra.Timeout } : {}),
      ...(extra.Environment ? { Environment: extra.Environment } : {}),
    }),
  );
  await waitForState(c, name, (f) => f.State === "Active");
}

/** Polls GetFunction briskly (the SDK waiters poll once a second; one test uses them, in lambda-permissions). */
async function waitForState(c: AccountClients, name: string, done: (f: FunctionConfiguration) => boolean) {
  for (let i = 0; i < 500; i++) {
    const f = (await c.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration;
    if (f && done(f)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`function ${name} never reached the state`);
}

async function invoke(
  c: AccountClients,
  name: string,
  payload: unknown,
  extra: Record<string, unknown> = {},
) {
  const out = await c.lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(payload)), ...extra }),
  );
  const text = out.Payload ? Buffer.from(out.Payload).toString("utf8") : "";
  return { ...out, text, json: text === "" ? undefined : JSON.parse(text) };
}

describe("Lambda Invoke", () => {
  it("runs an ESM handler with (event, context) and returns its result", async () => {
    await using c = await accountClients();
    await deploy(c, "echo", {
      "index.mjs": `export const handler = async (event, context) => ({
        event, name: context.functionName, arn: context.invokedFunctionArn, memory: context.memoryLimitInMB,
        requestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis() > 0 });`,
    });
    const out = await invoke(c, "echo", { orderId: "o-1" });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe("$LATEST");
    expect(out.json).toEqual({
      event: { orderId: "o-1" },
      name: "echo",
      arn: "arn:aws:lambda:us-east-1:000000000000:function:echo",
      memory: "128",
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      remaining: true,
    });
  });

  it("runs CommonJS handlers in subdirectories, callback style included", async () => {
    await using c = await accountClients();
    await deploy(
      c,
      "cjs",
      {
        "src/app.js": `exports.nested = { handler(event, context, callback) { setTimeout(() => callback(null, event.n * 2), 5); } };`,
      },
      { Handler: "src/app.nested.handler" },
    );
    expect((await invoke(c, "cjs", { n: 21 })).json).toBe(42);
  });

  it("reports a thrown error as Lambda does: 200, X-Amz-Function-Error Unhandled, errorType/errorMessage/trace", async () => {
    await using c = await accountClients();
    await deploy(c, "boom", {
      "index.mjs": `class OutOfStock extends Error { constructor(m) { super(m); this.name = "OutOfStock"; } }
        export const handler = async (event) => { if (event.kind === "string") throw "plain"; throw new OutOfStock("sku-9 is gone"); };`,
    });
    const out = await invoke(c, "boom", {});
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe("Unhandled");
    expect(Object.keys(out.json)).toEqual(["errorType", "errorMessage", "trace"]);
    expect(out.json.errorType).toBe("OutOfStock");
    expect(out.json.errorMessage).toBe("sku-9 is gone");
    expect(out.json.trace[0]).toBe("OutOfStock: sku-9 is gone");
    const plain = await invoke(c, "boom", { kind: "string" });
    expect(plain.json).toEqual({ errorType: "string", errorMessage: "plain", trace: [] });
  });

  it("reports a missing module or export as the runtime's init errors", async () => {
    await using c = await accountClients();
    await deploy(c, "nomodule", { "other.mjs": "export const x = 1;" });
    const missing = await invoke(c, "nomodule", {});
    expect(missing.FunctionError).toBe("Unhandled");
    expect(missing.json.errorType).toBe("Runtime.ImportModuleError");
    await deploy(c, "noexport", { "index.mjs": "export const other = () => 1;" });
    const noExport = await invoke(c, "noexport", {});
    expect(noExport.json).toEqual({
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "index.handler is undefined or not exported",
      trace: [],
    });
  });

  it("stops a handler at its Timeout, even a busy loop", async () => {
    await using c = await accountClients();
    await deploy(c, "spin", { "index.mjs": "export const handler = () => { for (;;) {} };" }, { Timeout: 1 });
    const out = await invoke(c, "spin", {});
    expect(out.FunctionError).toBe("Unhandled");
    expect(out.json.errorType).toBe("Sandbox.Timedout");
    expect(out.json.errorMessage).toMatch(/Task timed out after 1\.00 seconds$/);
  });

  it("gives the handler its own environment: its variables and Lambda's, never agentctl's", async () => {
    process.env.AGENTCTL_HOST_SECRET = "must-not-leak";
    try {
      await using c = await accountClients();
      await deploy(
        c,
        "env",
        {
          "index.mjs": `export const handler = async () => ({ table: process.env.TABLE, region: process.env.AWS_REGION,
            name: process.env.AWS_LAMBDA_FUNCTION_NAME, handler: process.env._HANDLER, leaked: process.env.AGENTCTL_HOST_SECRET ?? null });`,
        },
        { Environment: { Variables: { TABLE: "orders" } } },
      );
      expect((await invoke(c, "env", {})).json).toEqual({
        table: "orders",
        region: "us-east-1",
        name: "env",
        handler: "index.handler",
        leaked: null,
      });
    } finally {
      delete process.env.AGENTCTL_HOST_SECRET;
    }
  });

  it("keeps module state between invocations (a warm environment) and returns the log tail", async () => {
    await using c = await accountClients();
    await deploy(c, "warm", {
      "index.mjs": `let count = 0; export const handler = async () => { count++; console.log("call", count); return count; };`,
    });
    expect((await invoke(c, "warm", {})).json).toBe(1);
    const second = await invoke(c, "warm", {}, { LogType: "Tail" });
    expect(second.json).toBe(2);
    const log = Buffer.from(second.LogResult ?? "", "base64").toString("utf8");
    expect(log).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    expect(log).toMatch(/\tINFO\tcall 2\n/);
    expect(log).toContain("END RequestId:");
    expect(log).toContain("REPORT RequestId:");
    expect((await invoke(c, "warm", {})).LogResult).toBeUndefined();
  });

  it("answers Event with 202 and runs the handler in the background; DryRun with 204", async () => {
    using dir = tempDir();
    await using c = await accountClients();
    const marker = join(dir.path, "event.txt");
    await deploy(c, "async", {
      "index.mjs": `import { writeFileSync } from "node:fs"; export const handler = async (e) => { writeFileSync(e.file, e.text); };`,
    });
    const queued = await invoke(c, "async", { file: marker, text: "ran" }, { InvocationType: "Event" });
    expect(queued.StatusCode).toBe(202);
    expect(queued.text).toBe("");
    for (let i = 0; i < 200; i++) {
      try {
        if (readFileSync(marker, "utf8") === "ran") break;
      } catch {}
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(readFileSync(marker, "utf8")).toBe("ran");
    const dry = await invoke(c, "async", {}, { InvocationType: "DryRun" });
    expect(dry.StatusCode).toBe(204);
  });

  it("refuses to invoke a function that is still Pending", async () => {
    await using c = await accountClients({ latency: "realistic", iamPropagationMs: 0 });
    const role = await c.iam.send(
      new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: LAMBDA_TRUST }),
    );
    await c.lambda.send(
      new CreateFunctionCommand({
        FunctionName: "slow",
        Role: role.Role?.Arn,
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Code: { ZipFile: zipOf({ "index.mjs": "export const handler = async () => 1;" }) },
      }),
    );
    const pending = await failure(c.lambda.send(new InvokeCommand({ FunctionName: "slow" })));
    expect(pending.name).toBe("ResourceConflictException");
    expect(pending.$metadata.httpStatusCode).toBe(409);
    expect(pending.message).toBe(
      "The operation cannot be performed at this time. The function is currently in the following state: Pending",
    );
  });

  it("rejects a non-JSON payload with InvalidRequestContentException", async () => {
    await using c = await accountClients();
    await deploy(c, "json", { "index.mjs": "export const handler = async () => 1;" });
    const err = await failure(
      c.lambda.send(new InvokeCommand({ FunctionName: "json", Payload: Buffer.from("{oops") })),
    );
    expect(err.name).toBe("InvalidRequestContentException");
    expect(err.$metadata.httpStatusCode).toBe(400);
    // No payload at all reaches the handler as {}.
    const out = await c.lambda.send(new InvokeCommand({ FunctionName: "json" }));
    expect(Buffer.from(out.Payload ?? []).toString()).toBe("1");
  });

  it("lets a handler's own SDK client call the emulated account", async () => {
    await using c = await accountClients({ accountId: "123456789012" });
    await deploy(c, "whoami", {
      "index.mjs": `import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
        export const handler = async () => (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account;`,
    });
    const out = await invoke(c, "whoami", {});
    expect(out.FunctionError, out.text).toBeUndefined();
    expect(out.json).toBe("123456789012");
  });
});

describe("Lambda updates", () => {
  it("updates code and configuration, one at a time, and runs the new code once Successful", async () => {
    // Realistic latency: the update window (1-3 s) must outlast the round trip that tests it.
    await using c = await accountClients({ latency: "realistic", iamPropagationMs: 0 });
    await deploy(c, "upd", { "index.mjs": "export const handler = async () => 'v1';" });
    const updated = await c.lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: "upd",
        ZipFile: zipOf({ "index.mjs": "export const handler = async () => 'v2 ' + process.env.STAGE;" }),
      }),
    );
    expect(updated.LastUpdateStatus).toBe("InProgress");
    const busy = await failure(
      c.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "upd", Timeout: 10 })),
    );
    expect(busy.name).toBe("ResourceConflictException");
    expect(busy.message).toBe(
      "The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:000000000000:function:upd",
    );
    await waitForState(c, "upd", (f) => f.LastUpdateStatus === "Successful");
    const configured = await c.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "upd",
        Timeout: 10,
        Environment: { Variables: { STAGE: "prod" } },
        RevisionId: updated.RevisionId,
      }),
    );
    expect(configured.Timeout).toBe(10);
    expect(configured.Environment?.Variables).toEqual({ STAGE: "prod" });
    await waitForState(c, "upd", (f) => f.LastUpdateStatus === "Successful");
    expect((await invoke(c, "upd", {})).json).toBe("v2 prod");
    const stale = await failure(
      c.lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: "upd", RevisionId: updated.RevisionId }),
      ),
    );
    expect(stale.name).toBe("PreconditionFailedException");
  });
});

describe("Lambda execution environments", () => {
  it("starts fresh for a function deleted and created again with the same code", async () => {
    await using c = await accountClients();
    const files = { "index.mjs": "let count = 0; export const handler = async () => ++count;" };
    await deploy(c, "counter", files);
    expect((await invoke(c, "counter", {})).json).toBe(1);
    expect((await invoke(c, "counter", {})).json).toBe(2);
    await c.lambda.send(new DeleteFunctionCommand({ FunctionName: "counter" }));
    await c.lambda.send(
      new CreateFunctionCommand({
        FunctionName: "counter",
        Role: "arn:aws:iam::000000000000:role/counter-role",
        Runtime: "nodejs22.x",
        Handler: "index.handler",
        Code: { ZipFile: zipOf(files) },
      }),
    );
    await waitForState(c, "counter", (f) => f.State === "Active");
    expect((await invoke(c, "counter", {})).json).toBe(1);
  });
});
