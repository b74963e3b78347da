import { Collection } from "./collection.js";
import { Database } from "./database.js";
import { CounterTable, TagTable, TokenTable } from "./side-tables.js";
import { TransitionTable } from "./transition-table.js";
import type {
  StoredActionGroup,
  StoredAgent,
  StoredAlias,
  StoredCollaborator,
  StoredKnowledgeBase,
  StoredVersion,
} from "./types.js";

export type { TagMap } from "./side-tables.js";
export type { StoredTransition } from "./transition-table.js";
export type * from "./types.js";

/** Every table of the emulator behind one connection. */
export class Store {
  readonly db: Database;
  readonly agents: Collection<StoredAgent>;
  readonly versions: Collection<StoredVersion>;
  readonly actionGroups: Collection<StoredActionGroup>;
  readonly aliases: Collection<StoredAlias>;
  readonly collaborators: Collection<StoredCollaborator>;
  readonly knowledgeBases: Collection<StoredKnowledgeBase>;
  readonly tags: TagTable;
  readonly tokens: TokenTable;
  readonly counters: CounterTable;
  readonly transitions: TransitionTable;

  constructor(path: string) {
    this.db = new Database(path);
    this.agents = new Collection(this.db, "agents");
    this.versions = new Collection(this.db, "agent_versions");
    this.actionGroups = new Collection(this.db, "action_groups");
    this.aliases = new Collection(this.db, "agent_aliases");
    this.collaborators = new Collection(this.db, "agent_collaborators");
    this.knowledgeBases = new Collection(this.db, "agent_knowledge_bases");
    this.tags = new TagTable(this.db);
    this.tokens = new TokenTable(this.db);
    this.counters = new CounterTable(this.db);
    this.transitions = new TransitionTable(this.db);
  }

  close(): void {
    this.db.close();
  }
}

/** Agents are stored under one scope; sub-resources under `agentId/version`. */
export const AGENT_SCOPE = "";
export const versionScope = (agentId: string, version: string): string => `${agentId}/${version}`;
