/**
 * Applying the workflows' items: the adapter function and its role, then each workflow's
 * topics, role and state machine. They run after the agents they call (plan dependencies),
 * so every definition is compiled here with the ids deployed by now. Calls that use a role
 * created or changed in this run retry its IAM propagation errors with bounded backoff.
 */
import { adapterCodeSha256, adapterPackage } from "../workflow/index.js";
import { deleteRole } from "./agent-delete.js";
import { type ApplyContext, mutate } from "./apply-context.js";
import { sameValue } from "./canonical.js";
import { step } from "./errors.js";
import { functionTrustPolicy } from "./iam-documents.js";
import type { AdapterPlan, WorkflowPlan } from "./plan-types.js";
import type { Tags } from "./ports.js";
import { HASH_TAG, PROJECT_TAG } from "./tags.js";
import { isLambdaRolePropagation, isStatesRolePropagation, pollUntil, retryPropagation } from "./wait.js";
import { compileFor, resolveAgents, stateMachineHash } from "./workflow-desired.js";
import {
  ADAPTER_POLICY_NAME,
  adapterPermissionsPolicy,
  STATE_MACHINE_POLICY_NAME,
} from "./workflow-documents.js";
import {
  adapterArnOf,
  adapterSettings,
  emptyAsUndefined,
  WORKFLOW_TAG,
  workflowDocuments,
} from "./workflow-plan.js";

export interface WorkflowOutcome {
  name: string;
  stateMachineName: string;
  stateMachineArn?: string;
  deleted?: boolean;
}

/** Every workflow compiled with the ids known now; fails if one calls an agent not deployed. */
function compiledNow(ctx: ApplyContext) {
  const { agents, missing } = resolveAgents(ctx.desired, {
    agent: (name) => ctx.agentIds.get(name),
    aliasArn: (name, alias) => ctx.aliasArns.get(`agent:${name}/${alias}`),
  });
  return (ctx.desired.workflows ?? []).map((wf) => {
    const lacking = wf.agents.filter((a) => missing.has(a));
    if (lacking.length > 0)
      throw new Error(`${wf.name}: agents ${lacking.join(", ")} are not deployed with their aliases yet.`);
    return { wf, compiled: compileFor(ctx.desired, wf, agents, adapterArnOf(ctx.desired)) };
  });
}

/** Creates the role or brings its trust and inline policy to the documents. Returns whether IAM changed. */
async function ensureRole(
  ctx: ApplyContext,
  label: string,
  input: {
    name: string;
    trust: unknown;
    policyName: string;
    policy: unknown;
    description: string;
    tags: Tags;
  },
): Promise<boolean> {
  const iam = ctx.ports.iam;
  const policy = emptyAsUndefined(input.policy);
  const role = await step(label, "GetRole", () => iam.getRole(input.name));
  if (!role) {
    await mutate(ctx, label, "CreateRole", input.name, () =>
      iam.createRole({
        name: input.name,
        path: "/agentctl/",
        trustPolicy: input.trust,
        description: input.description,
        tags: input.tags,
      }),
    );
    if (policy)
      await mutate(ctx, label, "PutRolePolicy", input.name, () =>
        iam.putRolePolicy(input.name, input.policyName, policy),
      );
    return true;
  }
  let changed = false;
  if (!sameValue(role.trustPolicy, input.trust)) {
    await mutate(ctx, label, "UpdateAssumeRolePolicy", input.name, () =>
      iam.updateTrustPolicy(input.name, input.trust),
    );
    changed = true;
  }
  const current = await step(label, "GetRolePolicy", () => iam.getRolePolicy(input.name, input.policyName));
  if (!sameValue(current, policy)) {
    await mutate(ctx, label, policy ? "PutRolePolicy" : "DeleteRolePolicy", input.name, () =>
      policy
        ? iam.putRolePolicy(input.name, input.policyName, policy)
        : iam.deleteRolePolicy(input.name, input.policyName),
    );
    changed = true;
  }
  return changed;
}

