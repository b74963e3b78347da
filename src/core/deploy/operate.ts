/**
 * promote and rollback: move exactly one alias to another version, and record what it
 * now serves in its tags (so the next deploy does not cut a version to "repair" it).
 */
import { FailedError, UsageError } from "../../errors.js";
import { settleAgent } from "./agent-draft.js";
import { type ApplyContext, mutate, newApplyContext, type ProgressSink } from "./apply-context.js";
import { type DeployedAgent, type DeployedState, readDeployedState, versionHash } from "./deployed.js";
import { type EngineOptions, loadDesired } from "./engine.js";
import { step } from "./errors.js";
import type { DeployPorts } from "./ports.js";
import { HASH_TAG, PROJECT_TAG, VERSION_TAG } from "./tags.js";
import { pollUntil } from "./wait.js";

export interface AliasMove {
  agent: string;
  agentId: string;
  alias: string;
  fromVersion?: string;
  toVersion: string;
  changed: boolean;
}

interface Located {
  ctx: ApplyContext;
  state: DeployedState;
  agent: DeployedAgent;
}

async function locate(ports: DeployPorts, opts: OperateOptions, name: string): Promise<Located> {
  const { progress } = opts;
  const desired = await loadDesired(ports, {
    projectDir: opts.projectDir,
    vars: opts.vars,
    agents: [name],
    validated: opts.validated ?? false,
  });
  const state = await readDeployedState(ports.agents, {
    project: desired.project,
    region: desired.region,
    account: desired.account,
    names: [name],
    concurrency: 4,
  });
  const agent = state.agents.get(name);
  if (!agent) throw new FailedError(`Agent ${name} is not deployed.`, "Run agentctl deploy first.");
  if (!agent.owned) {
    throw new UsageError(
      `Agent ${name} does not belong to project ${desired.project}; agentctl will not change it.`,
      "Deploy with --adopt to take it over first.",
    );
  }
  return { ctx: newApplyContext(ports, desired, state, progress), state, agent };
}

function aliasOf(agent: DeployedAgent, alias: string) {
  const found = agent.aliases.find((a) => a.name === alias);
  if (!found) {
    throw new UsageError(
      `Agent ${agent.name} has no alias named ${alias}.`,
      `Its aliases: ${agent.aliases.map((a) => a.name).join(", ") || "(none)"}.`,
    );
  }
  return found;
}

async function moveAlias(located: Located, aliasName: string, toVersion: string): Promise<AliasMove> {
  const { ctx, agent, state } = located;
  const alias = aliasOf(agent, aliasName);
  const move: AliasMove = {
    agent: agent.name,
    agentId: agent.agentId,
    alias: aliasName,
    ...(alias.version ? { fromVersion: alias.version } : {}),
    toVersion,
    changed: alias.version !== toVersion,
  };
  if (!move.changed) return move;
  const api = ctx.ports.agents;
  const settle = () => settleAgent(ctx, agent.name, agent.agentId);
  const hash = await versionHash(api, state, agent, toVersion);
  await mutate(
    ctx,
    agent.name,
    "UpdateAgentAlias",
    aliasName,
    () =>
      api.updateAlias(agent.agentId, alias.id, {
        name: aliasName,
        ...(alias.description ? { description: alias.description } : {}),
        version: toVersion,
      }),
    settle,
  );
  await step(agent.name, "GetAgentAlias", () =>
    pollUntil(
      () => api.getAlias(agent.agentId, alias.id),
      (a) => a.agentAliasStatus !== "UPDATING",
      `alias ${aliasName} to be ready`,
      ctx.wait,
    ),
  );
  await mutate(ctx, agent.name, "TagResource", aliasName, () =>
    api.tag(alias.arn, { [PROJECT_TAG]: ctx.desired.project, [HASH_TAG]: hash, [VERSION_TAG]: toVersion }),
  );
  return move;
}

export interface OperateOptions {
  projectDir: string;
  vars: Readonly<Record<string, string | undefined>>;
  progress: ProgressSink;
  /** preflight()'s result (or true): see EngineOptions.validated. */
  validated?: EngineOptions["validated"];
}

/** Points alias `to` at the version alias `from` serves. */
export async function promote(
  ports: DeployPorts,
  opts: OperateOptions & { agent: string; from: string; to: string },
): Promise<AliasMove> {
  const located = await locate(ports, opts, opts.agent);
  const source = aliasOf(located.agent, opts.from);
  if (!source.version) throw new FailedError(`Alias ${opts.from} of ${opts.agent} serves no version.`);
  return moveAlias(located, opts.to, source.version);
}

/** Points the alias at `toVersion`, by default the version it served before (its routing history). */
export async function rollback(
  ports: DeployPorts,
  opts: OperateOptions & { agent: string; alias: string; toVersion?: string },
): Promise<AliasMove> {
  const located = await locate(ports, opts, opts.agent);
  const alias = aliasOf(located.agent, opts.alias);
  let target = opts.toVersion;
  if (!target) {
    const full = await step(opts.agent, "GetAgentAlias", () =>
      ports.agents.getAlias(located.agent.agentId, alias.id),
    );
    // History is newest first; the first routing that differs from today's is the previous version.
    target = (full.agentAliasHistoryEvents ?? [])
      .map((e) => e.routingConfiguration?.[0]?.agentVersion)
      .find((v) => v !== undefined && v !== alias.version);
    if (!target) {
      throw new FailedError(
        `Alias ${opts.alias} of ${opts.agent} has no earlier version in its routing history.`,
        "Name one with --to-version N.",
      );
    }
  }
  return moveAlias(located, opts.alias, target);
}
