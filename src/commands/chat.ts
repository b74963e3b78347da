import { randomUUID } from "node:crypto";
import { toAgentctlError } from "../aws/classify-error.js";
import type { Context } from "../context.js";
import { AgentctlError } from "../errors.js";
import { inputOf } from "../io/input.js";
import { renderError } from "../io/render-error.js";
import { parseDetail } from "../trace/options.js";
import type { TraceDetail } from "../trace/types.js";
import { openAgentSession } from "./agent-session.js";
import { renderTurn } from "./render-turn.js";

const HELP = "/trace [outline|steps|full|off] shows the trace · /new starts a new session · /exit leaves";

/**
 * `agentctl chat AGENT`: a multi-turn session. On a terminal: a prompt, the answer streamed,
 * commands /trace, /new, /exit, and a failed turn does not end the chat. Without one: each line
 * of stdin is one message, and the first failure ends it with its exit code.
 */
export default async function chat(
  ctx: Context,
  args: string[],
  options: Record<string, unknown>,
): Promise<void> {
  const [name] = args;
  const interactive = ctx.env.stdinIsTTY;
  let trace: TraceDetail | undefined =
    options.trace !== undefined && options.trace !== false
      ? parseDetail(options.trace, "--trace")
      : undefined;
  const session = await openAgentSession(ctx, name ?? "", {
    ...(typeof options.alias === "string" ? { alias: options.alias } : {}),
    draft: options.draft === true,
  });
  const input = inputOf(ctx);
  const piped = input.lines()[Symbol.asyncIterator]();
  const nextLine = async () => {
    const next = await piped.next();
    return next.done ? undefined : next.value;
  };
  let sessionId = typeof options.sessionId === "string" ? options.sessionId : randomUUID();
  const io = ctx.io;
  try {
    if (interactive) io.info(io.style.dim(`chatting with ${name} (session ${sessionId}) — ${HELP}`));
    for (;;) {
      const line = interactive ? await input.ask(io.style.bold("you> ")) : await nextLine();
      if (line === undefined) break;
      const text = line.trim();
      if (text === "") continue;
      if (text.startsWith("/")) {
        const [command, arg] = text.split(/\s+/);
        if (command === "/exit" || command === "/quit") break;
        if (command === "/new") {
          sessionId = randomUUID();
          io.info(io.style.dim(`new session ${sessionId}`));
          continue;
        }
        if (command === "/trace") {
          trace =
            arg === "off"
              ? undefined
              : arg === undefined && trace !== undefined
                ? undefined
                : tryDetail(arg, ctx);
          io.info(io.style.dim(trace ? `trace: ${trace}` : "trace: off"));
          continue;
        }
        if (interactive) {
          io.info(HELP);
          continue;
        }
      }
      try {
        await renderTurn(ctx, session, {
          agentName: name ?? "",
          ...(trace ? { trace } : {}),
          request: { sessionId, inputText: text },
        });
      } catch (err) {
        if (!interactive) throw err;
        const error = err instanceof AgentctlError ? err : toAgentctlError(err);
        if (!error) throw err;
        renderError(error, io, ctx.projectDir);
      }
    }
    if (!io.json) io.info(io.style.dim(`session ${sessionId}`));
  } finally {
    await session.close();
  }
}

function tryDetail(arg: string | undefined, ctx: Context): TraceDetail | undefined {
  try {
    return parseDetail(arg ?? true, "/trace");
  } catch (err) {
    ctx.io.warn((err as Error).message);
    return undefined;
  }
}
