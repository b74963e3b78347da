import type { Database } from "../store/database.js";

export interface RoleTag {
  Key: string;
  Value: string;
}

/** A role as kept: the GetRole shape plus when other services may assume it. */
export interface StoredRole {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  /** Epoch ms. */
  CreateDate: number;
  /** Exactly as the caller sent it (plain JSON text). */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  PermissionsBoundaryArn?: string;
  Tags: RoleTag[];
  /** Epoch ms before which the last change has not reached other services (§3). */
  settlesAt: number;
}

export const roleKey = (roleName: string): string => roleName.toLowerCase();

/** IAM's tables (schema.ts migration 2). Roles are keyed case-insensitively, as IAM does. */
export class IamTables {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  getRole(roleName: string): StoredRole | undefined {
    const row = this.db.statement("SELECT doc FROM iam_roles WHERE name_key = ?").get(roleKey(roleName)) as
      | { doc: string }
      | undefined;
    return row ? (JSON.parse(row.doc) as StoredRole) : undefined;
  }

  insertRole(role: StoredRole): void {
    this.db
      .statement("INSERT INTO iam_roles (name_key, doc) VALUES (?, ?)")
      .run(roleKey(role.RoleName), JSON.stringify(role));
  }

  updateRole(role: StoredRole): void {
    this.db
      .statement("UPDATE iam_roles SET doc = ? WHERE name_key = ?")
      .run(JSON.stringify(role), roleKey(role.RoleName));
  }

  deleteRole(roleName: string): void {
    this.db.statement("DELETE FROM iam_roles WHERE name_key = ?").run(roleKey(roleName));
  }

  /** Every role in creation order (accounts here hold a handful; pagination is done by the caller). */
  allRoles(): StoredRole[] {
    return (this.db.statement("SELECT doc FROM iam_roles ORDER BY seq").all() as { doc: string }[]).map(
      (row) => JSON.parse(row.doc) as StoredRole,
    );
  }

  getPolicy(roleName: string, policyName: string): string | undefined {
    const row = this.db
      .statement("SELECT document FROM iam_role_policies WHERE role_key = ? AND policy_name = ?")
      .get(roleKey(roleName), policyName) as { document: string } | undefined;
    return row?.document;
  }

  putPolicy(roleName: string, policyName: string, document: string): void {
    this.db
      .statement(
        "INSERT INTO iam_role_policies (role_key, policy_name, document) VALUES (?, ?, ?) ON CONFLICT (role_key, policy_name) DO UPDATE SET document = excluded.document",
      )
      .run(roleKey(roleName), policyName, document);
  }

  deletePolicy(roleName: string, policyName: string): boolean {
    const result = this.db
      .statement("DELETE FROM iam_role_policies WHERE role_key = ? AND policy_name = ?")
      .run(roleKey(roleName), policyName);
    return Number(result.changes) > 0;
  }

  /** Inline policies of a role, by name (IAM lists them alphabetically). */
  policies(roleName: string): { name: string; document: string }[] {
    return (
      this.db
        .statement(
          "SELECT policy_name, document FROM iam_role_policies WHERE role_key = ? ORDER BY policy_name",
        )
        .all(roleKey(roleName)) as { policy_name: string; document: string }[]
    ).map((row) => ({ name: row.policy_name, document: row.document }));
  }

  attached(roleName: string): string[] {
    return (
      this.db
        .statement("SELECT policy_arn FROM iam_attached_policies WHERE role_key = ? ORDER BY seq")
        .all(roleKey(roleName)) as { policy_arn: string }[]
    ).map((row) => row.policy_arn);
  }

  attach(roleName: string, policyArn: string): void {
    this.db
      .statement("INSERT OR IGNORE INTO iam_attached_policies (role_key, policy_arn) VALUES (?, ?)")
      .run(roleKey(roleName), policyArn);
  }

  detach(roleName: string, policyArn: string): boolean {
    const result = this.db
      .statement("DELETE FROM iam_attached_policies WHERE role_key = ? AND policy_arn = ?")
      .run(roleKey(roleName), policyArn);
    return Number(result.changes) > 0;
  }
}
