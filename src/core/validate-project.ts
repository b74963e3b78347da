/**
 * `agentctl validate` as a library call: loads the project and runs every
 * checker (manifests, OpenAPI files, function definitions, handlers, scripts,
 * state-machine templates), returning all diagnostics at once. A manifest with
 * errors still has its well-formed parts checked, so one typo hides nothing.
 */
import path from "node:path";
import { checkStateMachineFile } from "../asl/validate.js";
import type { Diagnostic } from "../diagnostics.js";
import { hasErrors } from "../diagnostics.js";
import { defaultInterpolation } from "../manifest/interpolate.js";
import { loadProject } from "../manifest/load-project.js";
import { agentAliases, agentNames } from "../manifest/partial-agent.js";
import { isReadableFile } from "../manifest/workflow-checks.js";
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

export async function validateProject(
  projectDir: string,
  vars: Readonly<Record<string, string | undefined>>,
): Promise<ValidationReport> {
  const loaded = await loadProject(projectDir, (config) =>
    defaultInterpolation(vars, { region: config?.region }),
  );
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
      const checked = await checkStateMachineFile(file, opts);
      diagnostics.push(...checked.diagnostics);
      // Then as deploy will send it: compiled, with placeholder ids (nothing is deployed here).
      if (checked.definition && checked.locator && !hasErrors(checked.diagnostics)) {
        const region = project.config.value.region;
        diagnostics.push(...checkCompiledTemplate(checked.definition, checked.locator, file, opts, region));
      }
    }
  }
  report.errors = diagnostics.filter((d) => d.severity === "error").length;
  report.warnings = diagnostics.length - report.errors;
  return report;
}
