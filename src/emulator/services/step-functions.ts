import { AwsError } from "../aws-error.js";
import type { Service } from "../server/service.js";

export const SFN_TARGET_PREFIX = "AWSStepFunctions.";

/**
 * Step Functions (awsJson1_0, `X-Amz-Target: AWSStepFunctions.<Operation>`).
 * Not emulated yet: every operation gets a well-formed awsJson error, so SDKs
 * and boto3 report a clear code instead of a parse failure.
 */
export const stepFunctionsService: Service = {
  protocol: "awsJson",
  route(request) {
    const target = String(request.headers["x-amz-target"] ?? "");
    const operation = target.slice(SFN_TARGET_PREFIX.length) || "Unknown";
    return {
      operation,
      execute() {
        throw new AwsError(
          "UnknownOperationException",
          400,
          `The local emulator does not implement Step Functions yet (${target}).`,
        );
      },
    };
  },
};
