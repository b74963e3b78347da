/**
 * The interpreter's data model. Everything an execution is — where each branch
 * stands, its retry counters, variables, pending tasks and timers — is a plain
 * JSON value (`ExecutionState`), so it can be persisted after every transition
 * and resumed by another process. Nothing here holds a closure or a promise.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

/** A task waiting for its integration's answer or for SendTaskSuccess/Failure. */
export interface PendingTask {
  /** Unique per attempt: an answer for an older attempt is ignored. */
  id: string;
  resource: string;
  /** The effective parameters the integration was called with. */
  parameters: Json;
  /** `dispatch`: the integration's call is under way; `token`: waiting for SendTask*. */
  awaiting: "dispatch" | "token";
  /** Only for `.waitForTaskToken` tasks. */
  token?: string;
  timeoutAt?: number;
  heartbeatSeconds?: number;
  heartbeatAt?: number;
}

/** A Map's iterations or a Parallel's branches. */
export interface ChildGroup {
  kind: "map" | "parallel";
  /** Map: the items not yet started, and their indexes. */
  pendingItems: Json[];
  pendingIndexes: number[];
  /** Indexes of the children that succeeded (a redrive reruns only the others). */
  succeeded: number[];
  total: number;
  /** 0 = no limit. */
  maxConcurrency: number;
  running: string[];
  results: Json[];
  failedCount: number;
  toleratedCount?: number;
  toleratedPercentage?: number;
  /** Set when the group failed; remaining children are abandoned. */
  failure?: { error: string; cause: string };
}

export interface PriorGroup {
  results: Json[];
  succeeded: number[];
}

export type FramePhase = "enter" | "wait" | "retry" | "task" | "children";

/** One running (sub)machine: the top level, a Parallel branch or a Map iteration. */
export interface Frame {
  id: string;
  parentId?: string;
  /** Branch or iteration index within the parent. */
  index?: number;
  /** Path in the definition to the object holding StartAt/States. */
  path: (string | number)[];
  /** Query language inherited by the states of this (sub)machine. */
  language: QueryLanguage;
  state: string;
  phase: FramePhase;
  /** The state's raw input (what its StateEntered event recorded). */
  input: Json;
  /** Effective input for Task/Map/Parallel once computed. */
  effective?: Json;
  enteredAt: number;
  /** The last history event on this frame's chain, for previousEventId. */
  prev: number;
  /** Attempts used per retrier, reset on entering a state. */
  retries: number[];
  /** Variables declared in this scope; lookups walk up to the parent frames. */
  vars: JsonObject;
  /** Map iteration: the item, for $$.Map.Item. */
  item?: { index: number; value: Json };
  wakeAt?: number;
  task?: PendingTask;
  group?: ChildGroup;
  /** A Map's or Parallel's children as they stood when it failed or was stopped, for a redrive. */
  lastGroup?: PriorGroup;
  /** Set by a redrive: the successful children to keep instead of running them again. */
  redriveFrom?: PriorGroup;
  /** A retried task's error, kept while the retry timer runs. */
  lastError?: { error: string; cause: string };
  done?: FrameOutcome;
}

export type FrameOutcome = { ok: true; output: Json } | { ok: false; error: string; cause: string };

export type QueryLanguage = "JSONPath" | "JSONata";

export interface ExecutionState {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  roleArn: string;
  /** ISO-8601, as $$.Execution.StartTime. */
  startTime: string;
  input: Json;
  redriveCount: number;
  /** Epoch ms of the last redrive. */
  redriveTime?: number;
  status: ExecutionStatus;
  output?: Json;
  error?: string;
  cause?: string;
  stopTime?: number;
  timeoutAt?: number;
  /** Frames by id; the top level is "0". */
  frames: Record<string, Frame>;
  nextEventId: number;
  /** Source of unique ids for frames, tasks and tokens within the execution. */
  counter: number;
  /** Tokens whose task timed out, so SendTask* can answer TaskTimedOut rather than TaskDoesNotExist. */
  timedOutTokens: string[];
  /** Bumped by every committed transition; optimistic concurrency across processes. */
  version: number;
}

export interface HistoryEvent {
  timestamp: number;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: unknown;
}

/** What an integration returned, or how it failed (an AWS error name and cause). */
export type TaskOutcome = { ok: true; output: Json } | { ok: false; error: string; cause?: string };
