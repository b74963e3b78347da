/**
 * The deploy engine's entry points: load and validate the project (nothing is written
 * when it has errors), read the deployed state once, diff into a plan, apply it.
 * `${account}` is the caller's account from STS GetCallerIdentity on every target.
 */
import { hasErrors } from "../../diagnostics.js";
import { InvalidInputError, UsageError } from "../../errors.js";
import { defaultInterpolation } from "../../manifest/interpolate.js";
import { loadProject } from "../../manifest/load-project.js";
import { didYouMean } from "../../source/did-you-mean.js";
import { type ValidatedProject, validateProjectLoaded } from "../validate-project.js";
import { applyPlan, type DeployResult } from "./apply.js";
import { newApplyContext, type ProgressSink } from "./apply-context.js";
import { type DeployedState, readDeployedState } from "./deployed.js";
import { type DesiredProject, desiredProject } from "./desired.js";
import { diffProject } from "./diff.js";
import { step } from "./errors.js";
import { observeIam } from "./iam-apply.js";
import type { ObservedIam } from "./iam-plan.js";
import type { Plan } from "./plan-types.js";
import type { DeployPorts } from "./ports.js";
import type { WaitPolicy } from "./wait.js";
import { desiredWorkflows } from "./workflow-desired.js";
import { diffWorkflows, observeWorkflows } from "./workflow-plan.js";

export interface EngineOptions {
  projectDir: string;
  vars: Readonly<Record<string, string | undefined>>;
  /** Agent names from the command line (empty = all). */
  agents?: readonly string[];
  adopt?: boolean;
  concurrency?: number;
  /**
   * preflight() already ran (commands run it before opening the target); given its result,
   * the project it loaded is reused when the target's region and account are the ones it
   * was interpolated with (the emulator's, usually) instead of being read and parsed again.
   */
  validated?: boolean | ValidatedProject;
}

export interface PlannedDeployment {
  desired: DesiredProject;
  deployed: DeployedState;
  observed: ObservedIam;
  plan: Plan;
}

export const DEFAULT_CONCURRENCY = 4;

/**
 * Validation and the agent names given on the command line, before any client is built:
 * bad input fails here with nothing written (not even the emulator's state file).
 */
export async function preflight(
  opts: Pick<EngineOptions, "projectDir" | "vars" | "agents">,
): Promise<ValidatedProject> {
  const validated = await validateProjectLoaded(opts.projectDir, opts.vars);

  const { report } = validated;
  if (report.errors > 0) {
    throw new InvalidInputError(
      `The project has ${report.errors} error${report.errors === 1 ? "" : "s"}; nothing was deployed.`,
      report.diagnostics.filter((d) => d.severity === "error"),
      "Fix them (agentctl validate shows the same list) and run the command again.",
    );
  }
  checkNames(report.agents, opts.agents ?? []);
  return validated;
}

/** Loads the project with the target's account and region (validating first unless already done). */
export async function loadDesired(ports: DeployPorts, opts: EngineOptions): Promise<DesiredProject> {
  const validated = opts.validated || (await preflight(opts));
  const account = await step("(project)", "GetCallerIdentity", () => ports.sts.callerAccount());

  const reusable =
    typeof validated === "object" &&
    validated.interpolation.region === ports.region &&
    validated.interpolation.account === account;
  const loaded = reusable
    ? validated.loaded
    : await loadProject(opts.projectDir, () =>
        defaultInterpolation(opts.vars, { region: ports.region, account }),
      );
  if (!loaded.value || hasErrors(loaded.diagnostics)) {
    throw new InvalidInputError("The project does not load.", loaded.diagnostics);
  }
  const desired = await desiredProject(loaded.value, { region: ports.region, account });
  desired.workflows = await desiredWorkflows(loaded.value);
  checkNames(
    desired.agents.map((a) => a.name),
    opts.agents ?? [],
  );
  return desired;
}

function checkNames(known: readonly string[], names: readonly string[]): void {
  for (const name of names) {
    if (known.includes(name)) continue;
    const suggestion = didYouMean(name, known);
    throw new UsageError(
      `The project has no agent named "${name}".`,
      suggestion ?? `Its agents: ${known.join(", ") || "(none)"}.`,
    );
  }
}

export async function planDeployment(ports: DeployPorts, opts: EngineOptions): Promise<PlannedDeployment> {
  const desired = await loadDesired(ports, opts);

  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  const only = opts.agents && opts.agents.length > 0 ? opts.agents : undefined;
  // Bedrock, IAM/Lambda and the workflows' side are read side by side (the workflows need the
  // agents' state only for their topics); roles of agents being removed are read after.
  const reading = readDeployedState(ports.agents, {
    project: desired.project,
    region: desired.region,
    account: desired.account,
    names: desired.agents.map((a) => a.name),
    concurrency,
  });
  // Workflows go with the whole project (a deploy of named agents leaves them as they are).
  const observingWorkflows = only ? undefined : observeWorkflows(ports, desired, reading, concurrency);
  // Awaited after the agents' side, whose errors are reported first as before; not unhandled meanwhile.
  observingWorkflows?.catch(() => {});
  const [deployed, observed] = await Promise.all([reading, observeIam(ports, desired, [], concurrency)]);

  const declared = new Set(desired.agents.map((a) => a.name));
  const removedRoles = [...deployed.agents.values()]
    .filter(
      (a) =>
        a.owned && !declared.has(a.name) && a.draft.agent.agentResourceRoleArn.includes(":role/agentctl/"),
    )
    .map((a) => a.draft.agent.agentResourceRoleArn.split("/").pop() as string)
    .filter((name) => !(name in observed.roles));
  if (removedRoles.length > 0) {
    const extra = await observeIam(ports, { ...desired, agents: [] }, removedRoles, concurrency);
    Object.assign(observed.roles, extra.roles);
  }
  const plan: Plan = diffProject(desired, deployed, observed, {
    adopt: opts.adopt ?? false,
    ...(only ? { only } : {}),
  });
  if (observingWorkflows) {
    const workflows = await observingWorkflows;

    const items = diffWorkflows(desired, deployed, workflows);
    plan.items.push(...items);
    plan.changes += items.reduce((n, i) => n + i.changes, 0);
  }
  return { desired, deployed, observed, plan };
}

export interface DeployOptions extends EngineOptions {
  pruneVersions?: number;
  progress: ProgressSink;
  wait?: WaitPolicy;
}

export async function deployProject(
  ports: DeployPorts,
  opts: DeployOptions,
): Promise<{ plan: Plan; result: DeployResult }> {
  const planned = await planDeployment(ports, opts);
  const ctx = newApplyContext(ports, planned.desired, planned.deployed, opts.progress, {
    ...(opts.wait ? { wait: opts.wait } : {}),
    ...(opts.pruneVersions !== undefined ? { pruneVersions: opts.pruneVersions } : {}),
  });
  const result = await applyPlan(ctx, planned.plan, opts.concurrency ?? DEFAULT_CONCURRENCY);

  return { plan: planned.plan, result };
}
