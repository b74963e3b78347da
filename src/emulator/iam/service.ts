import type { AccountContext } from "../account/context.js";
import { queryService } from "../aws-query/service.js";
import type { Service } from "../server/service.js";
import { translateIamError } from "./errors.js";
import { ROLE_POLICY_OPERATIONS } from "./role-policies.js";
import { ROLE_TAG_OPERATIONS } from "./role-tags.js";
import { ROLE_OPERATIONS } from "./roles.js";

export const IAM_VERSION = "2010-05-08";
export const IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

/** IAM (awsQuery): roles, their inline and attached policies, and their tags. */
export function iamService(ctx: AccountContext): Service {
  return queryService(ctx, {
    title: "IAM",
    version: IAM_VERSION,
    namespace: IAM_NAMESPACE,
    operations: { ...ROLE_OPERATIONS, ...ROLE_POLICY_OPERATIONS, ...ROLE_TAG_OPERATIONS },
    translate: translateIamError,
    db: (c) => c.db,
  });
}
