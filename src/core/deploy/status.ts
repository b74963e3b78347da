/**
 * `status`: the project's agents as deployed, read once: id, status, whether DRAFT is
 * prepared and matches the manifests, aliases → versions (and whether each serves the
 * manifests' content), and drift (DRAFT changed outside agentctl since its last deploy).
 */
import { readDeployedState } from "./deployed.js";
import { loadDesired } from "./engine.js";
import type { DeployPorts } from "./ports.js";
import { HASH_TAG } from "./tags.js";

export interface AgentStatusRow {
  name: string;
  agentId?: string;
  status: string;
  deployed: boolean;
  owned: boolean;
  prepared: boolean;
  /** DRAFT has exactly the manifests' definition. */
  matchesManifests: boolean;
  /** DRAFT no longer hashes to what agentctl last applied (or a deploy was interrupted). */
  drift: boolean;
  aliases: { name: string; version?: string; upToDate: boolean }[];
}

export async function projectStatus(
  ports: DeployPorts,
  opts: { projectDir: string; vars: Readonly<Record<string, string | undefined>>; validated?: boolean },
): Promise<{ project: string; agents: AgentStatusRow[] }> {
  const desired = await loadDesired(ports, opts);
  const state = await readDeployedState(ports.agents, {
    project: desired.project,
    region: desired.region,
    account: desired.account,
    names: desired.agents.map((a) => a.name),
    concurrency: 4,
  });
  const rows: AgentStatusRow[] = desired.agents.map((a) => {
    const d = state.agents.get(a.name);
    if (!d) {
      return {
        name: a.name,
        status: "NOT DEPLOYED",
        deployed: false,
        owned: false,
        prepared: false,
        matchesManifests: false,
        drift: false,
        aliases: [],
      };
    }
    const recorded = d.tags[HASH_TAG];
    return {
      name: a.name,
      agentId: d.agentId,
      status: d.status,
      deployed: true,
      owned: d.owned,
      prepared: d.status === "PREPARED",
      matchesManifests: d.draftHash === a.hash,
      drift: recorded !== undefined && recorded !== d.draftHash,
      aliases: d.aliases.map((x) => ({
        name: x.name,
        ...(x.version ? { version: x.version } : {}),
        upToDate: x.servedHash === a.hash,
      })),
    };
  });
  return { project: desired.project, agents: rows };
}
