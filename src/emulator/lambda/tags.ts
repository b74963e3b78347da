import type { AccountContext } from "../account/context.js";
import { functionNotFound, invalidParameter, lambdaValidation } from "./errors.js";
import { parseFunctionName } from "./names.js";
import type { LambdaOperation } from "./operation.js";
import { LambdaTables, type StoredFunction } from "./store.js";

const MAX_TAGS = 50;

/** A `Tags` map (CreateFunction, TagResource): string values, keys 1–128, values ≤ 256. */
export function tagsFrom(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw lambdaValidation("Tags must be a map of strings.");
  const tags: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string" || key.length < 1 || key.length > 128 || v.length > 256)
      throw invalidParameter(
        `Tag ${key} is not valid: keys are 1-128 characters and values 0-256 characters.`,
      );
    tags[key] = v;
  }
  return tags;
}

/** The function a tagging ARN names (`/2017-03-31/tags/{ARN}`); only function ARNs here. */
function taggedFunction(ctx: AccountContext, arn: string, tables: LambdaTables): StoredFunction {
  if (!arn.startsWith("arn:")) throw invalidParameter(`${arn} is not a valid ARN.`);
  const ref = parseFunctionName(ctx, arn);
  const fn = tables.get(ref.name);
  if (!fn || ref.qualifier !== undefined) throw functionNotFound(arn);
  return fn;
}

export const TAG_OPERATIONS: Record<string, LambdaOperation> = {
  ListTags: {
    mode: "read",
    run(ctx, input) {
      const fn = taggedFunction(ctx, input.label, new LambdaTables(ctx.db));
      return { status: 200, body: { Tags: { ...fn.tags } } };
    },
  },
  TagResource: {
    mode: "write",
    run(ctx, input) {
      const tables = new LambdaTables(ctx.db);
      const fn = taggedFunction(ctx, input.label, tables);
      const merged = { ...fn.tags, ...tagsFrom(input.body.Tags) };
      if (Object.keys(merged).length > MAX_TAGS)
        throw invalidParameter(`A function can have at most ${MAX_TAGS} tags.`);
      fn.tags = merged;
      tables.update(fn);
      return { status: 204 };
    },
  },
  UntagResource: {
    mode: "write",
    run(ctx, input) {
      const tables = new LambdaTables(ctx.db);
      const fn = taggedFunction(ctx, input.label, tables);
      const raw = input.query.tagKeys;
      const keys = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      for (const key of keys) delete fn.tags[key];
      tables.update(fn);
      return { status: 204 };
    },
  },
};
