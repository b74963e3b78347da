import type { StepFunctionsApi } from "../../aws/step-functions-api.js";
import { FailedError, UsageError } from "../../errors.js";
import type { ProjectConfig, WorkflowConfig } from "../../manifest/types.js";
import { fullHistory } from "./follow.js";
import { type PendingToken, pendingTaskTokens } from "./history.js";

/** The deployed state machine's name: `<project>-<workflow>`, what `deploy` creates. */
export function stateMachineName(
  project: Pick<ProjectConfig, "name">,
  workflow: Pick<WorkflowConfig, "name">,
): string {
  return `${project.name}-${workflow.name}`;
}

/** `--workflow NAME`, or the project's only workflow. */
export function chooseWorkflow(project: ProjectConfig, name?: string): WorkflowConfig {
  const workflows = project.workflows ?? [];
  const names = workflows.map((w) => w.name);
  if (name !== undefined) {
    const found = workflows.find((w) => w.name === name);
    if (!found)
      throw new UsageError(
        `The project has no workflow "${name}".`,
        names.length ? `Its workflows: ${names.join(", ")}.` : "agentctl.yaml lists no workflows.",
      );
    return found;
  }
  if (workflows.length === 1 && workflows[0]) return workflows[0];
  if (workflows.length === 0)
    throw new UsageError("The project has no workflows.", "List one under `workflows:` in agentctl.yaml.");
  throw new UsageError(
    `The project has ${workflows.length} workflows; say which with --workflow.`,
    `Its workflows: ${names.join(", ")}.`,
  );
}

export async function stateMachineArnOf(api: StepFunctionsApi, name: string): Promise<string> {
  const found = (await api.listStateMachines()).find((m) => m.name === name);
  if (!found?.stateMachineArn)
    throw new FailedError(`The state machine ${name} is not deployed.`, "Run `agentctl deploy` first.");
  return found.stateMachineArn;
}

export const isExecutionArn = (ref: string) =>
  /^arn:aws[a-z-]*:states:[^:]*:\d{12}:(execution|express):/.test(ref);

/**
 * An execution ARN as given, or the execution of that name of one of `stateMachineArns`.
 * A STANDARD execution's ARN is its state machine's with `execution:` and the name
 * (aws-behaviour.md §6.2), so one DescribeExecution per state machine finds it, however
 * many executions there are.
 */
export async function resolveExecution(
  api: StepFunctionsApi,
  ref: string,
  stateMachineArns: readonly string[],
): Promise<{ executionArn: string }> {
  if (isExecutionArn(ref)) return { executionArn: ref };
  for (const stateMachineArn of stateMachineArns) {
    const executionArn = `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${ref}`;
    try {
      await api.describeExecution(executionArn);
      return { executionArn };
    } catch (err) {
      // InvalidArn: the name has characters no execution name may have, so it is none of these.
      if (!["ExecutionDoesNotExist", "InvalidArn"].includes((err as Error).name)) throw err;
    }
  }
  throw new FailedError(
    `No execution named "${ref}" in this project's workflows.`,
    "Give its ARN or name; `agentctl executions` lists them.",
  );
}

/** The one token an execution waits on; an error names the choices when there are several. */
export async function pendingTokenOf(api: StepFunctionsApi, executionArn: string): Promise<PendingToken> {
  const pending = pendingTaskTokens(await fullHistory(api, executionArn));
  const [only] = pending;
  if (!only)
    throw new FailedError(
      `The execution ${executionArn} is not waiting for a task token.`,
      "`agentctl execution` shows where it is.",
    );
  if (pending.length > 1)
    throw new UsageError(
      `The execution waits on ${pending.length} task tokens (${pending.map((p) => p.state).join(", ")}).`,
      "Give the token itself; `agentctl execution NAME` prints each.",
    );
  return only;
}
