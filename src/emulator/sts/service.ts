import { createHash } from "node:crypto";
import type { AccountContext } from "../account/context.js";
import { AwsError } from "../aws-error.js";
import { queryService } from "../aws-query/service.js";
import type { Service } from "../server/service.js";

export const STS_VERSION = "2011-06-15";
export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

/** The one identity every caller of the emulator is: a user of the emulated account. */
export const CALLER_USER_NAME = "agentctl-local";

export function callerIdentity(accountId: string): { UserId: string; Account: string; Arn: string } {
  // A stable AIDA… id (21 characters, like a real user id) derived from the account.
  const digest = createHash("sha256")
    .update(accountId)
    .digest("hex")
    .toUpperCase()
    .replace(/[^A-Z2-7]/g, "");
  return {
    UserId: `AIDA${digest.padEnd(17, "Q").slice(0, 17)}`,
    Account: accountId,
    Arn: `arn:aws:iam::${accountId}:user/${CALLER_USER_NAME}`,
  };
}

/** Common-error vocabulary (no STS operation here models its own). */
function translateStsError(err: AwsError): AwsError {
  if (err.code === "ThrottlingException") return new AwsError("Throttling", 400, "Rate exceeded");
  if (err.status >= 500 && err.code !== "InternalFailure")
    return new AwsError("InternalFailure", 500, err.message);
  return err;
}

/** STS (awsQuery): GetCallerIdentity, all `agentctl deploy` needs to learn `${account}`. */
export function stsService(ctx: AccountContext): Service {
  return queryService(ctx, {
    title: "STS",
    version: STS_VERSION,
    namespace: STS_NAMESPACE,
    operations: {
      GetCallerIdentity: {
        mode: "read",
        run: (c) => {
          const identity = callerIdentity(c.accountId);
          return { UserId: identity.UserId, Account: identity.Account, Arn: identity.Arn };
        },
      },
    },
    translate: translateStsError,
    db: (c) => c.db,
  });
}
