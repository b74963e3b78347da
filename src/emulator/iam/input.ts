import type { QueryParams } from "../aws-query/form.js";
import { checkMember, integerMember, requireMember } from "../aws-query/input.js";
import { malformedPolicy, validationError } from "./errors.js";
import { checkPolicyDocument, type PolicyKind } from "./policy-grammar.js";

/** IAM's model constraints (aws-iam-sts-lambda-sns.md §2.1). */
const NAME_PATTERN = "[\\w+=,.@-]+";
const POLICY_TEXT_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";

export const roleNameOf = (params: QueryParams): string =>
  requireMember(params, { key: "RoleName", min: 1, max: 64, pattern: NAME_PATTERN }, validationError);

export const policyNameOf = (params: QueryParams): string =>
  requireMember(params, { key: "PolicyName", min: 1, max: 128, pattern: NAME_PATTERN }, validationError);

export const policyArnOf = (params: QueryParams): string =>
  requireMember(params, { key: "PolicyArn", min: 20, max: 2048 }, validationError);

export function pathOf(params: QueryParams, key: string): string | undefined {
  return checkMember(
    params,
    { key, min: 1, max: 512, pattern: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)" },
    validationError,
  );
}

/** A policy document member, checked for the model's character set and then IAM's grammar. */
export function policyDocumentOf(params: QueryParams, key: string, kind: PolicyKind): string {
  const text = requireMember(
    params,
    { key, min: 1, max: 131_072, pattern: POLICY_TEXT_PATTERN },
    validationError,
  );
  const problem = checkPolicyDocument(text, kind);
  if (problem) throw malformedPolicy(problem);
  return text;
}

export const maxItemsOf = (params: QueryParams): number =>
  integerMember(params, "MaxItems", 1, 1000, validationError) ?? 100;

/** Characters a quota counts: IAM does not count white space (IAM quotas page [D]). */
export const quotaLength = (text: string): number => text.replace(/\s/g, "").length;
