/**
 * The workflows' part of the plan: what is deployed is read once (observeWorkflows), then the
 * pure diff (diffWorkflows) gives the adapter's item and one item per workflow. A state
 * machine changes only when its compiled definition, role or type does (the hash in its
 * tags), so a no-op redeploy plans nothing.
 */
import { ADAPTER_HANDLER, ADAPTER_RUNTIME, adapterCodeSha256 } from "../workflow/index.js";
import { sameValue } from "./canonical.js";
import { mapLimit } from "./concurrency.js";
import type { DeployedState } from "./deployed.js";
import type { DesiredProject } from "./desired.js";
import { OwnershipError } from "./diff.js";
import { step } from "./errors.js";
import { functionTrustPolicy } from "./iam-documents.js";
import type { ObservedRole } from "./iam-plan.js";
import {
  ADAPTER_KEY,
  type AdapterPlan,
  agentKey,
  type FieldChange,
  type RoleChange,
  type WorkflowPlan,
  workflowKey,
} from "./plan-types.js";
import type { DeployPorts, FunctionInfo, Tags } from "./ports.js";
import { HASH_TAG, PROJECT_TAG } from "./tags.js";
import { lineDiff } from "./text-diff.js";
import { type CompiledWorkflow, compileFor, resolveAgents, stateMachineHash } from "./workflow-desired.js";
import {
  ADAPTER_POLICY_NAME,
  adapterFunctionName,
  adapterPermissionsPolicy,
  adapterRoleName,
  STATE_MACHINE_POLICY_NAME,
  stateMachinePermissionsPolicy,
  stateMachineRoleName,
  stateMachineTrustPolicy,
} from "./workflow-documents.js";

/** On a state machine (and its role): the workflow it was deployed for. */
export const WORKFLOW_TAG = "agentctl:workflow";
/** Comfortably above one agent turn (the Lambda maximum: a turn with tools can take minutes). */
export const ADAPTER_TIMEOUT = 900;
export const ADAPTER_MEMORY = 256;

export interface ObservedMachine {
  arn: string;
  definition: string;
  roleArn: string;
  type: string;
  tags: Tags;
  owned: boolean;
}

export interface ObservedWorkflows {
  adapter?: FunctionInfo;
  roles: Record<string, ObservedRole>;
  machines: Record<string, ObservedMachine>;
  /** By topic ARN: undefined tags = the topic does not exist. */
  topics: Record<string, Tags | undefined>;
}

export const roleArnOf = (account: string, name: string) => `arn:aws:iam::${account}:role/agentctl/${name}`;
export const adapterArnOf = (d: DesiredProject) =>
  `arn:aws:lambda:${d.region}:${d.account}:function:${adapterFunctionName(d.project)}`;

/** Each workflow compiled with the ids deployed now (placeholders for agents not deployed yet). */
export function previews(desired: DesiredProject, deployed: DeployedState) {
  const { agents, missing } = resolveAgents(desired, {
    agent: (name) => deployed.agents.get(name),
    aliasArn: (name, alias) => deployed.agents.get(name)?.aliases.find((a) => a.name === alias)?.arn,
  });
  return (desired.workflows ?? []).map((wf) => ({
    wf,
    compiled: compileFor(desired, wf, agents, adapterArnOf(desired)),
    pending: wf.agents.some((a) => missing.has(a)),
  }));
}

/**
 * Reads the workflows' deployed side. Only the SNS topics depend on the agents' deployed state
 * (they come from the compiled definitions), so `deployed` may still be in flight: the state
 * machines, roles and adapter function are read meanwhile.
 */
