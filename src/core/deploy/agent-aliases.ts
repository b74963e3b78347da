/**
 * Aliases and versions: an alias gets a new version only when DRAFT changed since the
 * version it serves; the first alias that needs one cuts it, the others are routed to it.
 * After every routing change the alias's tags record which version it serves and that
 * version's content hash (a killed deploy leaves them stale; deployed.ts then reads the
 * version back, so nothing is cut twice).
 */

import type { AgentHandle } from "./agent-draft.js";
import { settleAgent } from "./agent-draft.js";
import { type ApplyContext, mutate } from "./apply-context.js";
import type { DesiredAgent } from "./desired.js";
import { AgentFailedError, step } from "./errors.js";
import type { AgentPlan } from "./plan-types.js";
import type { Alias } from "./ports.js";
import { HASH_TAG, PROJECT_TAG, VERSION_TAG } from "./tags.js";
import { pollUntil } from "./wait.js";

async function settleAlias(
  ctx: ApplyContext,
  name: string,
  agentId: string,
  aliasId: string,
): Promise<Alias> {
  const alias = await step(name, "GetAgentAlias", () =>
    pollUntil(
      () => ctx.ports.agents.getAlias(agentId, aliasId),
      (a) => a.agentAliasStatus !== "CREATING" && a.agentAliasStatus !== "UPDATING",
      `alias ${aliasId} of ${name} to be ready`,
      ctx.wait,
    ),
  );
  if (alias.agentAliasStatus === "FAILED") {
    throw new AgentFailedError(name, `alias ${alias.agentAliasName}`, alias.failureReasons ?? []);
  }
  return alias;
}

/** Applies the alias changes; returns alias name → version served. */
export async function applyAliases(
  ctx: ApplyContext,
  plan: AgentPlan,
  agent: DesiredAgent,
  handle: AgentHandle,
): Promise<void> {
  const api = ctx.ports.agents;
  const { agentId } = handle;
  const settle = () => settleAgent(ctx, agent.name, agentId);
  let cut: string | undefined;
  const record = async (alias: Alias) => {
    const version = alias.routingConfiguration?.[0]?.agentVersion;
    if (!version) return;
    const arn = alias.agentAliasArn ?? "";
    ctx.aliasArns.set(`agent:${agent.name}/${alias.agentAliasName}`, arn);
    await mutate(ctx, agent.name, "TagResource", alias.agentAliasName, () =>
      api.tag(arn, { [PROJECT_TAG]: ctx.desired.project, [HASH_TAG]: agent.hash, [VERSION_TAG]: version }),
    );
  };
  const description = (d?: string) => (d ? { description: d } : {});
  for (const change of plan.aliases) {
    ctx.progress({ agent: agent.name, message: `alias ${change.name}: ${change.kind}`, state: "running" });
    // Cutting a version puts the agent in VERSIONING; the next alias write waits for it.
    await settle();
    const version = change.toVersion ?? cut;
    switch (change.kind) {
      case "create":
      case "create-on-existing": {
        const created = await mutate(
          ctx,
          agent.name,
          "CreateAgentAlias",
          change.name,
          () =>
            api.createAlias(agentId, {
              name: change.name,
              ...description(change.description),
              ...(change.kind === "create-on-existing" && version ? { version } : {}),
              tags: { [PROJECT_TAG]: ctx.desired.project },
            }),
          settle,
        );
        const ready = await settleAlias(ctx, agent.name, agentId, created.agentAliasId);
        if (change.kind === "create" || !version) cut = ready.routingConfiguration?.[0]?.agentVersion;
        await record(ready);
        break;
      }
      case "new-version":
      case "route":
      case "describe": {
        const id = change.id as string;
        const routeTo =
          change.kind === "new-version" ? undefined : change.kind === "describe" ? change.toVersion : version;
        await mutate(
          ctx,
          agent.name,
          "UpdateAgentAlias",
          change.name,
          () =>
            api.updateAlias(agentId, id, {
              name: change.name,
              ...description(change.description),
              ...(routeTo ? { version: routeTo } : {}),
            }),
          settle,
        );
        const ready = await settleAlias(ctx, agent.name, agentId, id);
        if (!routeTo) cut = ready.routingConfiguration?.[0]?.agentVersion;
        if (change.kind !== "describe") await record(ready);
        break;
      }
      case "record": {
        const alias = await step(agent.name, "GetAgentAlias", () =>
          api.getAlias(agentId, change.id as string),
        );
        await record(alias);
        break;
      }
      case "delete": {
        const id = change.id as string;
        await mutate(ctx, agent.name, "DeleteAgentAlias", change.name, () => api.deleteAlias(agentId, id));
        break;
      }
    }
  }
  if (ctx.pruneVersions !== undefined) await pruneVersions(ctx, agent.name, agentId, ctx.pruneVersions);
}

/** Deletes the oldest numbered versions no alias routes to, keeping `keep` of them. */
export async function pruneVersions(
  ctx: ApplyContext,
  name: string,
  agentId: string,
  keep: number,
): Promise<void> {
  const api = ctx.ports.agents;
  const aliases = await step(name, "ListAgentAliases", () => api.listAliases(agentId));
  const used = new Set(aliases.flatMap((a) => (a.routingConfiguration ?? []).map((r) => r.agentVersion)));
  const versions = await step(name, "ListAgentVersions", () => api.listAgentVersions(agentId));
  const unused = versions
    .map((v) => v.agentVersion)
    .filter((v) => v !== "DRAFT" && !used.has(v))
    .sort((a, b) => Number(a) - Number(b));
  for (const version of unused.slice(0, Math.max(0, unused.length - keep))) {
    await mutate(
      ctx,
      name,
      "DeleteAgentVersion",
      `version ${version}`,
      () => api.deleteAgentVersion(agentId, version),
      () => settleAgent(ctx, name, agentId),
    );
  }
}
