/**
 * Which agent a trace event belongs to. A supervisor's collaborators send their traces through
 * the supervisor's stream with a longer `callerChain` and their `collaboratorName`; the chain's
 * length gives the indentation and its last alias ARN keeps each agent's steps apart.
 */
import type { AgentRef, RenderState } from "./state.js";
import { list, type Rec, rec, str } from "./values.js";

export function agentOf(part: Rec, state: RenderState): AgentRef {
  const chain = list(part.callerChain)
    .map((c) => str(rec(c)?.agentAliasArn))
    .filter((arn): arn is string => arn !== undefined);
  const depth = Math.max(0, chain.length - 1);
  const key = chain.at(-1) ?? `${str(part.agentId) ?? ""}/${str(part.agentAliasId) ?? ""}`;
  // Real captures give a collaborator's own collaborators the *first-level* collaboratorName, so
  // the name the calling agent used for this alias ARN wins; the agent id is the last resort.
  const called = chain.at(-1) !== undefined ? state.collaboratorNames.get(chain.at(-1) as string) : undefined;
  const name = called ?? str(part.collaboratorName);
  const label = depth > 0 ? (name ?? str(part.agentId) ?? aliasArnAgentId(chain.at(-1))) : undefined;
  return label ? { key, depth, label } : { key, depth };
}

function aliasArnAgentId(arn: string | undefined): string | undefined {
  return arn?.split("/").at(-2);
}
