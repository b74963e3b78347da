import { AwsError } from "../aws-error.js";

/** IAM's wire codes and statuses (aws-iam-sts-lambda-sns.md §2.1; LimitExceeded is 409). */
export const noSuchEntity = (message: string): AwsError => new AwsError("NoSuchEntity", 404, message);
export const alreadyExists = (message: string): AwsError => new AwsError("EntityAlreadyExists", 409, message);
export const malformedPolicy = (message: string): AwsError =>
  new AwsError("MalformedPolicyDocument", 400, message);
export const limitExceeded = (message: string): AwsError => new AwsError("LimitExceeded", 409, message);
export const deleteConflict = (message: string): AwsError => new AwsError("DeleteConflict", 409, message);
export const invalidInput = (message: string): AwsError => new AwsError("InvalidInput", 400, message);
/** Constraint violations (pattern, length, missing member) are the generic awsQuery ValidationError. */
export const validationError = (message: string): AwsError => new AwsError("ValidationError", 400, message);

export const roleNotFound = (roleName: string): AwsError =>
  noSuchEntity(`The role with name ${roleName} cannot be found.`);

/**
 * Emulator-wide codes in IAM's vocabulary: injected throttling becomes
 * `Throttling` (400, retried by name in both SDKs), any 5xx `ServiceFailure`.
 */
export function translateIamError(err: AwsError): AwsError {
  if (err.code === "ThrottlingException") return new AwsError("Throttling", 400, "Rate exceeded");
  if (err.status >= 500 && err.code !== "ServiceFailure")
    return new AwsError("ServiceFailure", 500, err.message);
  return err;
}
