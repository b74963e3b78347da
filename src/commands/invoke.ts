import { randomUUID } from "node:crypto";
import type { Context } from "../context.js";
import { parsePairs } from "../core/invoke/resolve-agent.js";
import { UsageError } from "../errors.js";
import { inputOf } from "../io/input.js";
import { parseDetail } from "../trace/options.js";
import { openAgentSession } from "./agent-session.js";
import { renderTurn } from "./render-turn.js";

/** `agentctl invoke AGENT [TEXT | -]`: one turn, the answer streamed, the session id printed. */
export default async function invoke(
  ctx: Context,
  args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const [name, textArg] = args;
  if (!name) throw new UsageError("Name the agent to invoke.");
  const trace =
    options.trace !== undefined && options.trace !== false
      ? parseDetail(options.trace, "--trace")
      : undefined;
  const sessionId = typeof options.sessionId === "string" ? options.sessionId : randomUUID();
  const sessionAttributes = parsePairs(options.sessionAttr as string[] | undefined, "--session-attr");
  const promptSessionAttributes = parsePairs(options.promptAttr as string[] | undefined, "--prompt-attr");
  const inputText = textArg === undefined || textArg === "-" ? await readText(ctx, textArg) : textArg;
  if (inputText.trim() === "") {
    throw new UsageError(
      "There is no text to send.",
      'Give it as an argument or on stdin: agentctl invoke AGENT "…"',
    );
  }

  const session = await openAgentSession(ctx, name, {
    ...(typeof options.alias === "string" ? { alias: options.alias } : {}),
    draft: options.draft === true,
  });
  try {
    const result = await renderTurn(ctx, session, {
      agentName: name,
      ...(trace ? { trace } : {}),
      request: {
        sessionId,
        inputText,
        ...(sessionAttributes ? { sessionAttributes } : {}),
        ...(promptSessionAttributes ? { promptSessionAttributes } : {}),
        endSession: options.endSession === true,
        streamFinalResponse: options.stream === true,
      },
    });
    if (!ctx.io.json) {
      ctx.io.info(
        ctx.io.style.dim(
          `session ${result.sessionId} — continue with: agentctl invoke ${name} --session-id ${result.sessionId} "…"`,
        ),
      );
    }
  } finally {
    await session.close();
  }
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
