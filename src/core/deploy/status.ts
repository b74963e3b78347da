/**
 * `status`: the project's agents as deployed, read once: id, status, whether DRAFT is
 * prepared and matches the manifests, aliases → versions (and whether each serves the
 * manifests' content), and drift (DRAFT changed outside agentctl since its last deploy);
 * then its workflows: the state machine, and whether a deploy would change it.
 */
import { readDeployedState } from "./deployed.js";
import { OwnershipError } from "./diff.js";
import { type EngineOptions, loadDesired } from "./engine.js";
import type { WorkflowPlan } from "./plan-types.js";
import type { DeployPorts } from "./ports.js";
import { HASH_TAG } from "./tags.js";
import { diffWorkflows, observeWorkflows } from "./workflow-plan.js";

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

export interface WorkflowStatusRow {
  name: string;
  stateMachineName: string;
  stateMachineArn?: string;
  deployed: boolean;
  /** Tagged as this project's; a same-name state machine of someone else's is never changed. */
  owned: boolean;
  /** The deployed definition, role and type are what a deploy would send (nothing to apply). */
  matchesManifests: boolean;
}

export async function projectStatus(
  ports: DeployPorts,
  opts: Pick<EngineOptions, "projectDir" | "vars" | "validated">,
): Promise<{ project: string; agents: AgentStatusRow[]; workflows: WorkflowStatusRow[] }> {
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
  const observed = await observeWorkflows(ports, desired, state, 4);
  let planned: WorkflowPlan[] | undefined;
  try {
    planned = diffWorkflows(desired, state, observed).filter((i): i is WorkflowPlan => i.kind === "workflow");
  } catch (err) {
    // A same-name adapter or state machine that is not the project's: plan and deploy refuse
    // it; status shows what it can.
    if (!(err instanceof OwnershipError)) throw err;
  }
  const workflows = (desired.workflows ?? []).map((wf): WorkflowStatusRow => {
    const machine = observed.machines[wf.stateMachineName];
    const item = planned?.find((p) => p.stateMachineName === wf.stateMachineName);
    return {
      name: wf.name,
      stateMachineName: wf.stateMachineName,
      ...(machine ? { stateMachineArn: machine.arn } : {}),
      deployed: machine !== undefined,
      owned: machine?.owned ?? false,
      matchesManifests: machine?.owned === true && item !== undefined && item.changes === 0,
    };
  });
  return { project: desired.project, agents: rows, workflows };
}
