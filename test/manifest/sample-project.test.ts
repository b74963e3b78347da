import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultInterpolation } from "../../src/manifest/interpolate.js";
import { loadProject } from "../../src/manifest/load-project.js";

const root = path.resolve(fileURLToPath(import.meta.url), "../../..");
const hasSample = existsSync(path.join(root, "agentctl.yaml"));
if (!hasSample)
  console.warn("skipping the sample-project manifest test: no agentctl.yaml at the repository root");

describe.skipIf(!hasSample)("the sample project", () => {
  it("loads with no diagnostics, so the schema and the sample agree", async () => {
    const { value, diagnostics } = await loadProject(root, (config) =>
      defaultInterpolation({}, { region: config?.region }),
    );
    expect(diagnostics).toEqual([]);
    expect(value?.agents.length).toBeGreaterThan(0);
    for (const agent of value?.agents ?? []) {
      for (const group of agent.value.actionGroups ?? []) {
        if (typeof group.executor === "object") expect(group.executor.lambda).not.toContain("${");
      }
    }
  });
});