export async function observeWorkflows(
  ports: DeployPorts,
  desired: DesiredProject,
  deployed: DeployedState | Promise<DeployedState>,
  concurrency: number,
): Promise<ObservedWorkflows> {
  const { project } = desired;
  const observed: ObservedWorkflows = { roles: {}, machines: {}, topics: {} };
  const declared = new Set((desired.workflows ?? []).map((w) => w.stateMachineName));
  const listed = (await step("(workflows)", "ListStateMachines", () => ports.sfn.list())).filter(
    (m) => declared.has(m.name) || m.name.startsWith(`${project}-`),
  );
  await mapLimit(listed, concurrency, async (m) => {
    const info = await step(m.name, "DescribeStateMachine", () => ports.sfn.describe(m.arn));
    if (!info) return;
    const tags = await step(m.name, "ListTagsForResource", () => ports.sfn.listTags(m.arn));
    const owned = tags[PROJECT_TAG] === project;
    if (declared.has(m.name) || owned) observed.machines[m.name] = { arn: m.arn, ...info, tags, owned };
  });
  const roles = new Map<string, string>([[adapterRoleName(project), ADAPTER_POLICY_NAME]]);
  for (const wf of desired.workflows ?? [])
    roles.set(stateMachineRoleName(project, wf.name), STATE_MACHINE_POLICY_NAME);
  for (const m of Object.values(observed.machines)) {
    const wf = m.tags[WORKFLOW_TAG];
    if (m.owned && wf) roles.set(stateMachineRoleName(project, wf), STATE_MACHINE_POLICY_NAME);
  }
  await Promise.all([
    mapLimit([...roles], concurrency, async ([name, policyName]) => {
      const role = await step(name, "GetRole", () => ports.iam.getRole(name));
      observed.roles[name] = role
        ? {
            exists: true,
            owned: role.tags[PROJECT_TAG] === project,
            trust: role.trustPolicy,
            policy: await step(name, "GetRolePolicy", () => ports.iam.getRolePolicy(name, policyName)),
          }
        : { exists: false, owned: false };
    }),
    (async () => {
      const name = adapterFunctionName(project);
      const fn = await step(name, "GetFunction", () => ports.lambda.getFunction(name));
      if (fn) observed.adapter = fn;
    })(),
    (async () => {
      const topics = new Set(previews(desired, await deployed).flatMap((p) => p.compiled.topicArns));
      await mapLimit([...topics], concurrency, async (arn) => {
        observed.topics[arn] = await step(arn, "ListTagsForResource", () => ports.sns.tags(arn));
      });
    })(),
  ]);
  return observed;
}

export function diffWorkflows(
  desired: DesiredProject,
  deployed: DeployedState,
  observed: ObservedWorkflows,
): (AdapterPlan | WorkflowPlan)[] {
  const compiled = previews(desired, deployed);
  const items: (AdapterPlan | WorkflowPlan)[] = [];
  const adapter = diffAdapter(desired, observed, compiled);
  if (adapter) items.push(adapter);
  for (const p of compiled) items.push(diffWorkflow(desired, observed, p));
  const declared = new Set(compiled.map((p) => p.wf.stateMachineName));
  for (const [name, m] of Object.entries(observed.machines))
    if (m.owned && !declared.has(name)) items.push(workflowDeletion(desired, name, m, observed));
  return items;
}

function roleChanges(
  name: string,
  role: ObservedRole | undefined,
  trust: unknown,
  policy: unknown,
  pending: boolean,
): RoleChange[] {
  if (!role?.exists) return [{ name, kind: "create", document: policy }];
  const changes: RoleChange[] = [];
  if (!sameValue(role.trust, trust)) changes.push({ name, kind: "update-trust", document: trust });
  if (pending || !sameValue(role.policy, emptyAsUndefined(policy)))
    changes.push({ name, kind: "update-policy", document: policy });
  return changes;
}

/** A document without statements is not written (IAM refuses it): the role has no inline policy. */
export function emptyAsUndefined(policy: unknown): unknown {
  return (policy as { Statement?: unknown[] }).Statement?.length ? policy : undefined;
}

