import { notFound, validationError } from "../../aws-error.js";
import type { RoutingItem, StoredAgent, StoredAlias } from "../../store/index.js";
import type { ControlPlaneContext, OperationInput } from "../context.js";
import { optionalArray } from "../input.js";
import { DRAFT, isoNow, saveAgent } from "../resources.js";
import { snapshotDraft } from "./versions.js";

/** §2.3: agentAliasHistoryEvents holds at most 10 entries. */
const MAX_HISTORY = 10;

export interface ResolvedRouting {
  routing: RoutingItem[];
  /** True when a new version was snapshotted (the agent is now VERSIONING). */
  versioning: boolean;
}

/**
 * What an alias write routes to (§3.2): the named existing version, or — when
 * no version is named — a new version snapshotted from DRAFT.
 */
export function resolveRouting(
  ctx: ControlPlaneContext,
  agent: StoredAgent,
  input: OperationInput,
  operation: string,
): ResolvedRouting {
  const item = (optionalArray<RoutingItem>(input, "routingConfiguration") ?? [])[0];
  const throughput = item?.provisionedThroughput ? { provisionedThroughput: item.provisionedThroughput } : {};
  const requested = item?.agentVersion;
  if (requested === DRAFT) {
    // §8: unverified whether a user alias may route to DRAFT. Safer: no — only
    // TSTALIASID serves the draft, so a deploy never ships unversioned changes.
    throw validationError(
      `${operation}: an alias cannot route to DRAFT (only the test alias TSTALIASID does). Name a numbered version, or omit routingConfiguration to create one from the prepared draft.`,
      [{ name: "routingConfiguration", message: "agentVersion must be a numbered version" }],
    );
  }
  if (requested !== undefined) {
    const version = ctx.store.versions.get(agent.agentId, requested);
    if (!version || version.agentStatus === "DELETING") {
      throw notFound(
        `Version ${requested} of agent ${agent.agentId} doesn't exist, so the alias cannot route to it.`,
      );
    }
    return { routing: [{ agentVersion: requested, ...throughput }], versioning: false };
  }
  // §8: unverified whether a version can be cut from an unprepared draft. Safer:
  // refuse (ValidationException rather than ConflictException, because waiting
  // and retrying cannot help — the caller has to PrepareAgent first).
  if (agent.agentStatus !== "PREPARED") {
    throw validationError(
      `${operation}: agent ${agent.agentId} is ${agent.agentStatus}; a new version can only be created from a PREPARED draft. Call PrepareAgent and wait for PREPARED, or route the alias to an existing version with routingConfiguration.`,
    );
  }
  const version = snapshotDraft(ctx, agent);
  agent.agentStatus = "VERSIONING";
  agent.updatedAt = isoNow(ctx);
  saveAgent(ctx, agent);
  return { routing: [{ agentVersion: version, ...throughput }], versioning: true };
}

/** Closes the current routing period and opens a new one, newest first. */
export function recordRerouting(alias: StoredAlias, routing: RoutingItem[], now: string): void {
  const history = alias.agentAliasHistoryEvents ?? [];
  const current = history[0];
  if (current && !current.endDate && JSON.stringify(current.routingConfiguration) === JSON.stringify(routing))
    return;
  if (current && !current.endDate) current.endDate = now;
  alias.agentAliasHistoryEvents = [{ routingConfiguration: routing, startDate: now }, ...history].slice(
    0,
    MAX_HISTORY,
  );
}
