/**
 * The desired state: what the loaded (and validated) project says each agent should be,
 * in the canonical form of canonical.ts, plus what deploy needs around it (aliases, the
 * role, Lambda executors, the agents it depends on).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { AgentManifest, LoadedProject } from "../../manifest/types.js";
import {
  type CollaboratorDefinition,
  canonicalActionGroup,
  canonicalAgentFields,
  canonicalKnowledgeBase,
  type DraftDefinition,
  definitionHash,
  sortDefinition,
} from "./canonical.js";
import type { ActionGroupFields, Tags } from "./ports.js";
import { PROJECT_TAG } from "./tags.js";
import type { DesiredWorkflow } from "./workflow-desired.js";

export type RoleSpec =
  | { mode: "auto"; name: string; path: string; arn: string }
  | { mode: "existing"; arn: string };

export interface Executor {
  actionGroup: string;
  functionArn: string;
  functionName: string;
  /** Absolute path of the local handler module, when the manifest names one. */
  handlerFile?: string;
}

export interface DesiredAgent {
  name: string;
  file: string;
  definition: DraftDefinition;
  hash: string;
  /** User tags plus the ownership tag. */
  tags: Tags;
  aliases: { name: string; description?: string }[];
  role: RoleSpec;
  executors: Executor[];
  /** Project agents this one's collaborators point at (deployed and aliased first). */
  dependsOn: string[];
  knowledgeBaseIds: string[];
}

export interface DesiredProject {
  project: string;
  region: string;
  account: string;
  agents: DesiredAgent[];
  /** The project's workflows (workflow-desired.ts); absent = none are deployed. */
  workflows?: DesiredWorkflow[];
}

export const ROLE_PATH = "/agentctl/";

export async function desiredProject(
  project: LoadedProject,
  target: { region: string; account: string },
): Promise<DesiredProject> {
  const name = project.config.value.name;
  const byName = new Map(project.agents.map((a) => [a.value.name, a.value]));
  const agents = await Promise.all(
    project.agents.map((located) =>
      desiredAgent(located.value, located.file, name, byName, target, project.dir),
    ),
  );
  return { project: name, region: target.region, account: target.account, agents };
}

