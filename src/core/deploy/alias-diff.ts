/**
 * Which aliases get a new version (pure): only those whose served content differs from the
 * desired DRAFT; the first one cuts the version, the others route to it, and content that
 * already exists in a version (a reverted change) is routed to instead of cut again.
 */
import type { DeployedAgent } from "./deployed.js";
import type { DesiredAgent } from "./desired.js";
import type { AliasChange } from "./plan-types.js";

export function aliasChanges(agent: DesiredAgent, deployed: DeployedAgent): AliasChange[] {
  const changes: AliasChange[] = [];
  // A version that already has the desired content (served by some alias) is reused, never cut again.
  const existing = deployed.aliases.find((a) => a.servedHash === agent.hash && a.version)?.version;
  let cutPlanned = false;
  const target = () => {
    if (existing) return { kind: "reuse" as const, version: existing };
    if (cutPlanned) return { kind: "reuse-new" as const };
    cutPlanned = true;
    return { kind: "cut" as const };
  };
  for (const alias of agent.aliases) {
    const d = deployed.aliases.find((a) => a.name === alias.name);
    const description = alias.description ? { description: alias.description } : {};
    if (!d) {
      const t = target();
      changes.push({
        name: alias.name,
        kind: t.kind === "cut" ? "create" : "create-on-existing",
        ...(t.kind === "reuse" ? { toVersion: t.version } : {}),
        ...description,
      });
      continue;
    }
    if (d.servedHash === agent.hash && d.version) {
      if ((d.description ?? "") !== (alias.description ?? "")) {
        changes.push({
          name: alias.name,
          kind: "describe",
          id: d.id,
          fromVersion: d.version,
          toVersion: d.version,
          ...description,
        });
      } else if (d.recordStale) {
        changes.push({ name: alias.name, kind: "record", id: d.id, toVersion: d.version });
      }
      continue;
    }
    const t = target();
    changes.push({
      name: alias.name,
      kind: t.kind === "cut" ? "new-version" : "route",
      id: d.id,
      ...(d.version ? { fromVersion: d.version } : {}),
      ...(t.kind === "reuse" ? { toVersion: t.version } : {}),
      ...description,
    });
  }
  const declared = new Set(agent.aliases.map((a) => a.name));
  for (const d of deployed.aliases) {
    if (!declared.has(d.name) && d.owned) changes.push({ name: d.name, kind: "delete", id: d.id });
  }
  return changes;
}
