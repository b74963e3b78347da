import type { Operation } from "../context.js";
import { requiredString } from "../input.js";
import { scheduleTransition, Transition } from "../lifecycle.js";
import { prepareOutcome } from "../prepare-checks.js";
import { DRAFT, isoNow, requireAgent, requireSettled, saveAgent } from "../resources.js";

/** PREPARING → PREPARED, or FAILED with failureReasons (§3.1); always 202 PREPARING first. */
export const PrepareAgent: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = requireAgent(ctx, requiredString(input, "agentId"));
    requireSettled(agent, "PrepareAgent");
    const outcome = prepareOutcome(ctx, agent);
    const now = isoNow(ctx);
    agent.agentStatus = "PREPARING";
    agent.updatedAt = now;
    saveAgent(ctx, agent);
    scheduleTransition(ctx, agent.agentId, Transition.AgentPrepared, { ...outcome });
    // preparedAt is a required response member; it is when this prepare started.
    return {
      status: 202,
      body: { agentId: agent.agentId, agentStatus: "PREPARING", agentVersion: DRAFT, preparedAt: now },
    };
  },
};
