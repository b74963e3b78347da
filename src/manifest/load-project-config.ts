/**
 * Loads `agentctl.yaml`: parse, interpolate `${env:NAME}`, check against the project schema,
 * then check the workflow list (unique names, template files that exist).
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic, Loaded } from "../diagnostics.js";
import { diagnostic, hasErrors, sortDiagnostics } from "../diagnostics.js";
import { interpolateValue, withoutEchoes } from "./interpolate.js";
import { readManifestDocument } from "./read-document.js";
import { checkAgainstSchema } from "./schema-check.js";
import type { Locator } from "./schema-errors.js";
import type { Located, ProjectConfig } from "./types.js";

export const PROJECT_FILE = "agentctl.yaml";
export const DEFAULT_AGENTS_DIR = "agents";

export interface ProjectConfigDocument {
  file: string;
  /** The interpolated value, whatever its validity (for best-effort loading of the agents). */
  raw?: unknown;
  located?: Located<ProjectConfig>;
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
  const {
    value,
    diagnostics: interpolation,
    failedAt,
  } = interpolateValue(doc.value, doc, read.source, {
    env,
  });
  const checks = [
    ...checkAgainstSchema("project", value, doc),
    ...(await checkWorkflows(value, path.dirname(file), doc)),
  ];
  const diagnostics = [...interpolation, ...withoutEchoes(checks, failedAt)];
  const result: ProjectConfigDocument = { file, raw: value, diagnostics: sortDiagnostics(diagnostics) };
  if (!hasErrors(diagnostics)) {
    const { $schema: _ignored, ...config } = value as ProjectConfig & { $schema?: string };
    result.located = { file, value: config, locate: doc.locate, locateKey: doc.locateKey };
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

async function checkWorkflows(value: unknown, dir: string, doc: Locator): Promise<Diagnostic[]> {
  const workflows = (value as { workflows?: unknown } | null)?.workflows;
  if (!Array.isArray(workflows)) return [];
  const diagnostics: Diagnostic[] = [];
  const names = new Map<string, number>();
  await Promise.all(
    workflows.map(async (w: unknown, i) => {
      const workflow = (typeof w === "object" && w !== null ? w : {}) as Record<string, unknown>;
      if (typeof workflow.template !== "string" || workflow.template === "") return;
      const template = path.resolve(dir, workflow.template);
      const isFile = await stat(template).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!isFile) {
        diagnostics.push(
          diagnostic(
            doc.file,
            doc.locate(["workflows", i, "template"]),
            "error",
            "manifest/template-not-found",
            `Workflow template ${workflow.template} does not exist.`,
            `Paths are relative to ${PROJECT_FILE} (looked for ${template}).`,
          ),
        );
      }
    }),
  );
  workflows.forEach((w: unknown, i) => {
    const name = (w as { name?: unknown } | null)?.name;
    if (typeof name !== "string") return;
    const first = names.get(name);
    if (first === undefined) names.set(name, i);
    else {
      diagnostics.push(
        diagnostic(
          doc.file,
          doc.locate(["workflows", i, "name"]),
          "error",
          "manifest/duplicate-name",
          `Duplicate workflow name "${name}" (first defined at line ${doc.locate(["workflows", first, "name"]).line}).`,
        ),
      );
    }
  });
  return diagnostics;
}
