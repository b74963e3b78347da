/**
 * One InvokeAgent call: everything that can be refused is checked before the stream starts
 * (HTTP errors); then the turn runs in the background, pushing event-stream messages as they
 * happen, and ends with the answer's chunk, a returnControl event, or an exception message.
 */
import { randomUUID } from "node:crypto";
import { validationError } from "../../aws-error.js";
import type { Reply } from "../../server/reply.js";
import { toStreamError } from "../errors.js";
import { chunkMessage, eventMessage, exceptionMessage } from "../protocol/event-stream.js";
import type { InvokeAgentRequest } from "../protocol/invoke-request.js";
import type { PendingTurn, SessionDoc, SessionKey } from "../sessions.js";
import { resolveSnapshot } from "../snapshot.js";
import { buildTools } from "../tools.js";
import type { RuntimeContext, Turn, TurnOutcome } from "./context.js";
import { finish, modelRequest, orchestrate } from "./orchestrate.js";
import { postProcess, preProcess } from "./processing.js";
import { applyResults, checkResults } from "./return-control.js";
import { StreamSink } from "./stream-sink.js";
import { TraceWriter } from "./traces.js";

/** With streamFinalResponse the answer arrives in pieces; without it, as one chunk (§5). */
function answerChunks(text: string, stream: boolean): string[] {
  if (!stream || text.length === 0) return [text];
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

export function invokeAgent(rt: RuntimeContext, req: InvokeAgentRequest, applyDue: () => void): Reply {
  applyDue();
  const snapshot = rt.store.db.read(() => resolveSnapshot(rt.store, req.agentId, req.agentAliasId));
  const key: SessionKey = { agentId: req.agentId, agentAliasId: req.agentAliasId, sessionId: req.sessionId };
  const stored = rt.store.db.read(() => rt.sessions.load(key, rt.now()));
  const session: SessionDoc = stored ?? { sessionAttributes: {}, history: [] };
  const state = req.sessionState;
  const results = state.returnControlInvocationResults;
  let pending: PendingTurn | undefined;
  if (results !== undefined) {
    pending = checkResults(session.pending, state.invocationId, results);
  } else if (req.inputText.trim() === "" && !req.endSession) {
    // The model leaves inputText optional; an empty turn has nothing for the agent to do.
    throw validationError(
      "inputText must not be empty unless sessionState.returnControlInvocationResults is sent (or endSession is true).",
    );
  }
  // Attributes sent with the call replace the session's; absent ones keep what the session holds.
  const sessionAttributes = state.sessionAttributes ?? session.sessionAttributes;
  const sink = new StreamSink();
  const turn: Turn = {
    snapshot,
    tools: buildTools(snapshot),
    model: { kind: "none", decide: () => Promise.reject(new Error("no model")) },
    trace: new TraceWriter(
      {
        agentId: snapshot.agentId,
        agentAliasId: snapshot.agentAliasId,
        agentVersion: snapshot.agentVersion,
        sessionId: req.sessionId,
        callerChain: [{ agentAliasArn: snapshot.agentAliasArn }],
      },
      sink,
      req.enableTrace,
    ),
    sessionId: req.sessionId,
    inputText: pending?.inputText ?? req.inputText,
    history: session.history,
    sessionAttributes,
    promptSessionAttributes: state.promptSessionAttributes ?? pending?.promptSessionAttributes ?? {},
    steps: pending?.steps ?? [],
    traceBase: pending?.traceBase ?? randomUUID(),
    stepIndex: pending?.stepIndex ?? 0,
    startedMs: pending ? Date.parse(pending.startedAt) : Date.now(),
    collaboratorSessions: session.collaboratorSessions ?? {},
    depth: 0,
  };

  const persist = (doc: SessionDoc): void => {
    rt.store.db.write(() => {
      if (req.endSession) rt.sessions.delete(key);
      else rt.sessions.save(key, doc, rt.now(), snapshot.definition.idleSessionTTLInSeconds);
    });
  };

  const run = async (): Promise<void> => {
    if (req.endSession && results === undefined && req.inputText.trim() === "") {
      persist(session);
      return;
    }
    try {
      turn.model = rt.modelFor(snapshot);
      let outcome: TurnOutcome;
      if (pending && results) {
        await applyResults(rt, turn, pending, results);
        turn.stepIndex++;
        outcome = await orchestrate(rt, turn);
      } else {
        const pre = await preProcess(turn, modelRequest(turn));
        outcome = pre.isValid
          ? await orchestrate(rt, turn)
          : finish(turn, `${turn.traceBase}-pre-0`, "Sorry, I cannot help with that request.");
      }
      if (outcome.kind === "returnControl") {
        persist({
          ...session,
          sessionAttributes: turn.sessionAttributes,
          pending: outcome.pending,
          collaboratorSessions: turn.collaboratorSessions,
        });
        sink.push(eventMessage("returnControl", outcome.payload));
        return;
      }
      const text = await postProcess(turn, modelRequest(turn), outcome.text);
      const history = [
        ...session.history,
        { role: "user" as const, text: turn.inputText },
        { role: "assistant" as const, text },
      ];
      persist({
        sessionAttributes: turn.sessionAttributes,
        history,
        collaboratorSessions: turn.collaboratorSessions,
      });
      for (const piece of answerChunks(text, req.streamFinalResponse)) sink.push(chunkMessage(piece));
    } catch (err) {
      const failure = toStreamError(err);
      // The session survives a failed turn (its attributes as the failure left them), minus the failed turn.
      try {
        persist({
          ...session,
          sessionAttributes: turn.sessionAttributes,
          collaboratorSessions: turn.collaboratorSessions,
          pending: undefined,
        });
      } catch {
        // the stream's exception below is what the caller needs to see
      }
      sink.push(exceptionMessage(failure.exception, failure.body()));
    }
  };
  void run().finally(() => sink.end());

  return {
    status: 200,
    headers: {
      "Content-Type": "application/vnd.amazon.eventstream",
      "x-amzn-bedrock-agent-content-type": "application/json",
      "x-amz-bedrock-agent-session-id": req.sessionId,
      ...(req.memoryId ? { "x-amz-bedrock-agent-memory-id": req.memoryId } : {}),
    },
    body: sink,
  };
}
