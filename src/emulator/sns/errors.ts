import { AwsError } from "../aws-error.js";

/** SNS's wire codes (R §2.4): the InvalidParameterValue shape travels as `ParameterValueInvalid`. */
export const invalidParameter = (what: string): AwsError =>
  new AwsError("InvalidParameter", 400, `Invalid parameter: ${what}`);
export const parameterValueInvalid = (message: string): AwsError =>
  new AwsError("ParameterValueInvalid", 400, message);
export const topicNotFound = (): AwsError => new AwsError("NotFound", 404, "Topic does not exist");

export function translateSnsError(err: AwsError): AwsError {
  if (err.code === "ThrottlingException") return new AwsError("Throttled", 429, "Rate exceeded");
  if (err.status >= 500 && err.code !== "InternalError")
    return new AwsError("InternalError", 500, err.message);
  // Model-constraint failures use SNS's own InvalidParameter rather than a generic ValidationError.
  if (err.code === "ValidationError") return new AwsError("InvalidParameter", 400, err.message);
  return err;
}
