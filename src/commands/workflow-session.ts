/**
 * What the workflow commands share: the project's agentctl.yaml, the target's
 * Step Functions API, and the state machines of the project's workflows.
 */
import { type StepFunctionsApi, stepFunctionsApi } from "../aws/step-functions-api.js";
import type { Context } from "../context.js";
import { stateMachineName } from "../core/executions/workflows.js";
import { InvalidInputError } from "../errors.js";
import { readProjectConfig } from "../manifest/load-project-config.js";
import type { ProjectConfig } from "../manifest/types.js";
import { withTargetClients } from "./target-clients.js";

export interface WorkflowSession {
  project: ProjectConfig;
  api: StepFunctionsApi;
  /** ARNs of the deployed STANDARD state machines of the project's workflows (undeployed ones left out). */
  stateMachineArns(): Promise<string[]>;
}

export async function withWorkflowSession<T>(
  ctx: Context,
  fn: (session: WorkflowSession) => Promise<T>,
): Promise<T> {
  const config = await readProjectConfig(ctx.projectDir, ctx.env.vars);
  const project = config.located?.value;
  if (!project) {
    throw new InvalidInputError(
      "agentctl.yaml has errors.",
      config.diagnostics.filter((d) => d.severity === "error"),
      "Run `agentctl validate`.",
    );
  }
  return withTargetClients(ctx, project, async (clients) => {
    const api = await stepFunctionsApi(await clients.sfn());
    const stateMachineArns = async () => {
      const wanted = new Set((project.workflows ?? []).map((w) => stateMachineName(project, w)));
      return (
        (await api.listStateMachines())
          // EXPRESS machines keep no executions to list, resolve or answer.
          .filter((m) => m.name && wanted.has(m.name) && m.type !== "EXPRESS")
          .map((m) => m.stateMachineArn ?? "")
      );
    };
    return fn({ project, api, stateMachineArns });
  });
}
