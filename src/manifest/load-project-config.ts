/**
 * Loads `agentctl.yaml`: parse, interpolate `${env:NAME}`, check against the project schema,
 * then check the workflow list (unique names, template files that exist and can be read).
 */
import path from "node:path";
import type { Diagnostic, Loaded } from "../diagnostics.js";
import { hasErrors, sortDiagnostics } from "../diagnostics.js";
import { interpolateValue, withoutEchoes } from "./interpolate.js";
import { readManifestDocument } from "./read-document.js";
import { checkAgainstSchemaWithPaths } from "./schema-check.js";
import type { Located, ProjectConfig, PropertyPath, WorkflowConfig } from "./types.js";
import { checkWorkflows } from "./workflow-checks.js";

export const PROJECT_FILE = "agentctl.yaml";
export const DEFAULT_AGENTS_DIR = "agents";

export interface ProjectConfigDocument {
  file: string;
  /** The interpolated value, whatever its validity (for best-effort loading of the agents). */
  raw?: unknown;
  /** Present only when agentctl.yaml has no errors. */
  located?: Located<ProjectConfig>;
  /**
   * Present whenever agentctl.yaml is a mapping, errors or not: its parts that pass their own
   * checks (see `wellTypedConfig`). The same object as `located` when there are no errors.
   */
  wellTyped?: Located<ProjectConfig>;
  diagnostics: Diagnostic[];
}

export async function readProjectConfig(
  dir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ProjectConfigDocument> {
  const file = path.join(path.resolve(dir), PROJECT_FILE);
  const read = await readManifestDocument(file);
  if (!read.doc) {
    const missing = read.diagnostics.find((d) => d.code === "manifest/not-found");
    if (missing) {
      missing.code = "manifest/project-missing";
      missing.message = `No ${PROJECT_FILE} in ${path.dirname(file)}: this is not an agentctl project.`;
      missing.hint = "Run `agentctl init` to create one, or pass -C <project dir>.";
    }
    return { file, diagnostics: read.diagnostics };
  }
  const doc = read.doc;
  // agentctl.yaml decides the region, and the account comes from the target: only env is known here.
  const interpolated = interpolateValue(doc.value, doc, read.source, { env });
  const { value, failedAt } = interpolated;
  const schema = checkAgainstSchemaWithPaths("project", value, doc, interpolated);
  const checks = [
    ...schema.diagnostics,
    ...(await checkWorkflows(value, path.dirname(file), doc, PROJECT_FILE)),
  ];
  const diagnostics = [...read.diagnostics, ...interpolated.diagnostics, ...withoutEchoes(checks, failedAt)];
  const result: ProjectConfigDocument = { file, raw: value, diagnostics: sortDiagnostics(diagnostics) };
  if (isRecord(value)) {
    const locate = { file, locate: doc.locate, locateKey: doc.locateKey };
    if (!hasErrors(diagnostics)) {
      const { $schema: _ignored, ...config } = value as unknown as ProjectConfig & { $schema?: string };
      result.located = { ...locate, value: config };
      result.wellTyped = result.located;
    } else {
      // A placeholder that failed left its `${…}` in the string: that value is not usable either.
      const invalid = [...schema.invalidPaths, ...interpolated.failedPaths];
      result.wellTyped = { ...locate, value: wellTypedConfig(value, invalid) };
    }
  }
  return result;
}

/** `value` is present only when agentctl.yaml has no errors. */
export async function loadProjectConfig(
  dir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Loaded<Located<ProjectConfig>>> {
  const { located, diagnostics } = await readProjectConfig(dir, env);
  return located ? { value: located, diagnostics } : { diagnostics };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const OPTIONAL_SETTINGS = ["target", "region", "profile", "agentsDir"] as const;

/**
 * The parts of an agentctl.yaml with errors that can still be used: each setting that passes its
 * own checks (`region: nowhere` is dropped, so `${region}` in agents falls back to the default
 * rather than echoing the error into every ARN), and each workflow whose `name` is a string and
 * whose `template` passes, so its template is still checked. `name` is "" when it does not pass.
 */
export function wellTypedConfig(
  value: Record<string, unknown>,
  invalidPaths: readonly PropertyPath[],
): ProjectConfig {
  // Only values at or under `at` count: unknown and missing fields are not in `invalidPaths`.
  const passes = (at: PropertyPath) => !invalidPaths.some((bad) => at.every((key, i) => bad[i] === key));
  const config: ProjectConfig = {
    name: typeof value.name === "string" && passes(["name"]) ? value.name : "",
  };
  for (const key of OPTIONAL_SETTINGS) {
    if (typeof value[key] === "string" && passes([key])) Object.assign(config, { [key]: value[key] });
  }
  if (Array.isArray(value.workflows)) {
    const workflows: WorkflowConfig[] = [];
    value.workflows.forEach((w: unknown, i) => {
      // A template that is "" or kept a failed placeholder names no file: nothing to check there.
      if (!isRecord(w) || typeof w.name !== "string" || typeof w.template !== "string") return;
      if (!passes(["workflows", i, "template"])) return;
      const workflow: WorkflowConfig = { name: w.name, template: w.template };
      if ((w.type === "STANDARD" || w.type === "EXPRESS") && passes(["workflows", i, "type"]))
        workflow.type = w.type;
      if (typeof w.description === "string" && passes(["workflows", i, "description"])) {
        workflow.description = w.description;
      }
      workflows.push(workflow);
    });
    config.workflows = workflows;
  }
  return config;
}
