/**
 * Loads a whole project: agentctl.yaml, then every `*.yaml`/`*.yml` directly in the agents
 * directory, then the rules across agents. Never throws for bad input.
 */
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic, Loaded } from "../diagnostics.js";
import { diagnostic, START, sortDiagnostics } from "../diagnostics.js";
import { readAgentDocument } from "./load-agent.js";
import { DEFAULT_AGENTS_DIR, readProjectConfig } from "./load-project-config.js";
import { checkProjectAgents } from "./project-rules.js";
import type { InterpolationContext, LoadedProject, ProjectConfig } from "./types.js";

/**
 * Either fixed values, or a function choosing them from agentctl.yaml (its region is the usual
 * default for `${region}`). The function gets `undefined` when agentctl.yaml has errors.
 */
export type ProjectInterpolation =
  | InterpolationContext
  | ((config: ProjectConfig | undefined) => InterpolationContext);

/**
 * `value` is present when agentctl.yaml itself is valid; `value.agents` holds the agents whose
 * manifests have no errors. Check `hasErrors(diagnostics)` before acting on the project.
 */
export async function loadProject(dir: string, interp: ProjectInterpolation): Promise<Loaded<LoadedProject>> {
  const projectDir = path.resolve(dir);
  // The function form still supplies the environment for agentctl.yaml's own `${env:NAME}`.
  const configEnv = typeof interp === "function" ? interp(undefined).env : interp.env;
  const configDoc = await readProjectConfig(projectDir, configEnv);
  const diagnostics: Diagnostic[] = [...configDoc.diagnostics];
  if (configDoc.raw === undefined) return { diagnostics };

  const config = configDoc.located?.value;
  const context = typeof interp === "function" ? interp(config) : interp;
  const configuredDir = (configDoc.raw as { agentsDir?: unknown }).agentsDir;
  const agentsDirSetting = typeof configuredDir === "string" ? configuredDir : DEFAULT_AGENTS_DIR;
  const agentsDir = path.resolve(projectDir, agentsDirSetting);

  const listing = await listManifests(agentsDir);
  if (listing === undefined) {
    const explicit = typeof configuredDir === "string";
    diagnostics.push(
      diagnostic(
        configDoc.file,
        explicit ? (configDoc.located?.locate(["agentsDir"]) ?? START) : START,
        explicit ? "error" : "warning",
        "manifest/agents-dir-missing",
        `The agents directory ${agentsDirSetting}/ does not exist or is not a directory.`,
        explicit ? undefined : `Create ${DEFAULT_AGENTS_DIR}/ with one YAML manifest per agent.`,
      ),
    );
  }
  const docs = await Promise.all((listing ?? []).map((file) => readAgentDocument(file, context)));
  for (const doc of docs) diagnostics.push(...doc.diagnostics);
  diagnostics.push(...checkProjectAgents(docs));

  const sorted = sortDiagnostics(diagnostics);
  if (!configDoc.located) return { diagnostics: sorted };
  return {
    value: {
      dir: projectDir,
      config: configDoc.located,
      agents: docs.flatMap((d) => (d.located ? [d.located] : [])),
    },
    diagnostics: sorted,
  };
}

/** Absolute paths of the manifests, sorted; undefined when the directory does not exist. */
async function listManifests(dir: string): Promise<string[] | undefined> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith(".") && /\.ya?ml$/i.test(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}
