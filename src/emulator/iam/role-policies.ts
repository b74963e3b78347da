import type { AccountContext } from "../account/context.js";
import { checkMember } from "../aws-query/input.js";
import type { QueryOperation } from "../aws-query/service.js";
import { invalidInput, limitExceeded, noSuchEntity, validationError } from "./errors.js";
import { maxItemsOf, policyArnOf, policyDocumentOf, policyNameOf, quotaLength, roleNameOf } from "./input.js";
import { pageOf } from "./pagination.js";
import { urlEncodePolicy } from "./role-shape.js";
import { requireRole, settlesAt } from "./roles.js";
import { IamTables } from "./store.js";

/** A role's inline policies together, white space not counted [D IAM quotas]. */
export const INLINE_POLICY_QUOTA = 10_240;
/** Managed policies per role, default quota [D]. */
export const ATTACHED_POLICY_QUOTA = 10;

const MANAGED_POLICY_ARN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/(.+\/)?[\w+=,.@-]+$/;

const tables = (ctx: AccountContext): IamTables => new IamTables(ctx.db);

export const ROLE_POLICY_OPERATIONS: Record<string, QueryOperation<AccountContext>> = {
  PutRolePolicy: {
    mode: "write",
    run(ctx, params) {
      const roleName = roleNameOf(params);
      const policyName = policyNameOf(params);
      const document = policyDocumentOf(params, "PolicyDocument", "identity");
      const role = requireRole(ctx, roleName);
      const t = tables(ctx);
      const others = t.policies(role.RoleName).filter((p) => p.name !== policyName);
      const total = others.reduce((sum, p) => sum + quotaLength(p.document), quotaLength(document));
      if (total > INLINE_POLICY_QUOTA)
        throw limitExceeded(
          `Maximum policy size of ${INLINE_POLICY_QUOTA} bytes exceeded for role ${role.RoleName}`,
        );
      t.putPolicy(role.RoleName, policyName, document);
      role.settlesAt = settlesAt(ctx);
      t.updateRole(role);
      return undefined;
    },
  },
  GetRolePolicy: {
    mode: "read",
    run(ctx, params) {
      const roleName = roleNameOf(params);
      const policyName = policyNameOf(params);
      const role = requireRole(ctx, roleName);
      const document = tables(ctx).getPolicy(role.RoleName, policyName);
      if (document === undefined)
        throw noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
      return { RoleName: role.RoleName, PolicyName: policyName, PolicyDocument: urlEncodePolicy(document) };
    },
  },
  ListRolePolicies: {
    mode: "read",
    run(ctx, params) {
      const role = requireRole(ctx, roleNameOf(params));
      const names = tables(ctx)
        .policies(role.RoleName)
        .map((p) => p.name);
      const { page, IsTruncated, Marker } = pageOf(names, params.string("Marker"), maxItemsOf(params));
      return { PolicyNames: page, IsTruncated, Marker };
    },
  },
  DeleteRolePolicy: {
    mode: "write",
    run(ctx, params) {
      const roleName = roleNameOf(params);
      const policyName = policyNameOf(params);
      const role = requireRole(ctx, roleName);
      if (!tables(ctx).deletePolicy(role.RoleName, policyName))
        throw noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
      return undefined;
    },
  },
  AttachRolePolicy: {
    mode: "write",
    run(ctx, params) {
      const roleName = roleNameOf(params);
      const policyArn = policyArnOf(params);
      // Managed policies are not modelled: any well-formed policy ARN is taken to exist (SPEC.md).
      if (!MANAGED_POLICY_ARN.test(policyArn)) throw invalidInput(`ARN ${policyArn} is not valid.`);
      const role = requireRole(ctx, roleName);
      const t = tables(ctx);
      const attached = t.attached(role.RoleName);
      if (!attached.includes(policyArn)) {
        if (attached.length >= ATTACHED_POLICY_QUOTA)
          throw limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${ATTACHED_POLICY_QUOTA}`);
        t.attach(role.RoleName, policyArn);
        role.settlesAt = settlesAt(ctx);
        t.updateRole(role);
      }
      return undefined;
    },
  },
  DetachRolePolicy: {
    mode: "write",
    run(ctx, params) {
      const roleName = roleNameOf(params);
      const policyArn = policyArnOf(params);
      const role = requireRole(ctx, roleName);
      if (!tables(ctx).detach(role.RoleName, policyArn))
        throw noSuchEntity(`Policy ${policyArn} was not found.`);
      return undefined;
    },
  },
  ListAttachedRolePolicies: {
    mode: "read",
    run(ctx, params) {
      const role = requireRole(ctx, roleNameOf(params));
      const prefix = checkMember(params, { key: "PathPrefix", min: 1, max: 512 }, validationError) ?? "/";
      const attached = tables(ctx)
        .attached(role.RoleName)
        .map((arn) => {
          const resource = arn.slice(arn.indexOf(":policy") + ":policy".length);
          const cut = resource.lastIndexOf("/");
          return { path: resource.slice(0, cut + 1), PolicyName: resource.slice(cut + 1), PolicyArn: arn };
        })
        .filter((p) => p.path.startsWith(prefix));
      const { page, IsTruncated, Marker } = pageOf(attached, params.string("Marker"), maxItemsOf(params));
      return {
        AttachedPolicies: page.map((p) => ({ PolicyName: p.PolicyName, PolicyArn: p.PolicyArn })),
        IsTruncated,
        Marker,
      };
    },
  },
};
