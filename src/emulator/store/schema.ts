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
  // 2: the agent runtime's sessions (src/emulator/runtime/sessions.ts), one row per agent alias and session id.
  `
  CREATE TABLE runtime_sessions (
    agent_id   TEXT NOT NULL,
    alias_id   TEXT NOT NULL,
    session_id TEXT NOT NULL,
    doc        TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (agent_id, alias_id, session_id)
  );
  `,
  // 3: IAM, Lambda and SNS (iam/, lambda/, sns/). Names are unique per table:
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
  // 4: Step Functions (step-functions/): state machines, executions (the interpreter's
  // whole serializable state in `doc`, with the columns timers, claims and lists need)
  // and their history, one row per event.
  `
  CREATE TABLE sfn_state_machines (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    arn  TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    doc  TEXT NOT NULL
  );
  CREATE TABLE sfn_executions (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    arn               TEXT NOT NULL UNIQUE,
    state_machine_arn TEXT NOT NULL,
    name              TEXT NOT NULL,
    status            TEXT NOT NULL,
    start_date        INTEGER NOT NULL,
    stop_date         INTEGER,
    redrive_count     INTEGER NOT NULL DEFAULT 0,
    input             TEXT NOT NULL,
    definition        TEXT NOT NULL,
    doc               TEXT NOT NULL,
    version           INTEGER NOT NULL,
    wake_at           INTEGER,
    dispatching       INTEGER NOT NULL DEFAULT 0,
    lease_owner       TEXT,
    lease_until       INTEGER
  );
  CREATE INDEX sfn_executions_by_machine ON sfn_executions (state_machine_arn, seq);
  CREATE INDEX sfn_executions_by_wake ON sfn_executions (wake_at) WHERE wake_at IS NOT NULL;
  CREATE INDEX sfn_executions_dispatching ON sfn_executions (lease_until) WHERE dispatching = 1;
  CREATE TABLE sfn_history (
    execution_arn TEXT NOT NULL,
    id            INTEGER NOT NULL,
    doc           TEXT NOT NULL,
    PRIMARY KEY (execution_arn, id)
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
  "runtime_sessions",
  "iam_roles",
  "iam_role_policies",
  "iam_attached_policies",
  "lambda_functions",
  "lambda_code",
  "sns_topics",
  "sns_outbox",
  "sfn_state_machines",
  "sfn_executions",
  "sfn_history",
];
