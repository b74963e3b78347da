/**
 * An error the emulator answers with, in AWS's terms: the error name clients
 * classify on (`err.name` in JS, `Error.Code` in boto3), the HTTP status AWS
 * uses for it, and the message. Handlers throw these; the server turns them
 * into the protocol's error response.
 */
export interface FieldProblem {
  name: string;
  message: string;
}

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fieldList?: FieldProblem[];

  constructor(code: string, status: number, message: string, fieldList?: FieldProblem[]) {
    super(message);
    this.name = "AwsError";
    this.code = code;
    this.status = status;
    if (fieldList && fieldList.length > 0) this.fieldList = fieldList;
  }
}

export function validationError(message: string, fieldList?: FieldProblem[]): AwsError {
  return new AwsError("ValidationException", 400, message, fieldList);
}

export function notFound(message: string): AwsError {
  return new AwsError("ResourceNotFoundException", 404, message);
}

export function conflict(message: string): AwsError {
  return new AwsError("ConflictException", 409, message);
}

/** 402 in bedrock-agent (aws-behaviour.md §0 fact 8). */
export function quotaExceeded(message: string): AwsError {
  return new AwsError("ServiceQuotaExceededException", 402, message);
}

export function serializationError(message: string): AwsError {
  return new AwsError("SerializationException", 400, message);
}
