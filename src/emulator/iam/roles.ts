import type { AccountContext } from "../account/context.js";
import { checkMember, integerMember } from "../aws-query/input.js";
import type { QueryOperation } from "../aws-query/service.js";
import { alreadyExists, deleteConflict, limitExceeded, roleNotFound, validationError } from "./errors.js";
import { maxItemsOf, pathOf, policyDocumentOf, quotaLength, roleNameOf } from "./input.js";
import { pageOf } from "./pagination.js";
import { newRoleId, roleArn, roleXml } from "./role-shape.js";
import { IamTables, type StoredRole } from "./store.js";
import { tagsOf } from "./tags.js";

/** Believed default quota for a trust policy (aws-iam-sts-lambda-sns.md §6: unverified; enforced as the safer choice). */
export const TRUST_POLICY_QUOTA = 2048;

const tables = (ctx: AccountContext): IamTables => new IamTables(ctx.db);

export function requireRole(ctx: AccountContext, roleName: string): StoredRole {
  const role = tables(ctx).getRole(roleName);
  if (!role) throw roleNotFound(roleName);
  return role;
}

function checkTrustQuota(document: string): void {
  if (quotaLength(document) > TRUST_POLICY_QUOTA)
    throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`);
}

/** The moment a change made now reaches the services that assume roles (§3). */
export const settlesAt = (ctx: AccountContext): number => ctx.now() + ctx.iamPropagationMs;

const descriptionOf = (params: Parameters<QueryOperation<AccountContext>["run"]>[1]) =>
  checkMember(
    params,
    { key: "Description", max: 1000, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*" },
    validationError,
  );

const maxSessionOf = (params: Parameters<QueryOperation<AccountContext>["run"]>[1]) =>
  integerMember(params, "MaxSessionDuration", 3600, 43200, validationError);

export const ROLE_OPERATIONS: Record<string, QueryOperation<AccountContext>> = {
  CreateRole: {
    mode: "write",
    run(ctx, params) {
      const roleName = roleNameOf(params);
      const path = pathOf(params, "Path") ?? "/";
      const trust = policyDocumentOf(params, "AssumeRolePolicyDocument", "trust");
      const description = descriptionOf(params);
      const maxSession = maxSessionOf(params) ?? 3600;
      const boundary = checkMember(
        params,
        { key: "PermissionsBoundary", min: 20, max: 2048 },
        validationError,
      );
      const tags = tagsOf(params);
      checkTrustQuota(trust);
      const existing = tables(ctx).getRole(roleName);
      if (existing) throw alreadyExists(`Role with name ${existing.RoleName} already exists.`);
      const role: StoredRole = {
        Path: path,
        RoleName: roleName,
        RoleId: newRoleId(),
        Arn: roleArn(ctx.accountId, path, roleName),
        CreateDate: ctx.now(),
        AssumeRolePolicyDocument: trust,
        ...(description !== undefined ? { Description: description } : {}),
        MaxSessionDuration: maxSession,
        ...(boundary !== undefined ? { PermissionsBoundaryArn: boundary } : {}),
        Tags: tags,
        settlesAt: settlesAt(ctx),
      };
      tables(ctx).insertRole(role);
      return { Role: roleXml(role, "create") };
    },
  },
  GetRole: {
    mode: "read",
    run(ctx, params) {
      return { Role: roleXml(requireRole(ctx, roleNameOf(params)), "full") };
    },
  },
  ListRoles: {
    mode: "read",
    run(ctx, params) {
      const prefix = pathOf(params, "PathPrefix") ?? "/";
      const roles = tables(ctx)
        .allRoles()
        .filter((r) => r.Path.startsWith(prefix));
      const { page, IsTruncated, Marker } = pageOf(roles, params.string("Marker"), maxItemsOf(params));
      return { Roles: page.map((r) => roleXml(r, "list")), IsTruncated, Marker };
    },
  },
  UpdateRole: {
    mode: "write",
    run(ctx, params) {
      const role = requireRole(ctx, roleNameOf(params));
      const description = descriptionOf(params);
      const maxSession = maxSessionOf(params);
      if (description !== undefined) role.Description = description;
      if (maxSession !== undefined) role.MaxSessionDuration = maxSession;
      tables(ctx).updateRole(role);
      return {};
    },
  },
  UpdateAssumeRolePolicy: {
    mode: "write",
    run(ctx, params) {
      const roleName = roleNameOf(params);
      const trust = policyDocumentOf(params, "PolicyDocument", "trust");
      checkTrustQuota(trust);
      const role = requireRole(ctx, roleName);
      role.AssumeRolePolicyDocument = trust;
      role.settlesAt = settlesAt(ctx);
      tables(ctx).updateRole(role);
      return undefined;
    },
  },
  DeleteRole: {
    mode: "write",
    run(ctx, params) {
      const role = requireRole(ctx, roleNameOf(params));
      const t = tables(ctx);
      if (t.policies(role.RoleName).length > 0)
        throw deleteConflict("Cannot delete entity, must delete policies first.");
      if (t.attached(role.RoleName).length > 0)
        throw deleteConflict("Cannot delete entity, must detach all policies first.");
      t.deleteRole(role.RoleName);
      return undefined;
    },
  },
};