function diffAdapter(
  desired: DesiredProject,
  observed: ObservedWorkflows,
  compiled: ReturnType<typeof previews>,
): AdapterPlan | undefined {
  const { project, region, account } = desired;
  const name = adapterFunctionName(project);
  const roleName = adapterRoleName(project);
  const using = compiled.filter((p) => p.wf.usesAgents);
  const fn = observed.adapter;
  const base = {
    kind: "adapter" as const,
    key: ADAPTER_KEY as typeof ADAPTER_KEY,
    name,
    roleName,
    code: false,
    configuration: [],
  };
  if (using.length === 0) {
    if (!fn || fn.tags[PROJECT_TAG] !== project) return undefined;
    const roles: RoleChange[] = observed.roles[roleName]?.owned ? [{ name: roleName, kind: "delete" }] : [];
    return { ...base, action: "delete", roles, dependsOn: [], changes: 1 + roles.length };
  }
  if (fn && fn.tags[PROJECT_TAG] !== project)
    throw new OwnershipError(
      `A Lambda function named ${name} already exists and does not belong to project ${project}; agentctl will not change it.`,
      "Delete or rename that function, or rename the project in agentctl.yaml.",
    );
  const aliasArns = using.flatMap((p) => p.compiled.aliasArns);
  const pending = using.some((p) => p.pending);
  const roles = roleChanges(
    roleName,
    observed.roles[roleName],
    functionTrustPolicy(account),
    adapterPermissionsPolicy(region, account, name, aliasArns),
    pending,
  );
  const configuration: FieldChange[] = [];
  let code = false;
  if (fn) {
    code = fn.codeSha256 !== adapterCodeSha256();
    const want = adapterSettings(desired);
    const have = {
      roleArn: fn.role,
      handler: fn.handler,
      runtime: fn.runtime,
      timeout: fn.timeout,
      memorySize: fn.memorySize,
    };
    for (const [field, to] of Object.entries(want)) {
      const from = have[field as keyof typeof have];
      if (from !== to) configuration.push({ field, ...(from !== undefined ? { from } : {}), to });
    }
  }
  const dependsOn = [...new Set(using.flatMap((p) => p.wf.agents))].map(agentKey);
  const action = !fn ? "create" : code || configuration.length > 0 ? "update" : "unchanged";
  const changes =
    roles.length + (action === "create" ? 1 : 0) + (code ? 1 : 0) + (configuration.length ? 1 : 0);
  return { ...base, action, code, configuration, roles, dependsOn, changes };
}

export function adapterSettings(desired: DesiredProject) {
  return {
    roleArn: roleArnOf(desired.account, adapterRoleName(desired.project)),
    handler: ADAPTER_HANDLER,
    runtime: ADAPTER_RUNTIME,
    timeout: ADAPTER_TIMEOUT,
    memorySize: ADAPTER_MEMORY,
  };
}

/** The role's documents for one workflow's compiled definition. */
export function workflowDocuments(desired: DesiredProject, stateMachine: string, compiled: CompiledWorkflow) {
  return {
    trust: stateMachineTrustPolicy(desired.region, desired.account, stateMachine),
    policy: stateMachinePermissionsPolicy(compiled.functionArns, compiled.topicArns),
  };
}

