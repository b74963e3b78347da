/**
 * Loads a whole project: agentctl.yaml, then every `*.yaml`/`*.yml`/`*.json` directly in the agents
 * directory, then the rules across agents. Never throws for bad input.
 */
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic, Loaded } from "../diagnostics.js";
import { diagnostic, START, sortDiagnostics } from "../diagnostics.js";
import { type AgentDocument, readAgentDocument } from "./load-agent.js";
import { DEFAULT_AGENTS_DIR, readProjectConfig } from "./load-project-config.js";
import { checkProjectAgents } from "./project-rules.js";
import type { AgentDocumentSummary, InterpolationContext, LoadedProject, ProjectConfig } from "./types.js";

/**
 * Either fixed values, or a function choosing them from agentctl.yaml (its region is the usual
 * default for `${region}`). The function gets the well-typed parts of agentctl.yaml when it has
 * errors, and `undefined` only when it is not a mapping at all.
 */
export type ProjectInterpolation =
  | InterpolationContext
  | ((config: ProjectConfig | undefined) => InterpolationContext);

/**
 * `value` is present whenever agentctl.yaml parsed into a mapping, even with schema errors (then
 * `value.config.value` holds its well-typed parts). `value.agents` holds the agents whose
 * manifests have no errors; `value.agentDocuments` every manifest file, errored or not. Check
 * `hasErrors(diagnostics)` before acting on the project.
 */
export async function loadProject(dir: string, interp: ProjectInterpolation): Promise<Loaded<LoadedProject>> {
  const projectDir = path.resolve(dir);
  // The function form still supplies the environment for agentctl.yaml's own `${env:NAME}`.
  const configEnv = typeof interp === "function" ? interp(undefined).env : interp.env;
  const configDoc = await readProjectConfig(projectDir, configEnv);
  const diagnostics: Diagnostic[] = [...configDoc.diagnostics];
  if (configDoc.raw === undefined) return { diagnostics };

  const config = configDoc.wellTyped;
  const context = typeof interp === "function" ? interp(config?.value) : interp;
  const configuredDir = config?.value.agentsDir;
  const agentsDirSetting = configuredDir ?? DEFAULT_AGENTS_DIR;
  const agentsDir = path.resolve(projectDir, agentsDirSetting);

  const listing = await listManifests(agentsDir);
  if (listing === undefined) {
    const explicit = configuredDir !== undefined;
    diagnostics.push(
      diagnostic(
        configDoc.file,
        explicit ? (config?.locate(["agentsDir"]) ?? START) : START,
        explicit ? "error" : "warning",
        "manifest/agents-dir-missing",
        `The agents directory ${agentsDirSetting}/ does not exist or is not a directory.`,
        explicit ? undefined : `Create ${DEFAULT_AGENTS_DIR}/ with one manifest (YAML or JSON) per agent.`,
      ),
    );
  }
  const docs = await Promise.all((listing ?? []).map((file) => readAgentDocument(file, context)));
  for (const doc of docs) diagnostics.push(...doc.diagnostics);
  diagnostics.push(...checkProjectAgents(docs));

  const sorted = sortDiagnostics(diagnostics);
  if (!config) return { diagnostics: sorted };
  return {
    value: {
      dir: projectDir,
      config,
      agents: docs.flatMap((d) => (d.located ? [d.located] : [])),
      agentDocuments: docs.map(summarise),
    },
    diagnostics: sorted,
  };
}

function summarise(doc: AgentDocument): AgentDocumentSummary {
  const summary: AgentDocumentSummary = { file: doc.file };
  if (doc.name) summary.name = doc.name.value;
  if (doc.located) summary.located = doc.located;
  if (doc.partial) summary.partial = doc.partial;
  return summary;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Absolute paths of the manifests, sorted; undefined when the directory does not exist. */
async function listManifests(dir: string): Promise<string[] | undefined> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  return (
    entries
      // JSON is YAML to the parser. Anything else (notes, handlers, `x.yaml.bak`) is not a manifest.
      .filter((e) => e.isFile() && !e.name.startsWith(".") && MANIFEST_FILE.test(e.name))
      .map((e) => path.join(dir, e.name))
      .sort()
  );
}