export async function applyAdapter(ctx: ApplyContext, plan: AdapterPlan): Promise<void> {
  const lambda = ctx.ports.lambda;
  const { project, region, account } = ctx.desired;
  const label = plan.name;
  if (
    plan.action === "delete" ||
    (plan.action === "unchanged" && plan.roles.some((r) => r.kind === "delete"))
  ) {
    if (plan.action === "delete")
      await mutate(ctx, label, "DeleteFunction", plan.name, () => lambda.deleteFunction(plan.name));
    for (const r of plan.roles) await deleteRole(ctx, label, r.name);
    return;
  }
  if (plan.changes === 0) return;
  ctx.progress({ agent: label, message: "adapter function", state: "running" });
  const aliasArns = compiledNow(ctx)
    .filter((c) => c.wf.usesAgents)
    .flatMap((c) => c.compiled.aliasArns);
  const tags = { [PROJECT_TAG]: project };
  const roleChanged = await ensureRole(ctx, label, {
    name: plan.roleName,
    trust: functionTrustPolicy(account),
    policyName: ADAPTER_POLICY_NAME,
    policy: adapterPermissionsPolicy(region, account, plan.name, aliasArns),
    description: `Execution role of agentctl's workflow adapter for project ${project}: invokes its agents' aliases`,
    tags,
  });
  const settings = adapterSettings(ctx.desired);
  const settled = (what: string) =>
    step(label, "GetFunction", () =>
      pollUntil(
        () => lambda.getFunction(plan.name),
        (f) => f !== undefined && f.state !== "Pending" && f.lastUpdateStatus !== "InProgress",
        `function ${plan.name} to ${what}`,
        ctx.wait,
      ),
    );
  const current = await step(label, "GetFunction", () => lambda.getFunction(plan.name));
  const zip = adapterPackage();
  if (!current) {
    await mutate(ctx, label, "CreateFunction", plan.name, () =>
      retryPropagation(
        () =>
          lambda.createFunction({
            name: plan.name,
            roleArn: settings.roleArn,
            handler: settings.handler,
            runtime: settings.runtime,
            timeout: settings.timeout,
            memorySize: settings.memorySize,
            zip,
            description: `agentctl's Step Functions → Bedrock agent adapter (project ${project})`,
            tags,
          }),
        isLambdaRolePropagation,
      ),
    );
    await settled("become Active");
    return;
  }
  if (current.codeSha256 !== adapterCodeSha256(zip)) {
    await mutate(ctx, label, "UpdateFunctionCode", plan.name, () =>
      lambda.updateFunctionCode(plan.name, zip),
    );
    await settled("finish updating its code");
  }
  const have = { roleArn: current.role, handler: current.handler, runtime: current.runtime };
  const differs =
    have.roleArn !== settings.roleArn ||
    have.handler !== settings.handler ||
    have.runtime !== settings.runtime ||
    current.timeout !== settings.timeout ||
    current.memorySize !== settings.memorySize;
  if (differs) {
    await mutate(ctx, label, "UpdateFunctionConfiguration", plan.name, () =>
      retryPropagation(
        () => lambda.updateFunctionConfiguration(plan.name, settings),
        (err) => roleChanged && isLambdaRolePropagation(err),
      ),
    );
    await settled("finish updating its configuration");
  }
}

export async function applyWorkflow(ctx: ApplyContext, plan: WorkflowPlan): Promise<WorkflowOutcome> {
  const sfn = ctx.ports.sfn;
  const { project, account } = ctx.desired;
  const label = plan.name;
  const base = { name: plan.name, stateMachineName: plan.stateMachineName };
  if (plan.action === "delete") {
    const arn = plan.stateMachineArn as string;
    await mutate(ctx, label, "DeleteStateMachine", plan.stateMachineName, () => sfn.delete(arn));
    for (const r of plan.roles) await deleteRole(ctx, label, r.name);
    for (const t of plan.topics)
      if (t.kind === "delete")
        await mutate(ctx, label, "DeleteTopic", t.arn, () => ctx.ports.sns.delete(t.arn));
    return { ...base, stateMachineArn: arn, deleted: true };
  }
  if (plan.changes === 0)
    return { ...base, ...(plan.stateMachineArn ? { stateMachineArn: plan.stateMachineArn } : {}) };
  ctx.progress({ agent: label, message: "state machine", state: "running" });
  const found = compiledNow(ctx).find((c) => c.wf.name === plan.name);
  if (!found) throw new Error(`internal: plan item ${plan.name} has no desired workflow`);
  const { wf, compiled } = found;
  const tags = { [PROJECT_TAG]: project, [WORKFLOW_TAG]: wf.name };
  for (const arn of compiled.topicArns) {
    if ((await step(label, "ListTagsForResource", () => ctx.ports.sns.tags(arn))) !== undefined) continue;
    const topic = arn.split(":").pop() as string;
    await mutate(ctx, label, "CreateTopic", topic, () => ctx.ports.sns.create(topic, tags));
  }
  const docs = workflowDocuments(ctx.desired, wf.stateMachineName, compiled);
  const roleChanged = await ensureRole(ctx, label, {
    name: plan.roleName,
    trust: docs.trust,
    policyName: STATE_MACHINE_POLICY_NAME,
    policy: docs.policy,
    description: `Role of state machine ${wf.stateMachineName} (agentctl project ${project})`,
    tags,
  });
  const roleArn = `arn:aws:iam::${account}:role/agentctl/${plan.roleName}`;
  const hash = stateMachineHash(compiled.text, roleArn, wf.type);
  const propagation = (err: unknown) => roleChanged && isStatesRolePropagation(err);
  const existing = (await step(label, "ListStateMachines", () => sfn.list())).find(
    (m) => m.name === wf.stateMachineName,
  );
  if (!existing) {
    const arn = await mutate(ctx, label, "CreateStateMachine", wf.stateMachineName, () =>
      retryPropagation(
        () =>
          sfn.create({
            name: wf.stateMachineName,
            definition: compiled.text,
            roleArn,
            type: wf.type,
            tags: { ...tags, [HASH_TAG]: hash },
          }),
        propagation,
      ),
    );
    return { ...base, stateMachineArn: arn };
  }
  const [info, current] = await Promise.all([
    step(label, "DescribeStateMachine", () => sfn.describe(existing.arn)),
    step(label, "ListTagsForResource", () => sfn.listTags(existing.arn)),
  ]);
  const same =
    info !== undefined &&
    info.roleArn === roleArn &&
    sameValue(JSON.parse(info.definition), compiled.definition) &&
    current[HASH_TAG] === hash;
  if (!same) {
    await mutate(ctx, label, "UpdateStateMachine", wf.stateMachineName, () =>
      retryPropagation(() => sfn.update(existing.arn, { definition: compiled.text, roleArn }), propagation),
    );
    await mutate(ctx, label, "TagResource", wf.stateMachineName, () =>
      sfn.tag(existing.arn, { [HASH_TAG]: hash }),
    );
  }
  return { ...base, stateMachineArn: existing.arn };
}