function diffWorkflow(
  desired: DesiredProject,
  observed: ObservedWorkflows,
  { wf, compiled, pending }: ReturnType<typeof previews>[number],
): WorkflowPlan {
  const { project, account } = desired;
  const roleName = stateMachineRoleName(project, wf.name);
  const roleArn = roleArnOf(account, roleName);
  const docs = workflowDocuments(desired, wf.stateMachineName, compiled);
  const roles = roleChanges(roleName, observed.roles[roleName], docs.trust, docs.policy, pending);
  const topics = compiled.topicArns
    .filter((arn) => observed.topics[arn] === undefined)
    .map((arn) => ({ arn, kind: "create" as const }));
  const machine = observed.machines[wf.stateMachineName];
  if (machine && !machine.owned)
    throw new OwnershipError(
      `A state machine named ${wf.stateMachineName} already exists and does not belong to project ${project} (no ${PROJECT_TAG}=${project} tag); agentctl will not change it.`,
      "Delete or rename that state machine, or rename the workflow in agentctl.yaml.",
    );
  if (machine && machine.type !== wf.type)
    throw new OwnershipError(
      `The state machine ${wf.stateMachineName} is ${machine.type}, the workflow says ${wf.type}; Step Functions cannot change a state machine's type.`,
      "Run `agentctl destroy` (or delete the state machine) and deploy again, or keep its type.",
    );
  const hash = stateMachineHash(compiled.text, roleArn, wf.type);
  const deployedText = machine ? prettyDefinition(machine.definition) : "";
  const changed =
    !machine ||
    pending ||
    machine.tags[HASH_TAG] !== hash ||
    machine.roleArn !== roleArn ||
    deployedText !== compiled.text;
  const action = !machine ? "create" : changed ? "update" : "unchanged";
  return {
    kind: "workflow",
    key: workflowKey(wf.name),
    name: wf.name,
    stateMachineName: wf.stateMachineName,
    ...(machine ? { stateMachineArn: machine.arn } : {}),
    roleName,
    action,
    type: wf.type,
    definitionDiff: changed && deployedText !== compiled.text ? lineDiff(deployedText, compiled.text) : [],
    pending,
    roles,
    topics,
    dependsOn: [...wf.agents.map(agentKey), ...(wf.usesAgents ? [ADAPTER_KEY] : [])],
    hash,
    changes: roles.length + topics.length + (changed ? 1 : 0),
  };
}

/** The definition as deployed, in the layout deploy sends (so equal content diffs empty). */
function prettyDefinition(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function workflowDeletion(
  desired: DesiredProject,
  name: string,
  machine: ObservedMachine,
  observed: ObservedWorkflows,
): WorkflowPlan {
  const workflow = machine.tags[WORKFLOW_TAG] ?? name;
  const roleName = stateMachineRoleName(desired.project, workflow);
  const roles: RoleChange[] = observed.roles[roleName]?.owned ? [{ name: roleName, kind: "delete" }] : [];
  return {
    kind: "workflow",
    key: workflowKey(workflow),
    name: workflow,
    stateMachineName: name,
    stateMachineArn: machine.arn,
    roleName,
    action: "delete",
    type: machine.type === "EXPRESS" ? "EXPRESS" : "STANDARD",
    definitionDiff: [],
    pending: false,
    roles,
    topics: [],
    dependsOn: [],
    hash: machine.tags[HASH_TAG] ?? "",
    changes: 1 + roles.length,
  };
}

/** destroy: every owned state machine with its role and the owned topics, then the adapter. */
export function workflowRemovals(
  desired: DesiredProject,
  observed: ObservedWorkflows,
): (AdapterPlan | WorkflowPlan)[] {
  const { project } = desired;
  const items: (AdapterPlan | WorkflowPlan)[] = [];
  const topics = Object.entries(observed.topics)
    .filter(([, tags]) => tags?.[PROJECT_TAG] === project)
    .map(([arn]) => ({ arn, kind: "delete" as const }));
  for (const [name, m] of Object.entries(observed.machines))
    if (m.owned) items.push(workflowDeletion(desired, name, m, observed));
  const first = items[0] as WorkflowPlan | undefined;
  if (first) {
    first.topics = topics;
    first.changes += topics.length;
  }
  const fn = observed.adapter;
  const roleName = adapterRoleName(project);
  const role = observed.roles[roleName];
  if ((fn && fn.tags[PROJECT_TAG] === project) || role?.owned) {
    const roles: RoleChange[] = role?.owned ? [{ name: roleName, kind: "delete" }] : [];
    const deleteFunction = Boolean(fn && fn.tags[PROJECT_TAG] === project);
    items.push({
      kind: "adapter",
      key: ADAPTER_KEY,
      name: adapterFunctionName(project),
      roleName,
      action: deleteFunction ? "delete" : "unchanged",
      code: false,
      configuration: [],
      roles,
      dependsOn: items.map((i) => i.key),
      changes: (deleteFunction ? 1 : 0) + roles.length,
    });
  }
  return items;
}
