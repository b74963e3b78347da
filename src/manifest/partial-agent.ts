/**
 * Reading the well-formed parts of agent manifests that have errors elsewhere, so a checker can
 * still look at them (one typo must not hide the rest of an agent, nor make its name unknown).
 * Every access is defensive: `partial` values are unvalidated.
 */
import type { AgentDocumentSummary, LoadedProject } from "./types.js";

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A string that still holds `${` after interpolation had a placeholder that failed (already
 * reported): as a path or a name it would only produce an echo of that error.
 */
const usable = (v: unknown): v is string => typeof v === "string" && v !== "" && !v.includes("${");

/** Every agent name of the project, errored manifests included, in file order, without repeats. */
export function agentNames(project: Pick<LoadedProject, "agentDocuments">): string[] {
  return [...new Set(project.agentDocuments.flatMap((d) => (d.name === undefined ? [] : [d.name])))];
}

/** Alias names by agent name, for the agents whose aliases are well-formed (first file wins). */
export function agentAliases(project: Pick<LoadedProject, "agentDocuments">): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const doc of project.agentDocuments) {
    if (doc.name === undefined || doc.name in out) continue;
    const aliases = doc.located
      ? (doc.located.value.aliases ?? []).map((a) => a.name)
      : aliasNames((doc.partial?.value as { aliases?: unknown } | undefined)?.aliases);
    if (aliases) out[doc.name] = aliases;
  }
  return out;
}

/** Bare names and `{ name }` objects; undefined if any entry is neither (nothing can be said). */
export function aliasNames(aliases: unknown): string[] | undefined {
  if (aliases === undefined) return [];
  if (!Array.isArray(aliases)) return undefined;
  const names: string[] = [];
  for (const a of aliases) {
    if (typeof a === "string") names.push(a);
    else if (isRecord(a) && typeof a.name === "string") names.push(a.name);
    else return undefined;
  }
  return names;
}

/** The well-formed file references of one action group of a manifest, valid or not. */
export interface PartialActionGroup {
  /** Index in `actionGroups`, for `locate(["actionGroups", index, …])`. */
  index: number;
  name?: string;
  /** `schema` when it is a usable string (relative to the manifest). */
  schema?: string;
  /** `handler` when it is a usable string (relative to the manifest). */
  handler?: string;
  /** True when `executor: returnControl`. */
  returnControl: boolean;
  /** False only when written `enabled: false`. */
  enabled: boolean;
}

/**
 * The action groups of a manifest whether or not it has errors (from `located` when it has
 * none). Entries that are not mappings are skipped; the schema check reports them.
 */
export function partialActionGroups(doc: AgentDocumentSummary): PartialActionGroup[] {
  const value = (doc.located?.value ?? doc.partial?.value) as { actionGroups?: unknown } | undefined;
  const groups = Array.isArray(value?.actionGroups) ? (value.actionGroups as unknown[]) : [];
  return groups.flatMap((g, index) => {
    if (!isRecord(g)) return [];
    const group: PartialActionGroup = {
      index,
      returnControl: g.executor === "returnControl",
      enabled: g.enabled !== false,
    };
    if (typeof g.name === "string") group.name = g.name;
    if (usable(g.schema)) group.schema = g.schema;
    if (usable(g.handler)) group.handler = g.handler;
    return [group];
  });
}

/** `local.script` when it is a usable string (relative to the manifest). */
export function partialLocalScript(doc: AgentDocumentSummary): string | undefined {
  const value = (doc.located?.value ?? doc.partial?.value) as { local?: unknown } | undefined;
  const script = isRecord(value?.local) ? value.local.script : undefined;
  return usable(script) ? script : undefined;
}
