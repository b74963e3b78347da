/**
 * The whole sample project passes every checker with no diagnostics at all:
 * manifests (schema + rules), OpenAPI schemas, function definitions, workflow.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validateStateMachineFile } from "../../src/asl/validate.js";
import type { Diagnostic } from "../../src/diagnostics.js";
import { defaultInterpolation } from "../../src/manifest/interpolate.js";
import { loadProject } from "../../src/manifest/load-project.js";
import { validateFunctionSchema, validateOpenApiFile } from "../../src/openapi/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("the sample project", () => {
  it("validates with zero errors and zero warnings", async () => {
    const loaded = await loadProject(root, defaultInterpolation({}, {}));
    const diagnostics: Diagnostic[] = [...loaded.diagnostics];
    const project = loaded.value;
    expect(project?.agents.map((a) => a.value.name).sort()).toEqual([
      "notification",
      "order-validation",
      "shipping",
    ]);
    for (const agent of project?.agents ?? []) {
      for (const [i, group] of (agent.value.actionGroups ?? []).entries()) {
        if (group.schema) {
          const file = path.resolve(path.dirname(agent.file), group.schema);
          const result = await validateOpenApiFile(file, { actionGroupName: group.name });
          expect(result.operations.length).toBeGreaterThan(0);
          diagnostics.push(...result.diagnostics);
        }
        if (group.functions)
          diagnostics.push(
            ...validateFunctionSchema(group.functions, agent, ["actionGroups", i, "functions"], group.name),
          );
      }
    }
    const agentNames = project?.agents.map((a) => a.value.name) ?? [];
    for (const workflow of project?.config.value.workflows ?? []) {
      diagnostics.push(
        ...(await validateStateMachineFile(path.resolve(root, workflow.template), { agentNames })),
      );
    }
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
  });
});
