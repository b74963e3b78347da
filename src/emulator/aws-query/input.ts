import type { AwsError } from "../aws-error.js";
import type { QueryParams } from "./form.js";

/**
 * Model constraints checked the way AWS's query services report them:
 * "1 validation error detected: Value … at 'roleName' failed to satisfy
 * constraint: …". Only the first problem is reported (AWS lists up to ten; a
 * deliberate simplification, SPEC.md).
 */
export interface MemberRule {
  /** The form key, e.g. "RoleName". */
  key: string;
  required?: boolean;
  min?: number;
  max?: number;
  /** Source of a whole-string regular expression, quoted in the message as the model writes it. */
  pattern?: string;
}

const lowerFirst = (key: string): string => key.charAt(0).toLowerCase() + key.slice(1);

const constraintFailure = (value: string, key: string, constraint: string): string =>
  `1 validation error detected: Value '${value.length > 200 ? `${value.slice(0, 200)}…` : value}' at '${lowerFirst(key)}' failed to satisfy constraint: ${constraint}`;

export function checkMember(
  params: QueryParams,
  rule: MemberRule,
  fail: (m: string) => AwsError,
): string | undefined {
  const value = params.string(rule.key);
  if (value === undefined) {
    if (rule.required)
      throw fail(
        `1 validation error detected: Value null at '${lowerFirst(rule.key)}' failed to satisfy constraint: Member must not be null`,
      );
    return undefined;
  }
  if (rule.min !== undefined && value.length < rule.min)
    throw fail(
      constraintFailure(value, rule.key, `Member must have length greater than or equal to ${rule.min}`),
    );
  if (rule.max !== undefined && value.length > rule.max)
    throw fail(
      constraintFailure(value, rule.key, `Member must have length less than or equal to ${rule.max}`),
    );
  if (rule.pattern !== undefined && !new RegExp(`^(?:${rule.pattern})$`, "u").test(value))
    throw fail(
      constraintFailure(value, rule.key, `Member must satisfy regular expression pattern: ${rule.pattern}`),
    );
  return value;
}

/** Like checkMember for a required member: never undefined. */
export function requireMember(
  params: QueryParams,
  rule: Omit<MemberRule, "required">,
  fail: (m: string) => AwsError,
): string {
  return checkMember(params, { ...rule, required: true }, fail) as string;
}

/** An integer member in [min, max]; undefined when absent. */
export function integerMember(
  params: QueryParams,
  key: string,
  min: number,
  max: number,
  fail: (m: string) => AwsError,
): number | undefined {
  const text = params.string(key);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value))
    throw fail(
      `1 validation error detected: Value '${text}' at '${lowerFirst(key)}' failed to satisfy constraint: Member must be an integer`,
    );
  if (value < min)
    throw fail(constraintFailure(text, key, `Member must have value greater than or equal to ${min}`));
  if (value > max)
    throw fail(constraintFailure(text, key, `Member must have value less than or equal to ${max}`));
  return value;
}
