/**
 * What `invoke` and `chat` share: the project agent by name, its ids on the target, the runtime,
 * and the return-of-control handling (local handlers, questions on a terminal).
 */

import { agentDirectory, agentRuntime } from "../aws/agent-runtime.js";
import type { Context } from "../context.js";
import type { TurnHooks } from "../core/invoke/engine.js";
import { manifestHandlers } from "../core/invoke/handlers.js";
import { type ResolvedAgent, resolveAgent } from "../core/invoke/resolve-agent.js";
import { type Prompter, performReturnControl } from "../core/invoke/return-control.js";
import type { AgentRuntime } from "../core/invoke/runtime.js";
import { InvalidInputError, UsageError } from "../errors.js";
import { inputOf } from "../io/input.js";
import { defaultInterpolation } from "../manifest/interpolate.js";
import { loadProject } from "../manifest/load-project.js";
import type { AgentManifest, Located } from "../manifest/types.js";
import { openTargetClients } from "./target-clients.js";

export interface AgentSession {
  agent: ResolvedAgent;
  manifest: Located<AgentManifest>;
  runtime: AgentRuntime;
  prompter: Prompter;
  returnControl(turn: {
    sessionId: string;
    inputText: string;
    sessionAttributes?: Record<string, string>;
    promptSessionAttributes?: Record<string, string>;
  }): TurnHooks["returnControl"];
  close(): Promise<void>;
}

export async function openAgentSession(
  ctx: Context,
  name: string,
  options: { alias?: string; draft?: boolean },
): Promise<AgentSession> {
  if (options.alias && options.draft) throw new UsageError("Give either --alias NAME or --draft, not both.");
  const loaded = await loadProject(ctx.projectDir, (config) =>
    defaultInterpolation(ctx.env.vars, { region: config?.region }),
  );
  const project = loaded.value;
  const manifest = project?.agents.find((a) => a.value.name === name);
  if (!project || !manifest) {
    const known = project?.agentDocuments.map((d) => d.name).filter(Boolean) ?? [];
    const broken = project?.agentDocuments.some((d) => d.name === name && !d.located);
    throw new InvalidInputError(
      broken ? `The manifest of agent "${name}" has errors.` : `There is no agent "${name}" in this project.`,
      broken ? loaded.diagnostics.filter((d) => d.severity === "error") : [],
      broken
        ? "Run `agentctl validate`."
        : known.length
          ? `Agents here: ${known.join(", ")}.`
          : "Run it from the project directory, or pass -C DIR.",
    );
  }
  const aliasName = options.draft ? undefined : (options.alias ?? manifest.value.aliases?.[0]?.name);
  if (!options.draft && !aliasName) {
    throw new UsageError(
      `Agent "${name}" declares no alias.`,
      "Add `aliases: [live]` to its manifest and deploy, or use --draft.",
    );
  }
  const { clients, close } = await openTargetClients(ctx, project.config.value);
  try {
    const agent = await resolveAgent(
      agentDirectory(clients),
      name,
      aliasName ? { name: aliasName } : { draft: true },
    );
    const input = inputOf(ctx);
    const prompter: Prompter = {
      interactive: ctx.env.stdinIsTTY && ctx.env.stderrIsTTY,
      ask: (q) => input.ask(q),
    };
    const handlers = manifestHandlers(manifest.value, manifest.file);
    return {
      agent,
      manifest,
      runtime: agentRuntime(clients),
      prompter,
      returnControl: (turn) => (payload) =>
        performReturnControl(payload, {
          handlerFor: handlers,
          prompter,
          autoConfirm: ctx.options.yes,
          notify: (m) => ctx.io.warn(m),
          agent: {
            name,
            id: agent.agentId,
            alias: agent.agentAliasId,
            version: agent.agentAliasId === "TSTALIASID" ? "DRAFT" : "",
          },
          ...turn,
        }),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
