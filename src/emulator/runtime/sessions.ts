/**
 * InvokeAgent sessions, in SQLite so separate processes (two CLI invocations, a `local serve`)
 * continue one conversation. A session lives until the agent's idleSessionTTLInSeconds passes
 * without a call, or a call with endSession (aws-behaviour.md §4.6).
 */
import type { Database } from "../store/database.js";
import type { Invocation } from "./invocation.js";
import type { ConversationMessage, StepRecord } from "./models/types.js";

/** A turn stopped at a returnControl event, waiting for the caller's results. */
export interface PendingTurn {
  invocationId: string;
  inputText: string;
  traceBase: string;
  /** The orchestration step that emitted returnControl. */
  stepIndex: number;
  steps: StepRecord[];
  /** The calls handed to the caller, in the order of invocationInputs. */
  awaiting: {
    invocation: Invocation;
    actionInvocationType: "RESULT" | "USER_CONFIRMATION" | "USER_CONFIRMATION_AND_RESULT";
  }[];
  promptSessionAttributes: Record<string, string>;
  startedAt: string;
}

export interface SessionDoc {
  sessionAttributes: Record<string, string>;
  history: ConversationMessage[];
  pending?: PendingTurn;
  /** collaboratorName → the session id the collaborator runs under for this conversation. */
  collaboratorSessions?: Record<string, string>;
}

export interface SessionKey {
  agentId: string;
  agentAliasId: string;
  sessionId: string;
}

export class SessionStore {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** The live session, or undefined when there is none or it idled out (then it is gone). */
  load(key: SessionKey, now: number): SessionDoc | undefined {
    const row = this.db
      .statement(
        "SELECT doc, expires_at FROM runtime_sessions WHERE agent_id = ? AND alias_id = ? AND session_id = ?",
      )
      .get(key.agentId, key.agentAliasId, key.sessionId) as { doc: string; expires_at: number } | undefined;
    if (!row) return undefined;
    if (Number(row.expires_at) <= now) {
      this.delete(key);
      return undefined;
    }
    return JSON.parse(row.doc) as SessionDoc;
  }

  save(key: SessionKey, doc: SessionDoc, now: number, idleTtlSeconds: number): void {
    this.db
      .statement(
        `INSERT INTO runtime_sessions (agent_id, alias_id, session_id, doc, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (agent_id, alias_id, session_id) DO UPDATE SET doc = excluded.doc, expires_at = excluded.expires_at`,
      )
      .run(key.agentId, key.agentAliasId, key.sessionId, JSON.stringify(doc), now + idleTtlSeconds * 1000);
  }

  delete(key: SessionKey): void {
    this.db
      .statement("DELETE FROM runtime_sessions WHERE agent_id = ? AND alias_id = ? AND session_id = ?")
      .run(key.agentId, key.agentAliasId, key.sessionId);
  }
}
