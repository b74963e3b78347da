/** TagResource / UntagResource / ListTagsForResource on state machines (the shared tags table). */
import type { SfnContext } from "../context.js";
import { sfnError } from "../errors.js";
import { required, type SfnInput } from "../input.js";
import { getMachine } from "./state-machines.js";

export function tagsFromInput(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value)) throw sfnError("ValidationException", "tags must be a list of {key, value}.");
  const tags: Record<string, string> = {};
  for (const tag of value as { key?: unknown; value?: unknown }[]) {
    if (typeof tag?.key !== "string" || tag.key.length < 1 || tag.key.length > 128)
      throw sfnError("ValidationException", "Every tag needs a key of 1-128 characters.");
    tags[tag.key] = typeof tag.value === "string" ? tag.value : "";
  }
  if (Object.keys(tags).length > 50) throw sfnError("TooManyTags", "A resource can have at most 50 tags.");
  return tags;
}

function machineArnOf(ctx: SfnContext, input: SfnInput): string {
  const arn = required(input, "resourceArn");
  try {
    return getMachine(ctx, arn).stateMachineArn;
  } catch {
    throw Object.assign(sfnError("ResourceNotFound", `Resource not found: '${arn}'`), { resourceName: arn });
  }
}

export function tagResource(ctx: SfnContext, input: SfnInput) {
  const arn = machineArnOf(ctx, input);
  ctx.store.tags.put(arn, { ...ctx.store.tags.get(arn), ...tagsFromInput(input.tags) });
  return {};
}

export function untagResource(ctx: SfnContext, input: SfnInput) {
  const arn = machineArnOf(ctx, input);
  const keys = Array.isArray(input.tagKeys) ? (input.tagKeys as string[]) : [];
  const tags = ctx.store.tags.get(arn);
  for (const key of keys) delete tags[key];
  ctx.store.tags.put(arn, tags);
  return {};
}

export function listTagsForResource(ctx: SfnContext, input: SfnInput) {
  const arn = machineArnOf(ctx, input);
  return { tags: Object.entries(ctx.store.tags.get(arn)).map(([key, value]) => ({ key, value })) };
}
