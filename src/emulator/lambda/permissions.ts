import { randomUUID } from "node:crypto";
import type { AccountContext } from "../account/context.js";
import { AwsError } from "../aws-error.js";
import {
  invalidParameter,
  lambdaNotFound,
  lambdaValidation,
  preconditionFailed,
  resourceConflict,
} from "./errors.js";
import { requireFunction } from "./functions.js";
import { type LambdaOperation, queryString } from "./operation.js";
import { LambdaTables, type PolicyStatement, type StoredFunction } from "./store.js";

/** Lambda's resource-policy size limit (20 KB [D quotas]). */
const POLICY_LIMIT_BYTES = 20 * 1024;

function stringMember(
  body: Record<string, unknown>,
  key: string,
  member: string,
  pattern?: RegExp,
): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || (pattern && !pattern.test(value)))
    throw lambdaValidation(
      `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern?.source ?? ".*"}`,
    );
  return value;
}

function requiredString(
  body: Record<string, unknown>,
  key: string,
  member: string,
  pattern?: RegExp,
): string {
  const value = stringMember(body, key, member, pattern);
  if (value === undefined)
    throw lambdaValidation(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

/** How Lambda writes a principal in the statement: services as Service, accounts as their root ARN [D access-control-resource-based]. */
function principalOf(principal: string): unknown {
  if (principal === "*") return "*";
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith("arn:")) return { AWS: principal };
  return { Service: principal };
}

/**
 * The statement AddPermission adds, in the form GetPolicy returns (§2.3):
 * Sid, Effect, Principal, Action, Resource, then Condition with `AWS:`-prefixed
 * keys, StringEquals before ArnLike as in Lambda's own examples.
 */
function statementFrom(body: Record<string, unknown>, resource: string): PolicyStatement {
  const sid = requiredString(body, "StatementId", "statementId", /^([a-zA-Z0-9-_.]+)$/);
  if (sid.length > 100)
    throw lambdaValidation(
      `1 validation error detected: Value '${sid}' at 'statementId' failed to satisfy constraint: Member must have length less than or equal to 100`,
    );
  const action = requiredString(body, "Action", "action", /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/);
  const principal = requiredString(body, "Principal", "principal", /^[^\s]+$/);
  const sourceAccount = stringMember(body, "SourceAccount", "sourceAccount", /^\d{12}$/);
  const sourceArn = stringMember(
    body,
    "SourceArn",
    "sourceArn",
    /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/,
  );
  const orgId = stringMember(body, "PrincipalOrgID", "principalOrgID", /^o-[a-z0-9]{10,32}$/);
  const eventSourceToken = stringMember(body, "EventSourceToken", "eventSourceToken");
  const urlAuthType = stringMember(body, "FunctionUrlAuthType", "functionUrlAuthType", /^(NONE|AWS_IAM)$/);
  const equals: Record<string, string> = {};
  if (sourceAccount !== undefined) equals["AWS:SourceAccount"] = sourceAccount;
  if (orgId !== undefined) equals["aws:PrincipalOrgID"] = orgId;
  if (eventSourceToken !== undefined) equals["lambda:EventSourceToken"] = eventSourceToken;
  if (urlAuthType !== undefined) equals["lambda:FunctionUrlAuthType"] = urlAuthType;
  const condition: Record<string, Record<string, string>> = {};
  if (Object.keys(equals).length > 0) condition.StringEquals = equals;
  if (sourceArn !== undefined) condition.ArnLike = { "AWS:SourceArn": sourceArn };
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: principalOf(principal),
    Action: action,
    Resource: resource,
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

const policyDocument = (fn: StoredFunction): string =>
  JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: fn.policy });

function checkRevision(fn: StoredFunction, revision: unknown): void {
  if (revision !== undefined && revision !== null && revision !== fn.RevisionId) throw preconditionFailed();
}

/** Versions and aliases are not emulated, so a resource policy exists only on $LATEST (SPEC.md). */
function rejectQualifier(fnArn: string, qualifier: string | undefined): void {
  if (qualifier === undefined) return;
  if (qualifier === "$LATEST")
    throw invalidParameter("We currently do not support adding policies for $LATEST.");
  throw lambdaNotFound(`Function not found: ${fnArn}:${qualifier}`);
}

export const PERMISSION_OPERATIONS: Record<string, LambdaOperation> = {
  AddPermission: {
    mode: "write",
    run(ctx: AccountContext, input) {
      const qualifier = queryString(input.query, "Qualifier");
      const fn = requireFunction(ctx, { functionName: input.functionName, query: {} });
      rejectQualifier(fn.FunctionArn, qualifier);
      const statement = statementFrom(input.body, fn.FunctionArn);
      checkRevision(fn, input.body.RevisionId);
      if (fn.policy.some((s) => s.Sid === statement.Sid))
        throw resourceConflict(
          `The statement id (${String(statement.Sid)}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
        );
      fn.policy.push(statement);
      const size = Buffer.byteLength(policyDocument(fn));
      if (size > POLICY_LIMIT_BYTES)
        throw new AwsError(
          "PolicyLengthExceededException",
          400,
          `The final policy size (${size}) is bigger than the limit (${POLICY_LIMIT_BYTES}).`,
        );
      fn.RevisionId = randomUUID();
      new LambdaTables(ctx.db).update(fn);
      return { status: 201, body: { Statement: JSON.stringify(statement) } };
    },
  },
  GetPolicy: {
    mode: "read",
    run(ctx, input) {
      const qualifier = queryString(input.query, "Qualifier");
      const fn = requireFunction(ctx, { functionName: input.functionName, query: {} });
      if (qualifier !== undefined && qualifier !== "$LATEST") rejectQualifier(fn.FunctionArn, qualifier);
      if (fn.policy.length === 0) throw lambdaNotFound("The resource you requested does not exist.");
      return { status: 200, body: { Policy: policyDocument(fn), RevisionId: fn.RevisionId } };
    },
  },
  RemovePermission: {
    mode: "write",
    run(ctx, input) {
      const qualifier = queryString(input.query, "Qualifier");
      const fn = requireFunction(ctx, { functionName: input.functionName, query: {} });
      rejectQualifier(fn.FunctionArn, qualifier);
      checkRevision(fn, queryString(input.query, "RevisionId"));
      const index = fn.policy.findIndex((s) => s.Sid === input.label);
      if (index < 0) throw lambdaNotFound(`Statement ${input.label} is not found in resource policy.`);
      fn.policy.splice(index, 1);
      fn.RevisionId = randomUUID();
      new LambdaTables(ctx.db).update(fn);
      return { status: 204 };
    },
  },
};
