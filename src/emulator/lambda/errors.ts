import { AwsError } from "../aws-error.js";
import { jsonReply, type Reply } from "../server/reply.js";

/**
 * Lambda's error vocabulary (aws-iam-sts-lambda-sns.md §1.3, §2.3). The body
 * member is `Message` for ResourceNotFoundException and ServiceException and
 * `message` for the others, as in the model; both SDKs accept either.
 */
const CAPITALISED_MESSAGE = new Set([
  "ResourceNotFoundException",
  "ServiceException",
  "PublicPolicyException",
]);

export const lambdaNotFound = (message: string): AwsError =>
  new AwsError("ResourceNotFoundException", 404, message);
export const resourceConflict = (message: string): AwsError =>
  new AwsError("ResourceConflictException", 409, message);
export const invalidParameter = (message: string): AwsError =>
  new AwsError("InvalidParameterValueException", 400, message);
export const preconditionFailed = (): AwsError =>
  new AwsError(
    "PreconditionFailedException",
    412,
    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
  );
/** Model-constraint violations: Lambda answers these as an (unmodeled) ValidationException. */
export const lambdaValidation = (message: string): AwsError =>
  new AwsError("ValidationException", 400, message);

export const functionNotFound = (arn: string): AwsError => lambdaNotFound(`Function not found: ${arn}`);

/** Injected throttling and 5xx in Lambda's own terms; both SDKs retry 429 and 500. */
function translate(err: AwsError): AwsError {
  if (err.code === "ThrottlingException")
    return new AwsError("TooManyRequestsException", 429, "Rate exceeded");
  if (err.status >= 500 && err.code === "InternalServerException")
    return new AwsError("ServiceException", 500, err.message);
  return err;
}

export function lambdaErrorReply(error: AwsError): Reply {
  const err = translate(error);
  const body: Record<string, unknown> = { Type: err.status >= 500 ? "Service" : "User" };
  body[CAPITALISED_MESSAGE.has(err.code) ? "Message" : "message"] = err.message;
  if (err.code === "TooManyRequestsException") {
    body.retryAfterSeconds = "1";
    body.Reason = "CallerRateLimitExceeded";
  }
  const reply = jsonReply(err.status, body);
  reply.headers["x-amzn-ErrorType"] = err.code;
  return reply;
}
