import type { AccountContext } from "../account/context.js";
import { functionNotFound, lambdaValidation } from "./errors.js";

export interface FunctionRef {
  name: string;
  /** From an ARN's `:qualifier` suffix or the Qualifier query member. */
  qualifier?: string;
}

const FUNCTION_NAME_PATTERN =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;
export const BARE_NAME = /^[a-zA-Z0-9-_]{1,64}$/;

export const functionArn = (ctx: AccountContext, name: string, qualifier?: string): string =>
  `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}${qualifier ? `:${qualifier}` : ""}`;

/**
 * A FunctionName as every operation takes it: a name, a partial ARN
 * (`123456789012:function:f`) or a full ARN, optionally with `:qualifier`
 * (§2.3, §5 item 13). An ARN for another account or region names no function here.
 */
export function parseFunctionName(ctx: AccountContext, raw: string, queryQualifier?: string): FunctionRef {
  const match = FUNCTION_NAME_PATTERN.exec(raw);
  if (!match || raw.length > 170) {
    throw lambdaValidation(
      `1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
    );
  }
  const region = match[3]?.slice(0, -1);
  const account = match[5]?.slice(0, -1);
  const name = match[7] as string;
  const arnQualifier = match[9];
  if ((region !== undefined && region !== ctx.region) || (account !== undefined && account !== ctx.accountId))
    throw functionNotFound(raw);
  const qualifier = queryQualifier ?? arnQualifier;
  return qualifier === undefined ? { name } : { name, qualifier };
}
