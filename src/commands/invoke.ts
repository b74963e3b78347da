import { randomUUID } from "node:crypto";
import { toAgentctlError } from "../aws/classify-error.js";
import type { Context } from "../context.js";
import { runTurn, type TurnResult } from "../core/invoke/engine.js";
import { parsePairs } from "../core/invoke/resolve-agent.js";
import { columnsFor } from "../env.js";
import { AgentctlError, ReportedFailure, UsageError } from "../errors.js";
import { inputOf } from "../io/input.js";
import { errorToJson } from "../io/render-error.js";
import { createTraceRenderer } from "../trace/index.js";
import { eventToJson } from "../trace/ndjson.js";
import { parseDetail } from "../trace/options.js";
import { openAgentSession } from "./agent-session.js";

/** `agentctl invoke AGENT [TEXT | -]`: one turn, the answer streamed, the session id printed. */
export default async function invoke(
  ctx: Context,
  args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const [name, textArg] = args;
  if (!name) throw new UsageError("Name the agent to invoke.");
  const inputText = textArg === undefined || textArg === "-" ? await readText(ctx, textArg) : textArg;
  if (inputText.trim() === "")
    throw new UsageError(
      "There is no text to send.",
      'Give it as an argument or on stdin: agentctl invoke AGENT "…"',
    );
  const traceWanted = options.trace !== undefined && options.trace !== false;
  const detail = parseDetail(options.trace, "--trace");
  const sessionId = typeof options.sessionId === "string" ? options.sessionId : randomUUID();
  const sessionAttributes = parsePairs(options.sessionAttr as string[] | undefined, "--session-attr");
  const promptSessionAttributes = parsePairs(options.promptAttr as string[] | undefined, "--prompt-attr");

  const session = await openAgentSession(ctx, name, {
    ...(typeof options.alias === "string" ? { alias: options.alias } : {}),
    draft: options.draft === true,
  });
  const io = ctx.io;
  const renderer = createTraceRenderer({
    detail,
    width: columnsFor(ctx.env, "stderr"),
    style: io.style,
    showAnswer: false,
  });
  let endedWithNewline = true;
  let result: TurnResult | undefined;
  try {
    result = await runTurn(
      session.runtime,
      {
        agentId: session.agent.agentId,
        agentAliasId: session.agent.agentAliasId,
        sessionId,
        inputText,
        ...(sessionAttributes ? { sessionAttributes } : {}),
        ...(promptSessionAttributes ? { promptSessionAttributes } : {}),
        endSession: options.endSession === true,
        enableTrace: traceWanted || io.json,
        streamFinalResponse: options.stream === true,
      },
      {
        onEvent(event) {
          if (io.json) io.event(eventToJson(event), () => "");
          const lines = renderer.push(event);
          if (traceWanted && !io.json && lines.length > 0) {
            if (!endedWithNewline) io.text("\n");
            endedWithNewline = true;
            for (const line of lines) io.info(line);
          }
        },
        onText(piece) {
          io.text(piece);
          if (piece !== "") endedWithNewline = piece.endsWith("\n");
        },
        returnControl: session.returnControl({
          sessionId,
          inputText,
          ...(sessionAttributes ? { sessionAttributes } : {}),
          ...(promptSessionAttributes ? { promptSessionAttributes } : {}),
        }),
      },
    );
  } catch (err) {
    const error = err instanceof AgentctlError ? err : (toAgentctlError(err) ?? err);
    if (io.json && error instanceof AgentctlError) {
      io.event(
        {
          result: {
            sessionId,
            agent: name,
            ...session.agent,
            error: errorToJson(error),
            summary: renderer.summary(),
          },
        },
        () => "",
      );
      throw new ReportedFailure(error.message, error.exitCode);
    }
    if (!endedWithNewline) io.text("\n");
    if (traceWanted) for (const line of renderer.end()) io.info(line);
    throw error;
  } finally {
    await session.close();
  }

  const summary = renderer.summary();
  if (io.json) {
    io.event(
      {
        result: {
          sessionId: result.sessionId,
          agent: name,
          ...session.agent,
          text: result.text,
          returnControlRounds: result.returnControlRounds,
          summary,
        },
      },
      () => "",
    );
    return;
  }
  if (!endedWithNewline) io.text("\n");
  if (traceWanted) for (const line of renderer.end()) io.info(line);
  io.info(
    io.style.dim(
      `session ${result.sessionId} — continue with: agentctl invoke ${name} --session-id ${result.sessionId} "…"`,
    ),
  );
}

async function readText(ctx: Context, arg: string | undefined): Promise<string> {
  if (arg === undefined && ctx.env.stdinIsTTY) {
    throw new UsageError(
      "Give the text to send.",
      'agentctl invoke AGENT "your message" (or - to read it from stdin)',
    );
  }
  return new TextDecoder().decode(await inputOf(ctx).readAll());
}
