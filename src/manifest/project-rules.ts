/**
 * Rules across the agents of a project: unique names, collaborators that point at agents and
 * aliases the project declares, and no delegation cycles (deploy creates collaborators after the
 * agents they point to, which a cycle makes impossible). A manifest with errors elsewhere still
 * takes part: its name counts, and its well-formed collaborators are checked, so one typo does not
 * turn into "unknown agent" errors in other files.
 */
import path from "node:path";
import type { Diagnostic, Position } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import { didYouMean } from "./did-you-mean.js";
import type { AgentDocument } from "./load-agent.js";
import { aliasNames } from "./partial-agent.js";
import type { PropertyPath } from "./types.js";

/** What the cross-agent rules need of one manifest, read defensively when it has errors. */
interface AgentView {
  doc: AgentDocument;
  name: string;
  locate(path: PropertyPath): Position;
  collaborators: { index: number; name: string; agent: string; alias?: string }[];
  /** Undefined when the aliases are not well-formed, so nothing can be said about them. */
  aliases: string[] | undefined;
}

/** `docs` in a stable order (by file name): the later of two duplicates is the one reported. */
export function checkProjectAgents(docs: readonly AgentDocument[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map<string, AgentView>();
  const views: AgentView[] = [];
  for (const doc of docs) {
    const view = viewOf(doc);
    if (!view || !doc.name) continue;
    const first = byName.get(view.name);
    if (first === undefined) {
      byName.set(view.name, view);
      views.push(view);
      continue;
    }
    diagnostics.push(
      diagnostic(
        doc.file,
        doc.name.at,
        "error",
        "manifest/duplicate-agent",
        `Agent name "${view.name}" is already used by ${path.basename(first.doc.file)}.`,
        "Agent names must be unique within a project.",
      ),
    );
  }
  for (const view of views) diagnostics.push(...checkCollaboratorTargets(view, byName));
  diagnostics.push(...checkCycles(views, byName));
  return diagnostics;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function viewOf(doc: AgentDocument): AgentView | undefined {
  const source = doc.located ?? doc.partial;
  if (!source || !doc.name) return undefined;
  const value = source.value as Record<string, unknown>;
  // In a manifest with errors, an entry whose own fields are reported is left to that report.
  const reported = (at: PropertyPath) => {
    if (doc.located) return false;
    const p = source.locate(at);
    return doc.diagnostics.some((d) => d.severity === "error" && d.line === p.line && d.column === p.column);
  };
  const collaborators: AgentView["collaborators"] = [];
  (Array.isArray(value.collaborators) ? value.collaborators : []).forEach((c: unknown, index) => {
    if (!isRecord(c) || typeof c.agent !== "string" || reported(["collaborators", index, "agent"])) return;
    const entry = { index, name: typeof c.name === "string" ? c.name : `#${index + 1}`, agent: c.agent };
    const alias =
      typeof c.alias === "string" && !reported(["collaborators", index, "alias"]) ? c.alias : undefined;
    collaborators.push(alias === undefined ? entry : { ...entry, alias });
  });
  return {
    doc,
    name: doc.name.value,
    locate: source.locate,
    collaborators,
    aliases: aliasNames(value.aliases),
  };
}

function checkCollaboratorTargets(agent: AgentView, byName: ReadonlyMap<string, AgentView>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const names = [...byName.keys()];
  const file = agent.doc.file;
  for (const c of agent.collaborators) {
    const at = agent.locate(["collaborators", c.index, "agent"]);
    if (c.agent === agent.name) {
      diagnostics.push(
        diagnostic(
          file,
          at,
          "error",
          "manifest/collaborator-self",
          "An agent cannot collaborate with itself.",
        ),
      );
      continue;
    }
    const target = byName.get(c.agent);
    if (target === undefined) {
      diagnostics.push(
        diagnostic(
          file,
          at,
          "error",
          "manifest/unknown-agent",
          `Collaborator "${c.name}" refers to agent "${c.agent}", which is not an agent of this project.`,
          didYouMean(c.agent, names) ?? `Agents of this project: ${names.join(", ") || "none"}.`,
        ),
      );
      continue;
    }
    // Aliases that are not well-formed are reported in the target's own file.
    const aliases = target.aliases;
    if (aliases === undefined) continue;
    const targetFile = path.basename(target.doc.file);
    if (c.alias !== undefined && !aliases.includes(c.alias)) {
      diagnostics.push(
        diagnostic(
          file,
          agent.locate(["collaborators", c.index, "alias"]),
          "error",
          "manifest/unknown-alias",
          `Agent "${c.agent}" declares no alias "${c.alias}".`,
          aliases.length > 0
            ? (didYouMean(c.alias, aliases) ?? `Its aliases: ${aliases.join(", ")}.`)
            : `Add "aliases: [${c.alias}]" to ${targetFile}.`,
        ),
      );
    } else if (c.alias === undefined && aliases.length === 0) {
      diagnostics.push(
        diagnostic(
          file,
          at,
          "error",
          "manifest/unknown-alias",
          `Agent "${c.agent}" declares no aliases, so a supervisor has nothing to call.`,
          `Add "aliases: [live]" to ${targetFile}.`,
        ),
      );
    }
  }
  return diagnostics;
}

/** One diagnostic per cycle, at the collaborator entry that closes it. */
function checkCycles(agents: readonly AgentView[], byName: ReadonlyMap<string, AgentView>): Diagnostic[] {
  const state = new Map<string, "visiting" | "done">();
  const diagnostics: Diagnostic[] = [];
  const visit = (agent: AgentView, trail: string[]): void => {
    state.set(agent.name, "visiting");
    for (const c of agent.collaborators) {
      if (c.agent === agent.name) continue;
      const target = byName.get(c.agent);
      if (!target) continue;
      const seen = state.get(c.agent);
      if (seen === "visiting") {
        const cycle = [...trail.slice(trail.indexOf(c.agent)), agent.name, c.agent];
        diagnostics.push(
          diagnostic(
            agent.doc.file,
            agent.locate(["collaborators", c.index, "agent"]),
            "error",
            "manifest/collaborator-cycle",
            `Collaborators form a cycle: ${cycle.join(" → ")}.`,
            "A collaborator must be deployed before its supervisor, so delegation cannot loop.",
          ),
        );
      } else if (seen === undefined) visit(target, [...trail, agent.name]);
    }
    state.set(agent.name, "done");
  };
  for (const agent of agents) if (!state.has(agent.name)) visit(agent, []);
  return diagnostics;
}
