/**
 * Schema migrations, applied in order inside one transaction each. The version
 * reached is kept in `PRAGMA user_version`, so an older emulator never has to
 * guess what a newer one created. Append migrations; never edit a released one.
 *
 * Every resource table has the same layout: `scope` groups siblings
 * (`agentId`, or `agentId/version`), `id` identifies a resource within its scope,
 * `name` supports uniqueness checks, `doc` is the resource as JSON, and `seq`
 * gives a stable creation order for listing and keyset pagination.
 */
export const RESOURCE_TABLES = [
  "agents",
  "agent_versions",
  "action_groups",
  "agent_aliases",
  "agent_collaborators",
  "agent_knowledge_bases",
] as const;
export type ResourceTable = (typeof RESOURCE_TABLES)[number];

const resourceTable = (table: ResourceTable): string => `
  CREATE TABLE ${table} (
    seq   INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL,
    id    TEXT NOT NULL,
    name  TEXT NOT NULL,
    doc   TEXT NOT NULL,
    UNIQUE (scope, id)
  );
  CREATE INDEX ${table}_by_name ON ${table} (scope, name);
`;

export const MIGRATIONS: readonly string[] = [
  `
  ${RESOURCE_TABLES.map(resourceTable).join("\n")}
  CREATE TABLE tags (
    resource_arn TEXT PRIMARY KEY,
    tags         TEXT NOT NULL
  );
  CREATE TABLE idempotency_tokens (
    operation   TEXT NOT NULL,
    scope       TEXT NOT NULL,
    token       TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    resource    TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (operation, scope, token)
  );
  CREATE TABLE pending_transitions (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id TEXT NOT NULL,
    kind     TEXT NOT NULL,
    due_at   INTEGER NOT NULL,
    payload  TEXT NOT NULL
  );
  CREATE INDEX pending_transitions_by_due ON pending_transitions (due_at);
  CREATE INDEX pending_transitions_by_agent ON pending_transitions (agent_id);
  CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  `,
  // IAM, Lambda and SNS (iam/, lambda/, sns/). Names are unique per table:
  // roles case-insensitively (name_key is the lower-cased RoleName), functions
  // and topics exactly. Documents are kept exactly as the caller sent them.
  `
  CREATE TABLE iam_roles (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    name_key TEXT NOT NULL UNIQUE,
    doc      TEXT NOT NULL
  );
  CREATE TABLE iam_role_policies (
    role_key    TEXT NOT NULL,
    policy_name TEXT NOT NULL,
    document    TEXT NOT NULL,
    PRIMARY KEY (role_key, policy_name)
  );
  CREATE TABLE iam_attached_policies (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    role_key   TEXT NOT NULL,
    policy_arn TEXT NOT NULL,
    UNIQUE (role_key, policy_arn)
  );
  CREATE TABLE lambda_functions (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT NOT NULL UNIQUE,
    code_sha TEXT NOT NULL,
    doc      TEXT NOT NULL
  );
  CREATE TABLE lambda_code (
    sha256 TEXT PRIMARY KEY,
    zip    BLOB NOT NULL
  );
  CREATE TABLE sns_topics (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    arn  TEXT NOT NULL UNIQUE,
    doc  TEXT NOT NULL
  );
  CREATE TABLE sns_outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id   TEXT NOT NULL UNIQUE,
    topic_arn    TEXT NOT NULL,
    published_at INTEGER NOT NULL,
    doc          TEXT NOT NULL
  );
  `,
];

/** Every table holding state, for reset. */
export const STATE_TABLES: readonly string[] = [
  ...RESOURCE_TABLES,
  "tags",
  "idempotency_tokens",
  "pending_transitions",
  "counters",
  "iam_roles",
  "iam_role_policies",
  "iam_attached_policies",
  "lambda_functions",
  "lambda_code",
  "sns_topics",
  "sns_outbox",
];
