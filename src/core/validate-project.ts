/**
 * `agentctl validate` as a library call: loads the project and runs every
 * checker (manifests, OpenAPI files, function definitions, handlers, scripts,
 * state-machine templates), returning all diagnostics at once.
 */
import { access } from "node:fs/promises";
import path from "node:path";
import { validateStateMachineFile } from "../asl/validate.js";
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import { defaultInterpolation } from "../manifest/interpolate.js";
import { loadProject } from "../manifest/load-project.js";
import type { AgentManifest, Located } from "../manifest/types.js";
import {
  checkApisPerAgent,
  countActionGroupApis,
  validateFunctionSchema,
  validateOpenApiFile,
} from "../openapi/index.js";
import { checkAgentQuotas } from "./agent-quotas.js";

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
    for (const agent of project.agents) {
      report.agents.push(agent.value.name);
      diagnostics.push(...(await checkAgent(agent, report)));
    }
    const agentNames = project.agents.map((a) => a.value.name);
    const aliases = Object.fromEntries(
      project.agents.map((a) => [a.value.name, (a.value.aliases ?? []).map((x) => x.name)]),
    );
    for (const [i, workflow] of (project.config.value.workflows ?? []).entries()) {
      const file = path.resolve(path.dirname(project.config.file), workflow.template);
      // A missing template is reported by the project loader at the `template:` line.
      if (!(await exists(file))) continue;
      report.workflows.push(workflow.name ?? `workflows[${i}]`);
      diagnostics.push(...(await validateStateMachineFile(file, { agentNames, aliases })));
    }
  }
  report.errors = diagnostics.filter((d) => d.severity === "error").length;
  report.warnings = diagnostics.length - report.errors;
  return report;
}

async function checkAgent(agent: Located<AgentManifest>, report: ValidationReport): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const dir = path.dirname(agent.file);
  const apiCounts: number[] = [];
  let enabledGroups = 0;

  for (const [i, group] of (agent.value.actionGroups ?? []).entries()) {
    const at = ["actionGroups", i] as const;
    let openApi: Awaited<ReturnType<typeof validateOpenApiFile>> | undefined;
    if (group.schema !== undefined) {
      const file = path.resolve(dir, group.schema);
      if (await exists(file)) {
        report.schemas.push(file);
        openApi = await validateOpenApiFile(file, { actionGroupName: group.name });
        diagnostics.push(...openApi.diagnostics);
      } else {
        diagnostics.push(missingFile(agent, [...at, "schema"], "OpenAPI schema", file));
      }
    }
    if (group.functions !== undefined) {
      diagnostics.push(...validateFunctionSchema(group.functions, agent, [...at, "functions"], group.name));
    }
    apiCounts.push(countActionGroupApis(group, openApi));
    if (group.enabled !== false) enabledGroups++;

    if (group.handler !== undefined) {
      const file = path.resolve(dir, group.handler);
      if (!(await exists(file)))
        diagnostics.push(missingFile(agent, [...at, "handler"], "handler module", file));
    } else if (group.executor !== "returnControl") {
      diagnostics.push(
        diagnostic(
          agent.file,
          agent.locate(at),
          "warning",
          "manifest/handler-missing",
          `Action group "${group.name}" has no local handler, so the emulator cannot run it.`,
          "Add `handler: handlers/<name>.ts` (the same code you deploy to Lambda), or use `executor: returnControl`.",
        ),
      );
    }
  }

  const script = agent.value.local?.script;
  if (script !== undefined && !(await exists(path.resolve(dir, script)))) {
    diagnostics.push(missingFile(agent, ["local", "script"], "model script", path.resolve(dir, script)));
  }
  diagnostics.push(...checkApisPerAgent(agent, apiCounts), ...checkAgentQuotas(agent, enabledGroups));
  return diagnostics;
}

function missingFile(
  agent: Located<AgentManifest>,
  at: readonly (string | number)[],
  what: string,
  file: string,
): Diagnostic {
  return diagnostic(
    agent.file,
    agent.locate(at),
    "error",
    "manifest/file-not-found",
    `The ${what} ${path.relative(path.dirname(agent.file), file)} does not exist.`,
    "Paths in an agent manifest are relative to the manifest's own directory.",
  );
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
