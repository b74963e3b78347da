import type { AwsError } from "../aws-error.js";

/** A response before the request id and framing are added. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Buffered bodies get a Content-Length; iterables are streamed (event streams). */
  body?: Buffer | AsyncIterable<Uint8Array>;
}

export const REST_JSON = "application/json";
export const AWS_JSON_1_0 = "application/x-amz-json-1.0";

export function jsonReply(status: number, value: unknown, contentType = REST_JSON): Reply {
  return {
    status,
    headers: { "Content-Type": contentType },
    body: Buffer.from(JSON.stringify(value)),
  };
}

export function emptyReply(status: number): Reply {
  return { status, headers: {} };
}

/** restJson1: clients read the code from `x-amzn-ErrorType` first (§1.2, §0 fact 3). */
export function restJsonErrorReply(err: AwsError): Reply {
  const body: Record<string, unknown> = { message: err.message };
  if (err.fieldList) body.fieldList = err.fieldList;
  const reply = jsonReply(err.status, body);
  reply.headers["x-amzn-ErrorType"] = err.code;
  return reply;
}

/** awsJson1_0: botocore reads only the body's `__type`, JS reads `__type` first; send both (§1.3). */
export function awsJsonErrorReply(err: AwsError): Reply {
  const reply = jsonReply(err.status, { __type: err.code, message: err.message }, AWS_JSON_1_0);
  reply.headers["x-amzn-ErrorType"] = err.code;
  return reply;
}
