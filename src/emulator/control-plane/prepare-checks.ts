import type { StoredAgent } from "../store/index.js";
import type { ControlPlaneContext } from "./context.js";
import type { PrepareOutcome } from "./lifecycle.js";
import { readOpenApiPayload } from "./openapi-operations.js";
import { draftScope } from "./resources.js";

/**
 * Why PrepareAgent would end FAILED for this draft (empty outcome = it
 * succeeds). Evaluated when PrepareAgent is called: the draft cannot change
 * while the agent is PREPARING, so the result is the same at completion.
 */
export function prepareOutcome(ctx: ControlPlaneContext, agent: StoredAgent): PrepareOutcome {
  const reasons: string[] = [];
  const actions: string[] = [];
  const fail = (reason: string, action: string): void => {
    reasons.push(reason);
    if (!actions.includes(action)) actions.push(action);
  };

  if (!agent.foundationModel) {
    fail(
      "The agent has no foundation model.",
      "Set foundationModel with UpdateAgent, then prepare the agent again.",
    );
  }
  if (!agent.agentResourceRoleArn) {
    fail(
      "The agent has no service role (agentResourceRoleArn).",
      "Set agentResourceRoleArn with UpdateAgent, then prepare the agent again.",
    );
  }
  // Bedrock needs an instruction to build the orchestration prompt; the safer
  // choice (§8 does not settle it) is to fail here rather than at invoke time.
  if (!agent.instruction && agent.orchestrationType !== "CUSTOM_ORCHESTRATION") {
    fail(
      "The agent has no instruction.",
      "Set instruction (40-4000 characters) with UpdateAgent, then prepare again.",
    );
  }

  for (const group of ctx.store.actionGroups.all(draftScope(agent.agentId))) {
    if (group.actionGroupState !== "ENABLED" || group.parentActionSignature) continue;
    const label = `Action group ${group.actionGroupName} (${group.actionGroupId})`;
    const fix = `Fix action group ${group.actionGroupName} with UpdateAgentActionGroup, then prepare again.`;
    if (!group.actionGroupExecutor)
      fail(`${label} has no actionGroupExecutor (lambda or customControl).`, fix);
    if (!group.apiSchema && !group.functionSchema)
      fail(`${label} has neither an apiSchema nor a functionSchema.`, fix);
    const payload = group.apiSchema?.payload;
    if (typeof payload === "string") {
      for (const problem of readOpenApiPayload(payload).problems) fail(`${label}: ${problem}.`, fix);
    }
    // apiSchema.s3 cannot be fetched offline; it is accepted unchecked (SPEC.md, deviations).
    const functions = group.functionSchema?.functions;
    if (group.functionSchema && (!Array.isArray(functions) || functions.length === 0)) {
      fail(`${label} has a functionSchema without functions.`, fix);
    }
  }

  const collaborators = ctx.store.collaborators.count(draftScope(agent.agentId));
  const collaboration = agent.agentCollaboration ?? "DISABLED";
  if ((collaboration === "SUPERVISOR" || collaboration === "SUPERVISOR_ROUTER") && collaborators === 0) {
    fail(
      `The agent's agentCollaboration is ${collaboration} but it has no collaborators.`,
      "Associate at least one collaborator with AssociateAgentCollaborator, or set agentCollaboration to DISABLED.",
    );
  }
  if (collaboration === "DISABLED" && collaborators > 0) {
    fail(
      `The agent has ${collaborators} collaborators but agentCollaboration is DISABLED.`,
      "Set agentCollaboration to SUPERVISOR or SUPERVISOR_ROUTER, or disassociate the collaborators.",
    );
  }

  if (ctx.faults.prepareShouldFail()) {
    fail(
      "Injected failure: the emulator's prepareFailure fault fired.",
      "Prepare the agent again (AGENTCTL_EMULATOR_FAULTS sets the failure rate).",
    );
  }
  return reasons.length === 0 ? {} : { failureReasons: reasons, recommendedActions: actions };
}
