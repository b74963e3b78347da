/** What the agent loop needs from the emulator, and the state of one turn. */
import type { Store } from "../../store/index.js";
import type { FunctionInvoker } from "../actions/function-invoker.js";
import type { KnowledgeBaseRetriever } from "../knowledge-bases.js";
import type { ConversationMessage, ModelAdapter, StepRecord } from "../models/types.js";
import type { PendingTurn, SessionStore } from "../sessions.js";
import type { AgentSnapshot } from "../snapshot.js";
import type { Tool } from "../tools.js";
import type { TraceWriter } from "./traces.js";

export interface RuntimeContext {
  store: Store;
  sessions: SessionStore;
  functions: FunctionInvoker;
  /** The agent's model adapter; throws a StreamError when it has none or it cannot be built. */
  modelFor(snapshot: AgentSnapshot): ModelAdapter;
  knowledgeBases: KnowledgeBaseRetriever;
  now(): number;
  /** Orchestration steps per turn before the runtime gives up (a model that never answers). */
  maxSteps: number;
}

export interface Turn {
  snapshot: AgentSnapshot;
  tools: Tool[];
  model: ModelAdapter;
  trace: TraceWriter;
  sessionId: string;
  inputText: string;
  history: ConversationMessage[];
  sessionAttributes: Record<string, string>;
  promptSessionAttributes: Record<string, string>;
  steps: StepRecord[];
  /** UUID all trace ids of the turn start with: `<base>-<step>`, `<base>-pre-0`, `<base>-post-0`. */
  traceBase: string;
  stepIndex: number;
  startedMs: number;
  collaboratorSessions: Record<string, string>;
  /** 0 for the agent invoked; +1 per collaborator level. */
  depth: number;
}

export type TurnOutcome =
  | { kind: "answer"; text: string }
  | { kind: "returnControl"; payload: Record<string, unknown>; pending: PendingTurn };
