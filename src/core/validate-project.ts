/**
 * `agentctl validate` as a library call: loads the project and runs every
 * checker (manifests, OpenAPI files, function definitions, handlers, scripts,
 * state-machine templates), returning all diagnostics at once. A manifest with
 * errors still has its well-formed parts checked, so one typo hides nothing.
 */

import { readFile } from "node:fs/promises";
import path from "node:path";
import type { AslValidationOptions } from "../asl/check-context.js";
import { checkStateMachineFile, checkStateMachineText } from "../asl/validate.js";
import type { Diagnostic, Loaded } from "../diagnostics.js";
import { hasErrors } from "../diagnostics.js";
import { defaultInterpolation } from "../manifest/interpolate.js";
import { loadProject } from "../manifest/load-project.js";
import { agentAliases, agentNames } from "../manifest/partial-agent.js";
import type { InterpolationContext, LoadedProject } from "../manifest/types.js";
import { isReadableFile } from "../manifest/workflow-checks.js";
import { rememberedCheck } from "../source/verdict-cache.js";
import { checkAgentDocument } from "./check-agent.js";
import { checkCompiledTemplate } from "./workflow/check-compiled.js";

export interface ValidationReport {
  projectDir: string;
  agents: string[];
  schemas: string[];
  workflows: string[];
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

/** The report, and the project as loaded for it, so a deploy after validation need not load it again. */
export interface ValidatedProject {
  report: ValidationReport;
  loaded: Loaded<LoadedProject>;
  /** The `${region}` and `${account}` the project was interpolated with. */
  interpolation: Pick<InterpolationContext, "region" | "account">;
}

export async function validateProject(
  projectDir: string,
  vars: Readonly<Record<string, string | undefined>>,
): Promise<ValidationReport> {
  return (await validateProjectLoaded(projectDir, vars)).report;
}

export async function validateProjectLoaded(
  projectDir: string,
  vars: Readonly<Record<string, string | undefined>>,
): Promise<ValidatedProject> {
  let interpolation = defaultInterpolation(vars);
  const loaded = await loadProject(projectDir, (config) => {
    interpolation = defaultInterpolation(vars, { region: config?.region });
    return interpolation;
  });
  const diagnostics = [...loaded.diagnostics];
  const report: ValidationReport = {
    projectDir,
    agents: [],
    schemas: [],
    workflows: [],
    diagnostics,
    errors: 0,
    warnings: 0,
  };
  const project = loaded.value;

  if (project) {
    const names = agentNames(project);
    report.agents = names;
    // Checked together (their file reads overlap), reported in file order.
    for (const checked of await Promise.all(project.agentDocuments.map(checkAgentDocument))) {
      diagnostics.push(...checked.diagnostics);
      report.schemas.push(...checked.schemas);
    }
    const aliases = agentAliases(project);
    for (const [i, workflow] of (project.config.value.workflows ?? []).entries()) {
      const file = path.resolve(path.dirname(project.config.file), workflow.template);
      // A missing or unreadable template is reported by the project loader at its `template:` line.
      if (!(await isReadableFile(file))) continue;
      report.workflows.push(workflow.name ?? `workflows[${i}]`);
      const opts = { agentNames: names, aliases };
      diagnostics.push(...(await checkWorkflowTemplate(file, opts, project.config.value.region)));
    }
  }
  report.errors = diagnostics.filter((d) => d.severity === "error").length;
  report.warnings = diagnostics.length - report.errors;
  return { report, loaded, interpolation: { region: interpolation.region, account: interpolation.account } };
}

/**
 * A template as written, then as deploy will send it: compiled, with placeholder ids (nothing
 * is deployed here). An unchanged template that passed for the same agents, aliases and region
 * is not checked again (source/verdict-cache.ts).
 */
async function checkWorkflowTemplate(
  file: string,
  opts: AslValidationOptions,
  region: string | undefined,
): Promise<Diagnostic[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return (await checkStateMachineFile(file, opts)).diagnostics; // which says why it cannot be read
  }
  const check = (): Diagnostic[] => {
    const checked = checkStateMachineText(text, file, opts);
    if (!checked.definition || !checked.locator || hasErrors(checked.diagnostics)) return checked.diagnostics;
    return [
      ...checked.diagnostics,
      ...checkCompiledTemplate(checked.definition, checked.locator, file, opts, region),
    ];
  };
  const context = JSON.stringify([opts.agentNames, opts.aliases ?? null, region ?? null]);
  return rememberedCheck("workflow-template", [file, text, context], check, (d) => d.length === 0);
}
