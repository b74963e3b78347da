import type { AwsError } from "../aws-error.js";
import type { Reply } from "./reply.js";
import type { NormalisedRequest } from "./request.js";

/** The operation a request resolved to, ready to run. */
export interface RoutedCall {
  /** The AWS operation name (§2.1), for the access log. */
  operation: string;
  execute(): Reply | Promise<Reply>;
}

/** One AWS service behind the shared port. */
export interface Service {
  /** How errors are framed: restJson1 (Bedrock, Lambda), awsJson1_0 (Step Functions) or awsQuery (IAM, STS, SNS). */
  protocol: "restJson" | "awsJson" | "awsQuery";
  /** Frames this service's errors when the protocol default does not fit (awsQuery XML, Lambda's body shape). */
  errorReply?(err: AwsError, requestId: string): Reply;
  /** Throws an AwsError (e.g. UnknownOperationException) when nothing matches. */
  route(request: NormalisedRequest): RoutedCall;
}
