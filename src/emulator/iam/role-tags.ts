import type { AccountContext } from "../account/context.js";
import type { QueryOperation } from "../aws-query/service.js";
import { validationError } from "./errors.js";
import { maxItemsOf, roleNameOf } from "./input.js";
import { pageOf } from "./pagination.js";
import { requireRole } from "./roles.js";
import { IamTables } from "./store.js";
import { mergeTags, tagsOf } from "./tags.js";

export const ROLE_TAG_OPERATIONS: Record<string, QueryOperation<AccountContext>> = {
  TagRole: {
    mode: "write",
    run(ctx, params) {
      const roleName = roleNameOf(params);
      if (!params.present("Tags"))
        throw validationError(
          "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
        );
      const tags = tagsOf(params);
      const role = requireRole(ctx, roleName);
      role.Tags = mergeTags(role.Tags, tags);
      new IamTables(ctx.db).updateRole(role);
      return undefined;
    },
  },
  UntagRole: {
    mode: "write",
    run(ctx, params) {
      const roleName = roleNameOf(params);
      if (!params.present("TagKeys"))
        throw validationError(
          "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
        );
      const keys = new Set(params.list("TagKeys").map((k) => k.toLowerCase()));
      const role = requireRole(ctx, roleName);
      role.Tags = role.Tags.filter((t) => !keys.has(t.Key.toLowerCase()));
      new IamTables(ctx.db).updateRole(role);
      return undefined;
    },
  },
  ListRoleTags: {
    mode: "read",
    run(ctx, params) {
      const role = requireRole(ctx, roleNameOf(params));
      const { page, IsTruncated, Marker } = pageOf(role.Tags, params.string("Marker"), maxItemsOf(params));
      return { Tags: page.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated, Marker };
    },
  },
};
