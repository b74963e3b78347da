/**
 * From a project agent's name to the ids InvokeAgent needs, through the control plane: the
 * agent by name (ListAgents), then the alias by name (ListAgentAliases). `--draft` is the test
 * alias TSTALIASID, which runs the DRAFT version (aws-behaviour.md §3.2).
 */
import { NotConfiguredError, UsageError } from "../../errors.js";

export const DRAFT_ALIAS_ID = "TSTALIASID";

export interface AgentDirectory {
  listAgents(
    nextToken?: string,
  ): Promise<{ agents: { agentId: string; agentName: string }[]; nextToken?: string }>;
  listAgentAliases(
    agentId: string,
    nextToken?: string,
  ): Promise<{ aliases: { agentAliasId: string; agentAliasName: string }[]; nextToken?: string }>;
}

export interface ResolvedAgent {
  agentId: string;
  agentAliasId: string;
  /** The alias name, or `DRAFT` for the test alias. */
  aliasName: string;
}

export async function resolveAgent(
  directory: AgentDirectory,
  name: string,
  alias: { draft: true } | { name: string },
): Promise<ResolvedAgent> {
  const agentId = await findAgentId(directory, name);
  if ("draft" in alias) return { agentId, agentAliasId: DRAFT_ALIAS_ID, aliasName: "DRAFT" };
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await directory.listAgentAliases(agentId, token);
    for (const a of page.aliases) {
      if (a.agentAliasName === alias.name)
        return { agentId, agentAliasId: a.agentAliasId, aliasName: alias.name };
      names.push(a.agentAliasName);
    }
    token = page.nextToken;
  } while (token);
  throw new NotConfiguredError(
    `Agent "${name}" has no alias "${alias.name}"${names.length ? ` (it has: ${names.join(", ")})` : ""}.`,
    "Deploy it (`agentctl deploy`), pick another with --alias NAME, or use --draft for the DRAFT version.",
  );
}

async function findAgentId(directory: AgentDirectory, name: string): Promise<string> {
  let token: string | undefined;
  do {
    const page = await directory.listAgents(token);
    const found = page.agents.find((a) => a.agentName === name);
    if (found) return found.agentId;
    token = page.nextToken;
  } while (token);
  throw new NotConfiguredError(
    `Agent "${name}" is not deployed on this target.`,
    "Run `agentctl deploy` first (or check --target, --region and --profile).",
  );
}

/** `k=v` pairs of repeatable options into a map; a pair without `=` is a usage error. */
export function parsePairs(
  values: readonly string[] | undefined,
  flag: string,
): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const pair of values) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`${flag} takes KEY=VALUE, not "${pair}".`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}
