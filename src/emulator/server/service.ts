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
  /** How errors are framed: restJson1 (Bedrock) or awsJson1_0 (Step Functions). */
  protocol: "restJson" | "awsJson";
  /** Throws an AwsError (e.g. UnknownOperationException) when nothing matches. */
  route(request: NormalisedRequest): RoutedCall;
}
