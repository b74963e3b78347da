import type { QueryParams } from "../aws-query/form.js";
import { invalidInput, limitExceeded, validationError } from "./errors.js";
import type { RoleTag } from "./store.js";

export const MAX_TAGS_PER_ROLE = 50;
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** `Tags.member.N.Key/Value`, checked against the model's tag constraints. */
export function tagsOf(params: QueryParams): RoleTag[] {
  const tags = params.structList("Tags", ["Key", "Value"]).map((t, i): RoleTag => {
    const key = t.Key;
    const value = t.Value ?? "";
    if (key === undefined)
      throw validationError(
        `1 validation error detected: Value null at 'tags.${i + 1}.member.key' failed to satisfy constraint: Member must not be null`,
      );
    if (key.length < 1 || key.length > 128 || !TAG_PATTERN.test(key))
      throw validationError(
        `1 validation error detected: Value '${key}' at 'tags.${i + 1}.member.key' failed to satisfy constraint: Member must have length between 1 and 128 and satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+`,
      );
    if (value.length > 256 || !TAG_PATTERN.test(value))
      throw validationError(
        `1 validation error detected: Value '${value}' at 'tags.${i + 1}.member.value' failed to satisfy constraint: Member must have length less than or equal to 256 and satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`,
      );
    return { Key: key, Value: value };
  });
  // IAM tag keys are case-insensitive (its own duplicate message says so).
  const keys = new Set<string>();
  for (const tag of tags) {
    if (keys.has(tag.Key.toLowerCase()))
      throw invalidInput(`Duplicate tag keys found. Please note that Tag keys are case insensitive.`);
    keys.add(tag.Key.toLowerCase());
  }
  if (tags.length > MAX_TAGS_PER_ROLE)
    throw limitExceeded(`Cannot exceed quota for TagsPerRole: ${MAX_TAGS_PER_ROLE}.`);
  return tags;
}

/** Merges `added` into `existing`: a key already present gets the new value (TagRole overwrites). */
export function mergeTags(existing: RoleTag[], added: RoleTag[]): RoleTag[] {
  const merged = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const current = merged.find((t) => t.Key.toLowerCase() === tag.Key.toLowerCase());
    if (current) Object.assign(current, tag);
    else merged.push({ ...tag });
  }
  if (merged.length > MAX_TAGS_PER_ROLE)
    throw limitExceeded(`Cannot exceed quota for TagsPerRole: ${MAX_TAGS_PER_ROLE}.`);
  return merged;
}
