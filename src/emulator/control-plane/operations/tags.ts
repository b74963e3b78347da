import { notFound, quotaExceeded } from "../../aws-error.js";
import { AGENT_SCOPE, type TagMap } from "../../store/index.js";
import { QUOTAS } from "../action-group-rules.js";
import type { ControlPlaneContext, Operation, OperationInput } from "../context.js";
import { optionalArray, optionalObject, requiredString } from "../input.js";

const TAGGABLE_ARN =
  /^arn:aws:bedrock:([^:]+):(\d{12}):(agent|agent-alias)\/([A-Z0-9]{10})(?:\/([A-Z0-9]{10}))?$/;

/**
 * Only agents and agent aliases are emulated; ARNs of other taggable kinds
 * (knowledge bases, flows, prompts) or of another region/account are "not found".
 */
function requireTaggable(ctx: ControlPlaneContext, arn: string): void {
  const match = TAGGABLE_ARN.exec(arn);
  const missing = (): Error => notFound(`The resource ${arn} doesn't exist. Check the ARN and try again.`);
  if (!match || match[1] !== ctx.region || match[2] !== ctx.accountId) throw missing();
  const [, , , kind, agentId, aliasId] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  if (kind === "agent") {
    if (aliasId !== undefined || !ctx.store.agents.get(AGENT_SCOPE, agentId)) throw missing();
  } else if (aliasId === undefined || !ctx.store.aliases.get(agentId, aliasId)) {
    throw missing();
  }
}

function mergeTags(ctx: ControlPlaneContext, arn: string, added: TagMap): void {
  const merged = { ...ctx.store.tags.get(arn), ...added };
  if (Object.keys(merged).length > QUOTAS.tagsPerResource) {
    throw quotaExceeded(
      `A resource can have at most ${QUOTAS.tagsPerResource} tags; ${arn} would have ${Object.keys(merged).length}.`,
    );
  }
  ctx.store.tags.put(arn, merged);
}

/** Tags given to CreateAgent / CreateAgentAlias. */
export function applyCreateTags(ctx: ControlPlaneContext, arn: string, input: OperationInput): void {
  const tags = optionalObject<TagMap>(input, "tags");
  if (tags && Object.keys(tags).length > 0) mergeTags(ctx, arn, tags);
}

export const TagResource: Operation = {
  mode: "write",
  run(ctx, input) {
    const arn = requiredString(input, "resourceArn");
    requireTaggable(ctx, arn);
    mergeTags(ctx, arn, optionalObject<TagMap>(input, "tags") ?? {});
    return { status: 200, body: {} };
  },
};

export const UntagResource: Operation = {
  mode: "write",
  run(ctx, input) {
    const arn = requiredString(input, "resourceArn");
    requireTaggable(ctx, arn);
    const tags = ctx.store.tags.get(arn);
    for (const key of optionalArray<string>(input, "tagKeys") ?? []) delete tags[key];
    ctx.store.tags.put(arn, tags);
    return { status: 200, body: {} };
  },
};

export const ListTagsForResource: Operation = {
  mode: "read",
  run(ctx, input) {
    const arn = requiredString(input, "resourceArn");
    requireTaggable(ctx, arn);
    return { status: 200, body: { tags: ctx.store.tags.get(arn) } };
  },
};
