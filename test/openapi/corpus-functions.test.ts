/**
 * The function-schema action groups of public CloudFormation/SAM templates, converted
 * to agentctl's FunctionManifest shape and validated, with positions in the template.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type {
  AgentManifest,
  FunctionManifest,
  Located,
  ParameterManifest,
  PropertyPath,
} from "../../src/manifest/types.js";
import { validateFunctionSchema } from "../../src/openapi/index.js";
import { parseDocumentText } from "../../src/source/parse-document.js";

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus/functions");
const present = existsSync(corpus);
if (!present) console.warn(`Skipping the function-schema corpus tests: ${corpus} is absent.`);

type Cfn = Record<string, unknown>;
const FIELD: Record<string, string> = { name: "Name", description: "Description", parameters: "Parameters" };
const PARAM_FIELD: Record<string, string> = {
  type: "Type",
  description: "Description",
  required: "Required",
};

interface AgentInTemplate {
  located: Located<AgentManifest>;
  /** Indexes of `actionGroups` that have a FunctionSchema. */
  groups: number[];
}

/**
 * `yaml` resolves CloudFormation's unknown tags (!Ref, !Sub, !GetAtt, …) to their plain
 * scalar or collection value, so the project's position-keeping parser reads templates
 * as they are; it warns about each tag (template/unresolved-tag), which is expected here.
 */
function agentsIn(file: string): AgentInTemplate[] {
  const parsed = parseDocumentText(readFileSync(file, "utf8"), file, "template");
  expect(parsed.diagnostics.filter((d) => d.code !== "template/unresolved-tag")).toEqual([]);
  const resources = ((parsed.value as Cfn).Resources ?? {}) as Record<string, Cfn>;
  const agents: AgentInTemplate[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type !== "AWS::Bedrock::Agent") continue;
    const props = resource.Properties as Cfn;
    const cfnGroups = (props.ActionGroups ?? []) as Cfn[];
    const base: PropertyPath = ["Resources", id, "Properties"];
    const toTemplate = (p: PropertyPath): PropertyPath => {
      const [, group, , fn, field, param, paramField] = p;
      const out: (string | number)[] = [...base, "ActionGroups"];
      if (group === undefined) return out;
      out.push(group as number, "FunctionSchema", "Functions");
      if (fn === undefined) return out;
      out.push(fn as number);
      if (field !== undefined) out.push(FIELD[field as string] ?? field);
      if (param !== undefined) out.push(param);
      if (paramField !== undefined) out.push(PARAM_FIELD[paramField as string] ?? paramField);
      return out;
    };
    const value: AgentManifest = {
      name: String(props.AgentName),
      model: String(props.FoundationModel),
      instruction: String(props.Instruction ?? ""),
      actionGroups: cfnGroups.map((g) => ({
        name: String(g.ActionGroupName),
        executor: "returnControl" as const,
        ...(g.FunctionSchema ? { functions: toFunctions((g.FunctionSchema as Cfn).Functions as Cfn[]) } : {}),
      })),
    };
    agents.push({
      located: {
        file,
        value,
        locate: (p) => parsed.locate(toTemplate(p)),
        locateKey: (p) => parsed.locateKey(toTemplate(p)),
      },
      groups: cfnGroups.flatMap((g, i) => (g.FunctionSchema ? [i] : [])),
    });
  }
  return agents;
}

function toFunctions(functions: Cfn[]): FunctionManifest[] {
  return functions.map((fn) => ({
    name: String(fn.Name),
    ...(fn.Description !== undefined ? { description: String(fn.Description) } : {}),
    parameters: Object.fromEntries(
      Object.entries((fn.Parameters ?? {}) as Record<string, Cfn>).map(([name, p]) => [
        name,
        {
          // Passed through unchecked: validateFunctionSchema is what judges it.
          type: p.Type as ParameterManifest["type"],
          ...(p.Description !== undefined ? { description: String(p.Description) } : {}),
          // Templates write booleans as true/True or as strings "True"/"False".
          required: p.Required === true || String(p.Required).toLowerCase() === "true",
        },
      ]),
    ),
    ...(fn.RequireConfirmation !== undefined ? { confirmation: fn.RequireConfirmation === "ENABLED" } : {}),
  }));
}

function validateAgent(agent: AgentInTemplate) {
  return agent.groups.flatMap((i) => {
    const group = agent.located.value.actionGroups?.[i];
    return validateFunctionSchema(
      group?.functions ?? [],
      agent.located,
      ["actionGroups", i, "functions"],
      group?.name ?? "",
    );
  });
}

describe.skipIf(!present)("function-schema corpus", () => {
  const files = present ? readdirSync(corpus).sort() : [];

  it("gives every template's function groups a verdict without throwing, and prints it", () => {
    for (const name of files) {
      const agents = agentsIn(path.join(corpus, name));
      expect(agents.length).toBeGreaterThan(0);
      for (const agent of agents) {
        const diagnostics = validateAgent(agent);
        const fns = agent.groups.reduce(
          (n, i) => n + (agent.located.value.actionGroups?.[i]?.functions?.length ?? 0),
          0,
        );
        const detail = diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`).join(", ");
        console.log(
          `[corpus/functions] ${name.slice(-50)} agent ${agent.located.value.name}: ${fns} functions, ${diagnostics.length} diagnostics${detail ? ` — ${detail}` : ""}`,
        );
        // Both templates deploy as published: nothing to report.
        expect(diagnostics).toEqual([]);
      }
    }
  });

  it("points diagnostics at the template's own lines", () => {
    const file = path.join(corpus, files.find((f) => f.includes("outfit-assistant")) ?? "");
    const [agent] = agentsIn(file);
    if (!agent) throw new Error("no agent in the outfit-assistant template");
    const group = agent.groups[0] as number;
    const functions = agent.located.value.actionGroups?.[group]?.functions as FunctionManifest[];
    const renamed = functions.map((fn, i) => (i === 1 ? { ...fn, name: "get current time" } : fn));
    const diagnostics = validateFunctionSchema(
      renamed,
      agent.located,
      ["actionGroups", group, "functions"],
      "AgentActionGroup",
    );
    const lines = readFileSync(file, "utf8").split("\n");
    const nameLine = lines.findIndex((l) => l.includes("Name: getCurrentTime")) + 1;
    const column = (lines[nameLine - 1] ?? "").indexOf("getCurrentTime") + 1;
    expect(diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual([
      `function/name-invalid@${nameLine}:${column}`,
    ]);
  });
});
