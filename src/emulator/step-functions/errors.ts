import { AwsError } from "../aws-error.js";

/** Every modeled Step Functions error is a 400 whose code clients read from `__type` (§1.3). */
export const sfnError = (code: string, message: string): AwsError => new AwsError(code, 400, message);

export const invalidArn = (arn: unknown): AwsError => sfnError("InvalidArn", `Invalid Arn: '${String(arn)}'`);
