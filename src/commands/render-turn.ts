/**
 * One turn as `invoke` and `chat` show it: the answer streamed to stdout as it arrives, the
 * trace (when asked for) rendered live to stderr, or under --json every event as an NDJSON line
 * and a closing `{"result": …}`.
 */

import { toAgentctlError } from "../aws/classify-error.js";
import type { Context } from "../context.js";
import { runTurn, type TurnRequest, type TurnResult } from "../core/invoke/engine.js";
import { columnsFor } from "../env.js";
import { AgentctlError, ReportedFailure } from "../errors.js";
import { errorToJson } from "../io/render-error.js";
import { createTraceRenderer } from "../trace/index.js";
import { eventToJson } from "../trace/ndjson.js";
import type { TraceDetail } from "../trace/types.js";
import type { AgentSession } from "./agent-session.js";

export interface RenderedTurn {
  /** Undefined: no trace shown (events still counted for the summary). */
  trace?: TraceDetail;
  request: Omit<TurnRequest, "agentId" | "agentAliasId" | "enableTrace">;
  agentName: string;
}

export async function renderTurn(
  ctx: Context,
  session: AgentSession,
  turn: RenderedTurn,
): Promise<TurnResult> {
  const io = ctx.io;
  const showTrace = turn.trace !== undefined && !io.json;
  const renderer = createTraceRenderer({
    detail: turn.trace ?? "steps",
    width: columnsFor(ctx.env, "stderr"),
    style: io.style,
    showAnswer: false,
  });
  const { request } = turn;
  let atLineStart = true;
  const newline = () => {
    if (!atLineStart) io.text("\n");
    atLineStart = true;
  };
  const ids = {
    agent: turn.agentName,
    agentId: session.agent.agentId,
    agentAliasId: session.agent.agentAliasId,
  };
  try {
    const result = await runTurn(
      session.runtime,
      {
        ...request,
        agentId: session.agent.agentId,
        agentAliasId: session.agent.agentAliasId,
        // --json records the trace too: the NDJSON is for reading later with `agentctl trace`.
        enableTrace: turn.trace !== undefined || io.json,
      },
      {
        onEvent(event) {
          if (io.json) io.event(eventToJson(event), () => "");
          const lines = renderer.push(event);
          if (showTrace && lines.length > 0) {
            newline();
            for (const line of lines) io.info(line);
          }
        },
        onText(piece) {
          io.text(piece);
          if (piece !== "") atLineStart = piece.endsWith("\n");
        },
        returnControl: session.returnControl({
          sessionId: request.sessionId,
          inputText: request.inputText,
          ...(request.sessionAttributes ? { sessionAttributes: request.sessionAttributes } : {}),
          ...(request.promptSessionAttributes
            ? { promptSessionAttributes: request.promptSessionAttributes }
            : {}),
        }),
      },
    );
    newline();
    if (showTrace) for (const line of renderer.end()) io.info(line);
    if (io.json) {
      io.event(
        {
          result: {
            sessionId: result.sessionId,
            ...ids,
            text: result.text,
            returnControlRounds: result.returnControlRounds,
            summary: renderer.summary(),
          },
        },
        () => "",
      );
    }
    return result;
  } catch (err) {
    newline();
    if (showTrace) for (const line of renderer.end()) io.info(line);
    const error = err instanceof AgentctlError ? err : (toAgentctlError(err) ?? err);
    if (io.json && error instanceof AgentctlError) {
      io.event(
        {
          result: {
            sessionId: request.sessionId,
            ...ids,
            error: errorToJson(error),
            summary: renderer.summary(),
          },
        },
        () => "",
      );
      throw new ReportedFailure(error.message, error.exitCode);
    }
    throw error;
  }
}
