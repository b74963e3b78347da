/**
 * invokeFunction, the entry point the agent runtime and Step Functions use:
 * functions deployed through the SDK, invoked directly from another
 * connection to the same database (as another process would).
 */
import { join } from "node:path";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { CreateFunctionCommand, GetFunctionCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { startAccountServices } from "../../src/emulator/account/services.js";
import { AwsError } from "../../src/emulator/aws-error.js";
import { Store } from "../../src/emulator/store/index.js";
import { accountClients, LAMBDA_TRUST, zipOf } from "./account-support.js";
import { tempDir } from "./support.js";

describe("invokeFunction (internal)", () => {
  it("runs a deployed function by name or ARN and reports handler errors as Lambda does", async () => {
    using dir = tempDir();
    const dbPath = join(dir.path, "state.db");
    await using c = await accountClients({ dbPath });
    const role = await c.iam.send(
      new CreateRoleCommand({ RoleName: "r", AssumeRolePolicyDocument: LAMBDA_TRUST }),
    );
    await c.lambda.send(
      new CreateFunctionCommand({
        FunctionName: "check-stock",
        Role: role.Role?.Arn,
        Runtime: "nodejs24.x",
        Handler: "index.handler",
        Code: {
          ZipFile: zipOf({
            "index.mjs": `export const handler = async (event) => {
              if (event.apiPath === "/fail") throw new TypeError("bad sku");
              return { messageVersion: "1.0", response: { actionGroup: event.actionGroup, httpStatusCode: 200 } };
            };`,
          }),
        },
      }),
    );
    for (let i = 0; i < 200; i++) {
      const state = (await c.lambda.send(new GetFunctionCommand({ FunctionName: "check-stock" })))
        .Configuration?.State;
      if (state === "Active") break;
      await new Promise((r) => setTimeout(r, 10));
    }

    const store = new Store(dbPath);
    const account = startAccountServices({
      db: store.db,
      dbPath,
      region: "us-east-1",
      accountId: "000000000000",
      latency: "fast",
    });
    try {
      const ok = await account.invokeFunction("arn:aws:lambda:us-east-1:000000000000:function:check-stock", {
        messageVersion: "1.0",
        actionGroup: "Inventory",
        apiPath: "/stock",
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.functionError).toBeUndefined();
      expect(ok.executedVersion).toBe("$LATEST");
      expect(JSON.parse(ok.payload.toString())).toEqual({
        messageVersion: "1.0",
        response: { actionGroup: "Inventory", httpStatusCode: 200 },
      });
      const failed = await account.invokeFunction("check-stock", { apiPath: "/fail" });
      expect(failed.statusCode).toBe(200);
      expect(failed.functionError).toBe("Unhandled");
      expect(JSON.parse(failed.payload.toString())).toMatchObject({
        errorType: "TypeError",
        errorMessage: "bad sku",
      });
      const event = await account.invokeFunction("check-stock", {}, { invocationType: "Event" });
      expect(event.statusCode).toBe(202);
      const missing = await account.invokeFunction("nope", {}).catch((err: unknown) => err);
      expect(missing).toBeInstanceOf(AwsError);
      expect((missing as AwsError).code).toBe("ResourceNotFoundException");
      expect(account.checkAssumable(role.Role?.Arn ?? "", "lambda.amazonaws.com")).toEqual({ ok: true });
      expect(account.checkAssumable(role.Role?.Arn ?? "", "states.amazonaws.com")).toEqual({
        ok: false,
        reason: "untrusted",
      });
    } finally {
      await account.close();
      store.close();
    }
  });
});
