import { conflict, notFound, quotaExceeded } from "../../aws-error.js";
import { type StoredKnowledgeBase, versionScope } from "../../store/index.js";
import { QUOTAS } from "../action-group-rules.js";
import type { Operation } from "../context.js";
import { optionalString, pick, requiredString } from "../input.js";
import { paginate } from "../pagination.js";
import { draftScope, isoNow, markDraftEdited, openDraft, requireVersionExists } from "../resources.js";

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

export const ListAgentKnowledgeBases: Operation = {
  mode: "read",
  run(ctx, input) {
    const agentId = requiredString(input, "agentId");
    const version = requiredString(input, "agentVersion");
    requireVersionExists(ctx, agentId, version);
    const scope = versionScope(agentId, version);
    const page = paginate(ctx.store.knowledgeBases, scope, input, `ListAgentKnowledgeBases:${scope}`);
    return {
      status: 200,
      body: {
        agentKnowledgeBaseSummaries: page.items.map((kb) => pick(kb, SUMMARY)),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      },
    };
  },
};

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
