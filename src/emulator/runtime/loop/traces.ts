/**
 * Trace events in the shapes real streams carry (aws-behaviour.md §5.1 and the recorded
 * streams in the corpus): the TracePart envelope on every event (agentId, agentAliasId,
 * agentVersion, sessionId, callerChain, collaboratorName for collaborators, eventTime) and one
 * trace member per event. Nothing is encoded unless the caller asked for traces.
 */
import { eventMessage } from "../protocol/event-stream.js";
import type { StreamSink } from "./stream-sink.js";

export interface TraceScope {
  agentId: string;
  agentAliasId: string;
  agentVersion: string;
  sessionId: string;
  callerChain: { agentAliasArn: string }[];
  collaboratorName?: string;
}

export interface Timing {
  startTime: string;
  endTime: string;
  totalTimeMs: number;
}

export function timing(startedMs: number, endedMs = Date.now()): Timing {
  return {
    startTime: new Date(startedMs).toISOString(),
    endTime: new Date(endedMs).toISOString(),
    totalTimeMs: Math.max(0, Math.round(endedMs - startedMs)),
  };
}

export class TraceWriter {
  readonly scope: TraceScope;
  private readonly sink: StreamSink;
  readonly enabled: boolean;

  constructor(scope: TraceScope, sink: StreamSink, enabled: boolean) {
    this.scope = scope;
    this.sink = sink;
    this.enabled = enabled;
  }

  /** A writer for a collaborator: same stream, its own envelope. */
  nested(scope: TraceScope): TraceWriter {
    return new TraceWriter(scope, this.sink, this.enabled);
  }

  emit(trace: Record<string, unknown>): void {
    if (!this.enabled) return;
    const s = this.scope;
    this.sink.push(
      eventMessage("trace", {
        agentAliasId: s.agentAliasId,
        agentId: s.agentId,
        agentVersion: s.agentVersion,
        callerChain: s.callerChain,
        ...(s.collaboratorName !== undefined ? { collaboratorName: s.collaboratorName } : {}),
        eventTime: new Date().toISOString(),
        sessionId: s.sessionId,
        trace,
      }),
    );
  }

  orchestration(member: string, value: Record<string, unknown>): void {
    this.emit({ orchestrationTrace: { [member]: value } });
  }
}
