/**
 * The trace renderer: InvokeAgent stream events in, terminal lines out. Pure (no I/O, no
 * colour library: the Style is passed in), so invoke, trace, chat and run-workflow share it.
 * Every event is handled inside a guard: whatever its shape, it yields lines, never an exception.
 */
import { agentOf } from "./agent-ref.js";
import { renderCustomOrchestration, renderFailure } from "./failure.js";
import { renderGuardrail } from "./guardrail.js";
import { createLineSink } from "./lines.js";
import { renderOrchestration } from "./orchestration.js";
import { renderProcessing } from "./processing.js";
import { renderRouting } from "./routing.js";
import type { AgentRef, PartContext, RenderState } from "./state.js";
import { flushAllOutlines, newState } from "./state.js";
import {
  gatherChunk,
  isStreamError,
  renderAnswer,
  renderFiles,
  renderReturnControl,
  renderStreamError,
} from "./stream-events.js";
import { finishSummary, renderSummary } from "./summary.js";
import { truncate } from "./text.js";
import type { StreamEvent, TraceRenderer, TraceRendererOptions } from "./types.js";
import { renderUnknownMember } from "./unknown.js";
import { compactJson, rec, timeOf, unionMember } from "./values.js";

const TOP: AgentRef = { key: "", depth: 0 };

export function createTraceRenderer(options: TraceRendererOptions): TraceRenderer {
  const state = newState();
  const showAnswer = options.showAnswer ?? true;
  const context = (): PartContext => ({
    sink: createLineSink(options.style, options.detail, options.width),
    state,
    agent: TOP,
  });

  return {
    push(event) {
      const ctx = context();
      state.summary.events += 1;
      try {
        renderEvent(ctx, event);
      } catch (err) {
        // A renderer bug must not cost the user their answer: say so in one line and go on.
        ctx.sink.entry(
          0,
          "? unrenderable event",
          truncate(`${String(err)} ${compactJson(event)}`, ctx.sink.width * 2),
          {
            labelPaint: options.style.yellow,
          },
        );
      }
      return ctx.sink.lines;
    },
    end() {
      const ctx = context();
      try {
        flushAllOutlines(ctx);
        renderAnswer(ctx, showAnswer);
      } catch (err) {
        ctx.sink.entry(0, "? unrenderable answer", String(err), { labelPaint: options.style.yellow });
      }
      renderSummary(ctx, finishSummary(ctx));
      return ctx.sink.lines;
    },
    summary() {
      return finishSummary(context());
    },
  };
}

function renderEvent(ctx: PartContext, event: StreamEvent): void {
  const member = unionMember(event);
  if (!member) {
    renderUnknownMember(ctx, "event", event, 0);
    return;
  }
  const [key, value] = member;
  if (key === "chunk") {
    gatherChunk(ctx, value);
    return;
  }
  if (key === "trace") {
    renderTracePart(ctx, value);
    return;
  }
  flushAllOutlines(ctx);
  if (key === "returnControl") renderReturnControl(ctx, value);
  else if (key === "files") renderFiles(ctx, value);
  else if (isStreamError(key)) renderStreamError(ctx, key, value);
  else renderUnknownMember(ctx, key, value, 0);
}

/** A TracePart: who sent it (agent, collaborator) and one member of the Trace union. */
function renderTracePart(ctx: PartContext, value: unknown): void {
  const part = rec(value) ?? {};
  noteTime(ctx.state, timeOf(part.eventTime));
  const agentCtx: PartContext = { ...ctx, agent: agentOf(part, ctx.state) };
  const member = unionMember(part.trace);
  if (!member) {
    renderUnknownMember(agentCtx, "trace", part.trace ?? part, agentCtx.agent.depth);
    return;
  }
  const [kind, trace] = member;
  switch (kind) {
    case "orchestrationTrace":
      renderOrchestration(agentCtx, trace);
      return;
    case "preProcessingTrace":
      renderProcessing(agentCtx, "pre-processing", trace);
      return;
    case "postProcessingTrace":
      renderProcessing(agentCtx, "post-processing", trace);
      return;
    case "routingClassifierTrace":
      renderRouting(agentCtx, trace);
      return;
    case "guardrailTrace":
      renderGuardrail(agentCtx, trace);
      return;
    case "failureTrace":
      renderFailure(agentCtx, trace);
      return;
    case "customOrchestrationTrace":
      renderCustomOrchestration(agentCtx, trace);
      return;
    default:
      renderUnknownMember(agentCtx, kind, trace, agentCtx.agent.depth);
  }
}

function noteTime(state: RenderState, t: number | undefined): void {
  if (t === undefined) return;
  if (state.firstEventTime === undefined || t < state.firstEventTime) state.firstEventTime = t;
  if (state.lastEventTime === undefined || t > state.lastEventTime) state.lastEventTime = t;
}
