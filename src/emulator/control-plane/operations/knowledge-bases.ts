import { conflict, notFound, quotaExceeded } from "../../aws-error.js";
import type { StoredKnowledgeBase } from "../../store/index.js";
import { QUOTAS } from "../action-group-rules.js";
import type { Operation } from "../context.js";
import { optionalString, pick, requiredString } from "../input.js";
import { draftScope, isoNow, markDraftEdited, openDraft } from "../resources.js";
import { listVersionItems } from "./list-version-items.js";

/**
 * Knowledge bases themselves are not emulated, so any well-formed id can be
 * associated (SPEC.md, deviations); the association and its quota are.
 */
export const AssociateAgentKnowledgeBase: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = openDraft(ctx, input, "AssociateAgentKnowledgeBase");
    const knowledgeBaseId = requiredString(input, "knowledgeBaseId");
    const scope = draftScope(agent.agentId);
    if (ctx.store.knowledgeBases.get(scope, knowledgeBaseId)) {
      throw conflict(`Knowledge base ${knowledgeBaseId} is already associated with agent ${agent.agentId}.`);
    }
    if (ctx.store.knowledgeBases.count(scope) >= QUOTAS.knowledgeBasesPerAgent) {
      throw quotaExceeded(
        `Agent ${agent.agentId} already has ${QUOTAS.knowledgeBasesPerAgent} knowledge bases, the "Associated knowledge bases per Agent" quota.`,
      );
    }
    const now = isoNow(ctx);
    const association: StoredKnowledgeBase = {
      agentId: agent.agentId,
      agentVersion: "DRAFT",
      knowledgeBaseId,
      description: requiredString(input, "description"),
      createdAt: now,
      updatedAt: now,
      knowledgeBaseState: optionalString(input, "knowledgeBaseState") === "DISABLED" ? "DISABLED" : "ENABLED",
    };
    ctx.store.knowledgeBases.insert(scope, knowledgeBaseId, knowledgeBaseId, association);
    markDraftEdited(ctx, agent);
    return { status: 200, body: { agentKnowledgeBase: association } };
  },
};

const SUMMARY = ["knowledgeBaseId", "description", "knowledgeBaseState", "updatedAt"];

export const ListAgentKnowledgeBases = listVersionItems(
  "ListAgentKnowledgeBases",
  "agentKnowledgeBaseSummaries",
  (ctx) => ctx.store.knowledgeBases,
  (kb) => pick(kb, SUMMARY),
);

export const DisassociateAgentKnowledgeBase: Operation = {
  mode: "write",
  run(ctx, input) {
    const agent = openDraft(ctx, input, "DisassociateAgentKnowledgeBase");
    const knowledgeBaseId = requiredString(input, "knowledgeBaseId");
    if (!ctx.store.knowledgeBases.delete(draftScope(agent.agentId), knowledgeBaseId)) {
      throw notFound(`Knowledge base ${knowledgeBaseId} is not associated with agent ${agent.agentId}.`);
    }
    markDraftEdited(ctx, agent);
    return { status: 204 };
  },
};
