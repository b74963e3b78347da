/**
 * Ids for compiling a template before anything is deployed (validate): the project's agents
 * with plausible ids and ARNs in the shapes Bedrock mints, so the compiled definition is
 * checked as it will look after deploy.
 */
import type { ResolvedAgents } from "./types.js";

/** The adapter ARN validate compiles with (the one its ASL checks already use). */
export { ADAPTER_FUNCTION_ARN_EXAMPLE as PLACEHOLDER_ADAPTER_ARN } from "../../asl/mistake-checks.js";

export function placeholderAgents(
  aliases: Readonly<Record<string, readonly string[] | undefined>>,
  names: readonly string[],
  { region = "us-east-1", account = "123456789012" }: { region?: string; account?: string } = {},
): ResolvedAgents {
  const agents: Record<string, ResolvedAgents[string]> = {};
  names.forEach((name, i) => {
    const agentId = `AGENT${String(i).padStart(5, "0")}`;
    const declared = aliases[name]?.length ? (aliases[name] ?? []) : ["live"];
    agents[name] = {
      agentId,
      agentArn: `arn:aws:bedrock:${region}:${account}:agent/${agentId}`,
      aliases: declared.map((alias, j) => {
        const aliasId = `ALIAS${String(i).padStart(3, "0")}${String(j).padStart(2, "0")}`;
        return {
          name: alias,
          aliasId,
          aliasArn: `arn:aws:bedrock:${region}:${account}:agent-alias/${agentId}/${aliasId}`,
        };
      }),
    };
  });
  return agents;
}
