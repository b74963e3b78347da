/**
 * What the renderer remembers between events: counters for the summary, the current step of
 * each agent (collaborators have their own), the answer being assembled from chunks, and the
 * pending one-line step of the outline view.
 */
import type { LineSink } from "./lines.js";
import type { TraceSummary } from "./types.js";

export interface AgentRef {
  /** Identifies the agent in the call chain (its alias ARN), so collaborators keep separate steps. */
  key: string;
  /** 0 for the agent invoked, 1 for its collaborators, … (from callerChain). */
  depth: number;
  /** A collaborator's name; undefined for the agent invoked. */
  label?: string;
}

export interface StepState {
  number: number;
  traceId?: string;
  /** Trace ids of knowledge-base answer generation, which belong to the step that looked up. */
  subTraceIds: Set<string>;
}

/** The parts of one step (or section) that the outline view puts on a single line. */
export interface OutlineStep {
  agent: AgentRef;
  title: string;
  parts: string[];
  continued: boolean;
}

export interface RenderState {
  summary: TraceSummary;
  steps: Map<string, StepState>;
  outline: Map<string, OutlineStep>;
  /** Per agent and section kind (pre-processing, routing, …): the trace id whose header was printed. */
  sections: Map<string, string | undefined>;
  /** Collaborator names by alias ARN, learnt from the calls that invoked them. */
  collaboratorNames: Map<string, string>;
  answer: string;
  citations: unknown[];
  firstEventTime?: number;
  lastEventTime?: number;
  /** The invoked agent's own final response time (covers the whole turn). */
  topLevelTimeMs?: number;
}

export function newState(): RenderState {
  return {
    summary: {
      steps: 0,
      modelCalls: 0,
      toolCalls: 0,
      knowledgeBaseLookups: 0,
      collaboratorCalls: 0,
      inputTokens: 0,
      outputTokens: 0,
      guardrailInterventions: 0,
      failures: 0,
      events: 0,
    },
    steps: new Map(),
    outline: new Map(),
    sections: new Map(),
    collaboratorNames: new Map(),
    answer: "",
    citations: [],
  };
}

/** What every trace-part renderer receives. */
export interface PartContext {
  sink: LineSink;
  state: RenderState;
  agent: AgentRef;
}

/** The line prefix naming a collaborator, e.g. `[MathAgent] `; empty for the invoked agent. */
export function agentTag(ctx: PartContext): string {
  return ctx.agent.label ? `[${ctx.agent.label}] ` : "";
}

/**
 * Adds a fragment to the agent's pending outline line; `title` names the line (default: the
 * agent's current step). A different title first prints the pending line.
 */
export function outlinePart(ctx: PartContext, part: string, title?: string): void {
  const step = ctx.state.steps.get(ctx.agent.key)?.number;
  const heading = title ?? (step ? `step ${step}` : "agent");
  // Another agent's half-done line goes out first, so a supervisor's call prints before the
  // collaborator's steps and its observation after them, in the order things happened.
  for (const key of ctx.state.outline.keys()) if (key !== ctx.agent.key) flushOutline(ctx, key);
  let pending = ctx.state.outline.get(ctx.agent.key);
  if (!pending || pending.title !== heading) {
    if (pending) flushOutline(ctx, ctx.agent.key);
    pending = { agent: ctx.agent, title: heading, parts: [], continued: false };
    ctx.state.outline.set(ctx.agent.key, pending);
  }
  pending.parts.push(part);
}

/** Prints the agent's pending outline line, if any. */
export function flushOutline(ctx: Pick<PartContext, "sink" | "state">, key: string): void {
  const pending = ctx.state.outline.get(key);
  if (!pending || pending.parts.length === 0) return;
  const s = ctx.sink.style;
  const tag = pending.agent.label ? `[${pending.agent.label}] ` : "";
  const label = `${tag}${pending.title}${pending.continued ? " (cont.)" : ""}`;
  ctx.sink.entry(pending.agent.depth, label, pending.parts.join(" · "), {
    labelPaint: s.bold,
    continuation: 4,
  });
  pending.parts = [];
  pending.continued = true;
}

export function flushAllOutlines(ctx: Pick<PartContext, "sink" | "state">): void {
  for (const key of ctx.state.outline.keys()) flushOutline(ctx, key);
}

/**
 * Enters the step `traceId` of the agent, printing its header when it is a new one. Bedrock
 * keeps one trace id for all events of an orchestration step; knowledge-base answer generation
 * (`sub`) has its own id but belongs to the step that looked up.
 */
export function enterStep(ctx: PartContext, traceId: string | undefined, sub = false): void {
  const { state, agent, sink } = ctx;
  let step = state.steps.get(agent.key);
  if (!step) {
    step = { number: 0, subTraceIds: new Set() };
    state.steps.set(agent.key, step);
  }
  if (step.number > 0) {
    if (traceId === undefined || traceId === step.traceId || step.subTraceIds.has(traceId)) return;
    if (sub) {
      step.subTraceIds.add(traceId);
      return;
    }
  }
  flushOutline(ctx, agent.key);
  step.number += 1;
  if (traceId === undefined) delete step.traceId;
  else step.traceId = traceId;
  step.subTraceIds.clear();
  state.summary.steps += 1;
  if (sink.detail !== "outline") {
    sink.entry(agent.depth, `${agentTag(ctx)}step ${step.number}`, "", { labelPaint: sink.style.bold });
  }
}

/** Prints a section header (e.g. `pre-processing`) once per trace id of that kind and agent. */
export function enterSection(ctx: PartContext, kind: string, traceId: string | undefined): boolean {
  const key = `${ctx.agent.key}\u0000${kind}`;
  if (ctx.state.sections.has(key) && ctx.state.sections.get(key) === traceId) return false;
  ctx.state.sections.set(key, traceId);
  if (ctx.sink.detail !== "outline") {
    ctx.sink.entry(ctx.agent.depth, `${agentTag(ctx)}${kind}`, "", { labelPaint: ctx.sink.style.bold });
  }
  return true;
}
