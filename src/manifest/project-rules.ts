/**
 * Rules across the agents of a project: unique names, collaborators that point at agents and
 * aliases the project declares, and no delegation cycles (deploy creates collaborators after the
 * agents they point to, which a cycle makes impossible).
 */
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import { didYouMean } from "./did-you-mean.js";
import type { AgentDocument } from "./load-agent.js";
import type { AgentManifest, Located } from "./types.js";

/** `docs` in a stable order (by file name): the later of two duplicates is the one reported. */
export function checkProjectAgents(docs: readonly AgentDocument[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map<string, AgentDocument>();
  for (const doc of docs) {
    if (!doc.name) continue;
    const first = byName.get(doc.name.value);
    if (first === undefined) {
      byName.set(doc.name.value, doc);
      continue;
    }
    diagnostics.push(
      diagnostic(
        doc.file,
        doc.name.at,
        "error",
        "manifest/duplicate-agent",
        `Agent name "${doc.name.value}" is already used by ${path.basename(first.file)}.`,
        "Agent names must be unique within a project.",
      ),
    );
  }

  const agents = docs.flatMap((d) => (d.located ? [d.located] : []));
  for (const agent of agents) diagnostics.push(...checkCollaboratorTargets(agent, byName));
  diagnostics.push(...checkCycles(agents));
  return diagnostics;
}

function checkCollaboratorTargets(
  agent: Located<AgentManifest>,
  byName: ReadonlyMap<string, AgentDocument>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const names = [...byName.keys()];
  (agent.value.collaborators ?? []).forEach((c, i) => {
    if (c.agent === undefined) return;
    const at = agent.locate(["collaborators", i, "agent"]);
    if (c.agent === agent.value.name) {
      diagnostics.push(
        diagnostic(
          agent.file,
          at,
          "error",
          "manifest/collaborator-self",
          "An agent cannot collaborate with itself.",
        ),
      );
      return;
    }
    const target = byName.get(c.agent);
    if (target === undefined) {
      diagnostics.push(
        diagnostic(
          agent.file,
          at,
          "error",
          "manifest/unknown-agent",
          `Collaborator "${c.name}" refers to agent "${c.agent}", which is not an agent of this project.`,
          didYouMean(c.agent, names) ?? `Agents of this project: ${names.join(", ") || "none"}.`,
        ),
      );
      return;
    }
    // A target with errors of its own is reported in its file; its aliases are unknown here.
    if (!target.located) return;
    const aliases = (target.located.value.aliases ?? []).map((a) => a.name);
    if (c.alias !== undefined && !aliases.includes(c.alias)) {
      diagnostics.push(
        diagnostic(
          agent.file,
          agent.locate(["collaborators", i, "alias"]),
          "error",
          "manifest/unknown-alias",
          `Agent "${c.agent}" declares no alias "${c.alias}".`,
          aliases.length > 0
            ? (didYouMean(c.alias, aliases) ?? `Its aliases: ${aliases.join(", ")}.`)
            : `Add "aliases: [${c.alias}]" to ${path.basename(target.file)}.`,
        ),
      );
    } else if (c.alias === undefined && aliases.length === 0) {
      diagnostics.push(
        diagnostic(
          agent.file,
          at,
          "error",
          "manifest/unknown-alias",
          `Agent "${c.agent}" declares no aliases, so a supervisor has nothing to call.`,
          `Add "aliases: [live]" to ${path.basename(target.file)}.`,
        ),
      );
    }
  });
  return diagnostics;
}

/** One diagnostic per cycle, at the collaborator entry that closes it. */
function checkCycles(agents: readonly Located<AgentManifest>[]): Diagnostic[] {
  const byName = new Map(agents.map((a) => [a.value.name, a]));
  const state = new Map<string, "visiting" | "done">();
  const diagnostics: Diagnostic[] = [];
  const visit = (agent: Located<AgentManifest>, trail: string[]): void => {
    state.set(agent.value.name, "visiting");
    (agent.value.collaborators ?? []).forEach((c, i) => {
      if (c.agent === undefined || c.agent === agent.value.name) return;
      const target = byName.get(c.agent);
      if (!target) return;
      const seen = state.get(c.agent);
      if (seen === "visiting") {
        const cycle = [...trail.slice(trail.indexOf(c.agent)), agent.value.name, c.agent];
        diagnostics.push(
          diagnostic(
            agent.file,
            agent.locate(["collaborators", i, "agent"]),
            "error",
            "manifest/collaborator-cycle",
            `Collaborators form a cycle: ${cycle.join(" → ")}.`,
            "A collaborator must be deployed before its supervisor, so delegation cannot loop.",
          ),
        );
      } else if (seen === undefined) visit(target, [...trail, agent.value.name]);
    });
    state.set(agent.value.name, "done");
  };
  for (const agent of agents) if (!state.has(agent.value.name)) visit(agent, []);
  return diagnostics;
}
