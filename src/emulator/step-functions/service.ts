/**
 * Step Functions over awsJson1_0: `POST /` with `X-Amz-Target:
 * AWSStepFunctions.<Operation>`, JSON in and out, errors as `{__type, message}`.
 * A `sync-` host prefix (StartSyncExecution's endpoint trait) needs nothing
 * here: routing is by target, whatever the Host.
 */
import { AwsError } from "../aws-error.js";
import { AWS_JSON_1_0, jsonReply } from "../server/reply.js";
import type { Service } from "../server/service.js";
import type { SfnContext } from "./context.js";
import { parseBody } from "./input.js";
import { OPERATIONS } from "./operations/index.js";

export const SFN_TARGET_PREFIX = "AWSStepFunctions.";

export function stepFunctionsService(ctx: SfnContext): Service {
  return {
    protocol: "awsJson",
    route(request) {
      const target = String(request.headers["x-amz-target"] ?? "");
      const name = target.slice(SFN_TARGET_PREFIX.length);
      const operation = OPERATIONS[name];
      if (!operation)
        throw new AwsError(
          "UnknownOperationException",
          400,
          `The local emulator's Step Functions has no operation ${name || "(none)"}; it serves ${Object.keys(OPERATIONS).join(", ")}.`,
        );
      return {
        operation: name,
        async execute() {
          const input = parseBody(request.body);
          const run = () => operation.run(ctx, input);
          const result =
            operation.mode === "write"
              ? ctx.store.db.write(run)
              : operation.mode === "read"
                ? ctx.store.db.read(run)
                : await run();
          return jsonReply(200, result ?? {}, AWS_JSON_1_0);
        },
      };
    },
  };
}
