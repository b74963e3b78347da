import type { Style } from "../io/style.js";

/** How much the renderer shows: one line per step, the steps (default), or everything incl. prompts. */
export type TraceDetail = "outline" | "steps" | "full";
export const TRACE_DETAILS: readonly TraceDetail[] = ["outline", "steps", "full"];

/**
 * One member of the runtime's ResponseStream union as the JS SDK yields it (`{chunk}`, `{trace}`,
 * `{returnControl}`, `{files}`, an exception member) — or anything else: the renderer reads every
 * field defensively, because streams come from files, future SDKs and other emulators.
 */
export type StreamEvent = Readonly<Record<string, unknown>>;

export interface TraceRendererOptions {
  detail: TraceDetail;
  /** Columns available; lines are wrapped to it (at least 40 are assumed). */
  width: number;
  style: Style;
  /**
   * Show the answer assembled from `chunk` events (default true). `invoke` streams the answer to
   * stdout itself and turns this off so the text is not printed twice.
   */
  showAnswer?: boolean;
}

export interface TraceRenderer {
  /** The lines this event adds (possibly none: chunks are gathered until something else arrives). */
  push(event: StreamEvent): string[];
  /** Whatever is still buffered, then the closing summary (steps, tool calls, tokens, time). */
  end(): string[];
  /** The figures of the summary, for --json results. */
  summary(): TraceSummary;
}

export interface TraceSummary {
  /** Orchestration steps (distinct trace ids), collaborators' included. */
  steps: number;
  modelCalls: number;
  toolCalls: number;
  knowledgeBaseLookups: number;
  collaboratorCalls: number;
  inputTokens: number;
  outputTokens: number;
  guardrailInterventions: number;
  failures: number;
  /** Wall time the service reported (or the span of event times), when known. */
  totalTimeMs?: number;
  events: number;
}
