/**
 * Errors the runtime reports once the stream has started: they travel as event-stream
 * exception messages (aws-behaviour.md §1.4), named by the ResponseStream union member.
 */
import { AwsError } from "../aws-error.js";
import type { StreamExceptionName } from "./protocol/event-stream.js";

export class StreamError extends Error {
  readonly exception: StreamExceptionName;
  /** badGateway/dependencyFailed carry `resourceName`; internalServer carries `reason`. */
  readonly extra: Record<string, string>;

  constructor(exception: StreamExceptionName, message: string, extra: Record<string, string> = {}) {
    super(message);
    this.name = "StreamError";
    this.exception = exception;
    this.extra = extra;
  }

  body(): Record<string, unknown> {
    return { message: this.message, ...this.extra };
  }
}

export function dependencyFailed(message: string, resourceName?: string): StreamError {
  return new StreamError("dependencyFailedException", message, resourceName ? { resourceName } : {});
}

const STREAM_NAMES: Record<string, StreamExceptionName> = {
  AccessDeniedException: "accessDeniedException",
  BadGatewayException: "badGatewayException",
  ConflictException: "conflictException",
  DependencyFailedException: "dependencyFailedException",
  InternalServerException: "internalServerException",
  ModelNotReadyException: "modelNotReadyException",
  ResourceNotFoundException: "resourceNotFoundException",
  ServiceQuotaExceededException: "serviceQuotaExceededException",
  ThrottlingException: "throttlingException",
  ValidationException: "validationException",
};

/** Anything thrown inside the loop, as the exception message the stream ends with. */
export function toStreamError(err: unknown): StreamError {
  if (err instanceof StreamError) return err;
  if (err instanceof AwsError) {
    return new StreamError(STREAM_NAMES[err.code] ?? "internalServerException", err.message);
  }
  return new StreamError(
    "internalServerException",
    `The local agent runtime failed: ${(err as Error)?.message ?? String(err)}`,
  );
}
