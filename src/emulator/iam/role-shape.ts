import { randomBytes } from "node:crypto";
import { isoSeconds, type XmlValue } from "../aws-query/xml.js";
import type { StoredRole } from "./store.js";

/**
 * IAM returns policy documents RFC 3986 URL-encoded (GetRole, GetRolePolicy
 * and, in practice, CreateRole; aws-iam-sts-lambda-sns.md §2.1): JS shows the
 * encoded string, boto3 decodes it to a dict. encodeURIComponent leaves
 * !'()* alone, which RFC 3986 reserves, so those are escaped too.
 */
export function urlEncodePolicy(document: string): string {
  return encodeURIComponent(document).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** `AROA` + 17 characters, 21 in all, like real role ids [D reference_identifiers]. */
export function newRoleId(): string {
  const bytes = randomBytes(17);
  let id = "AROA";
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length];
  return id;
}

export const roleArn = (accountId: string, path: string, roleName: string): string =>
  `arn:aws:iam::${accountId}:role${path}${roleName}`;

export type RoleView = "full" | "create" | "list";

/**
 * The `Role` structure. GetRole carries everything including an empty
 * RoleLastUsed (the emulator never records use); ListRoles leaves out tags,
 * the permissions boundary and RoleLastUsed, as IAM documents.
 */
export function roleXml(role: StoredRole, view: RoleView): XmlValue {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: isoSeconds(role.CreateDate),
    AssumeRolePolicyDocument: urlEncodePolicy(role.AssumeRolePolicyDocument),
    Description: role.Description,
    MaxSessionDuration: role.MaxSessionDuration,
    PermissionsBoundary:
      view !== "list" && role.PermissionsBoundaryArn
        ? { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: role.PermissionsBoundaryArn }
        : undefined,
    Tags:
      view !== "list" && role.Tags.length > 0
        ? role.Tags.map((t) => ({ Key: t.Key, Value: t.Value }))
        : undefined,
    RoleLastUsed: view === "full" ? {} : undefined,
  };
}
