/**
 * What every apply step shares: the ports, the desired project, a log of the operations
 * applied, progress reporting, and the alias ARNs deployed so far (a supervisor resolves
 * its collaborators' aliases from here once they are deployed).
 */
import type { DeployedState } from "./deployed.js";
import type { DesiredProject } from "./desired.js";
import { step } from "./errors.js";
import type { DeployPorts } from "./ports.js";
import { DEFAULT_WAIT, retryOnConflict, type WaitPolicy } from "./wait.js";

export interface AppliedOperation {
  agent: string;
  operation: string;
  /** What it acted on: an alias name, an action group, a function… */
  target?: string;
}

export interface ProgressEvent {
  agent: string;
  message: string;
  state: "running" | "done" | "failed";
}

export type ProgressSink = (event: ProgressEvent) => void;

export interface ApplyContext {
  ports: DeployPorts;
  desired: DesiredProject;
  deployed: DeployedState;
  /** Alias ARNs by `agent:<name>/<alias>` as they become known. */
  aliasArns: Map<string, string>;
  /** Agents' ids by name as they become known (workflows compile with them). */
  agentIds: Map<string, { agentId: string; agentArn: string }>;
  operations: AppliedOperation[];
  progress: ProgressSink;
  wait: WaitPolicy;
  /** Keep at most this many unreferenced versions per agent (undefined = never prune). */
  pruneVersions?: number;
}

export function newApplyContext(
  ports: DeployPorts,
  desired: DesiredProject,
  deployed: DeployedState,
  progress: ProgressSink,
  extra: { wait?: WaitPolicy; pruneVersions?: number } = {},
): ApplyContext {
  const aliasArns = new Map<string, string>();
  const agentIds = new Map<string, { agentId: string; agentArn: string }>();
  for (const agent of deployed.agents.values()) {
    agentIds.set(agent.name, { agentId: agent.agentId, agentArn: agent.agentArn });
    for (const alias of agent.aliases) aliasArns.set(`agent:${agent.name}/${alias.name}`, alias.arn);
  }
  return {
    ports,
    desired,
    deployed,
    aliasArns,
    agentIds,
    operations: [],
    progress,
    wait: extra.wait ?? DEFAULT_WAIT,
    ...(extra.pruneVersions !== undefined ? { pruneVersions: extra.pruneVersions } : {}),
  };
}

/**
 * One mutating call: retried after the resource settles if it hits ConflictException,
 * recorded when it succeeds, and failing with the agent and operation named.
 */
export async function mutate<T>(
  ctx: ApplyContext,
  agent: string,
  operation: string,
  target: string | undefined,
  fn: () => Promise<T>,
  settle: () => Promise<unknown> = async () => {},
): Promise<T> {
  const result = await step(agent, operation, () => retryOnConflict(fn, settle));
  ctx.operations.push({ agent, operation, ...(target ? { target } : {}) });
  return result;
}
