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
];

/** Every table holding state, for reset. */
export const STATE_TABLES: readonly string[] = [
  ...RESOURCE_TABLES,
  "tags",
  "idempotency_tokens",
  "pending_transitions",
  "counters",
  "runtime_sessions",
];