async function desiredAgent(
  manifest: AgentManifest,
  file: string,
  projectName: string,
  all: Map<string, AgentManifest>,
  target: { region: string; account: string },
  projectDir: string,
): Promise<DesiredAgent> {
  const role = roleSpec(manifest, projectName, target.account);
  const dir = path.dirname(file);
  const actionGroups: ActionGroupFields[] = [];
  const executors: Executor[] = [];
  for (const group of manifest.actionGroups ?? []) {
    const fields: ActionGroupFields = {
      actionGroupName: group.name,
      actionGroupState: group.enabled === false ? "DISABLED" : "ENABLED",
      ...(group.description ? { description: group.description } : {}),
      actionGroupExecutor:
        group.executor === "returnControl"
          ? { customControl: "RETURN_CONTROL" }
          : { lambda: group.executor.lambda },
    };
    if (group.schema) fields.apiSchema = { payload: await readFile(path.resolve(dir, group.schema), "utf8") };
    if (group.functions) {
      fields.functionSchema = {
        functions: group.functions.map((fn) => ({
          name: fn.name,
          ...(fn.description ? { description: fn.description } : {}),
          ...(fn.parameters ? { parameters: fn.parameters } : {}),
          ...(fn.confirmation ? { requireConfirmation: "ENABLED" as const } : {}),
        })),
      };
    }
    actionGroups.push(canonicalActionGroup(fields));
    if (group.executor !== "returnControl") {
      executors.push({
        actionGroup: group.name,
        functionArn: group.executor.lambda,
        functionName: functionNameOf(group.executor.lambda),
        ...(group.handler ? { handlerFile: path.resolve(dir, group.handler) } : {}),
      });
    }
  }
  if (manifest.builtins?.userInput) {
    actionGroups.push({
      actionGroupName: "UserInputAction",
      actionGroupState: "ENABLED",
      parentActionGroupSignature: "AMAZON.UserInput",
    });
  }
  if (manifest.builtins?.codeInterpreter) {
    actionGroups.push({
      actionGroupName: "CodeInterpreterAction",
      actionGroupState: "ENABLED",
      parentActionGroupSignature: "AMAZON.CodeInterpreter",
    });
  }

  const dependsOn: string[] = [];
  const collaborators: CollaboratorDefinition[] = (manifest.collaborators ?? []).map((c) => {
    let aliasRef = c.aliasArn ?? "";
    if (c.agent) {
      const alias = c.alias ?? all.get(c.agent)?.aliases?.[0]?.name ?? "";
      aliasRef = collaboratorRef(c.agent, alias);
      if (!dependsOn.includes(c.agent)) dependsOn.push(c.agent);
    }
    return {
      collaboratorName: c.name,
      collaborationInstruction: c.instruction,
      relayConversationHistory: c.relayHistory ? "TO_COLLABORATOR" : "DISABLED",
      aliasRef,
    };
  });

  const definition = sortDefinition({
    agent: canonicalAgentFields({
      agentName: manifest.name,
      instruction: manifest.instruction,
      foundationModel: manifest.model,
      idleSessionTTLInSeconds: manifest.idleSessionTTL ?? 600,
      agentResourceRoleArn: role.arn,
      agentCollaboration: manifest.collaboration ?? (collaborators.length > 0 ? "SUPERVISOR" : "DISABLED"),
      ...(manifest.description ? { description: manifest.description } : {}),
      ...(manifest.guardrail
        ? {
            guardrailConfiguration: {
              guardrailIdentifier: manifest.guardrail.id,
              guardrailVersion: manifest.guardrail.version,
            },
          }
        : {}),
      ...(manifest.memory?.enabled
        ? {
            memoryConfiguration: {
              enabledMemoryTypes: ["SESSION_SUMMARY"],
              ...(manifest.memory.storageDays !== undefined
                ? { storageDays: manifest.memory.storageDays }
                : {}),
            },
          }
        : {}),
    }),
    actionGroups,
    knowledgeBases: (manifest.knowledgeBases ?? []).map((kb) =>
      canonicalKnowledgeBase({
        knowledgeBaseId: kb.id,
        description: kb.description,
        knowledgeBaseState: kb.enabled === false ? "DISABLED" : "ENABLED",
      }),
    ),
    collaborators,
  });

  return {
    name: manifest.name,
    file,
    definition,
    hash: definitionHash(definition),
    tags: {
      ...(manifest.tags ?? {}),
      ...localModelTags(manifest, dir, projectDir),
      [PROJECT_TAG]: projectName,
    },
    aliases: (manifest.aliases ?? []).map((a) => ({
      name: a.name,
      ...(a.description ? { description: a.description } : {}),
    })),
    role,
    executors,
    dependsOn,
    knowledgeBaseIds: (manifest.knowledgeBases ?? []).map((kb) => kb.id),
  };
}

/**
 * How the emulator's runtime runs this agent (src/emulator/SPEC.md §9): the manifest's
 * `local:` section as agent tags, the script path relative to the project so every
 * checkout records the same value. Harmless on AWS, where nothing reads them.
 */
function localModelTags(manifest: AgentManifest, manifestDir: string, projectDir: string): Tags {
  const local = manifest.local;
  if (!local) return {};
  const tags: Tags = { "agentctl:local-model": local.model ?? "scripted" };
  if (local.script)
    tags["agentctl:local-script"] = path
      .relative(projectDir, path.resolve(manifestDir, local.script))
      .split(path.sep)
      .join("/");
  if (local.modelName) tags["agentctl:local-model-id"] = local.modelName;
  if (local.endpoint) tags["agentctl:local-endpoint"] = local.endpoint;
  return tags;
}

export function collaboratorRef(agent: string, alias: string): string {
  return `agent:${agent}/${alias}`;
}

function roleSpec(manifest: AgentManifest, projectName: string, account: string): RoleSpec {
  if (manifest.role && manifest.role !== "auto") return { mode: "existing", arn: manifest.role };
  const name = autoRoleName(projectName, manifest.name);
  return { mode: "auto", name, path: ROLE_PATH, arn: `arn:aws:iam::${account}:role${ROLE_PATH}${name}` };
}

/** IAM role names are at most 64 characters: long ones keep a readable prefix and a hash of the whole. */
export function autoRoleName(projectName: string, agentName: string): string {
  const full = `agentctl-${projectName}-${agentName}`;
  if (full.length <= 64) return full;
  const digest = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, 55)}-${digest}`;
}

/** `arn:aws:lambda:r:a:function:Name[:qualifier]` → `Name`. */
export function functionNameOf(arn: string): string {
  const parts = arn.split(":");
  return parts[6] ?? arn;
}
