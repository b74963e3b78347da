/**
 * The desired state of the project's workflows: each template as parsed, compiled (src/core/
 * workflow) with the agents' deployed ids, and what its state machine's role must allow, read
 * from the compiled definition itself: the adapter's agent aliases, the other Lambda functions
 * it invokes and the literal SNS topics of this account/region it publishes to.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { INVOKE_AGENT_RESOURCE } from "../../asl/invoke-agent-task.js";
import { collectStates, isObject, type JsonObject } from "../../asl/states.js";
import type { LoadedProject } from "../../manifest/types.js";
import { parseYamlRemembered } from "../../source/remembered-parse.js";
import { stateMachineName } from "../executions/workflows.js";
import { compileWorkflow, placeholderAgents, type ResolvedAgents, usesAgents } from "../workflow/index.js";
import { stableJson } from "./canonical.js";
import type { DesiredProject } from "./desired.js";

export interface DesiredWorkflow {
  name: string;
  stateMachineName: string;
  type: "STANDARD" | "EXPRESS";
  file: string;
  template: JsonObject;
  /** Project agents the template names (deployed and aliased before it). */
  agents: string[];
  usesAgents: boolean;
}

export async function desiredWorkflows(project: LoadedProject): Promise<DesiredWorkflow[]> {
  const config = project.config.value;
  const names = new Set(project.agents.map((a) => a.value.name));
  const out: DesiredWorkflow[] = [];
  for (const wf of config.workflows ?? []) {
    const file = path.resolve(path.dirname(project.config.file), wf.template);
    // validate already checked the template (preflight); YAML parses JSON templates too.
    const template = (await parseYamlRemembered(await readFile(file, "utf8"))) as JsonObject;
    out.push({
      name: wf.name,
      stateMachineName: stateMachineName(config, wf),
      type: wf.type ?? "STANDARD",
      file,
      template,
      agents: referencedAgents(template, names),
      usesAgents: usesAgents(template),
    });
  }
  return out;
}

function referencedAgents(template: JsonObject, names: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const ref of collectStates(template)) {
    if (ref.state.Resource !== INVOKE_AGENT_RESOURCE) continue;
    for (const container of ["Parameters", "Arguments"]) {
      const fields = ref.state[container];
      if (isObject(fields) && typeof fields.Agent === "string") found.add(fields.Agent);
    }
  }
  for (const m of JSON.stringify(template).matchAll(/\$\{agents\.([^.}]+)\./g)) if (m[1]) found.add(m[1]);
  return [...found].filter((n) => names.has(n)).sort();
}

export interface AgentLookup {
  agent(name: string): { agentId: string; agentArn: string } | undefined;
  aliasArn(agent: string, alias: string): string | undefined;
}

/**
 * The project's agents with their deployed ids. Agents or aliases not deployed yet get
 * placeholder ids and are listed in `missing`: a definition using them is only a preview.
 */
export function resolveAgents(
  desired: DesiredProject,
  lookup: AgentLookup,
): { agents: ResolvedAgents; missing: Set<string> } {
  const aliasNames = Object.fromEntries(desired.agents.map((a) => [a.name, a.aliases.map((x) => x.name)]));
  const placeholders = placeholderAgents(
    aliasNames,
    desired.agents.map((a) => a.name),
    desired,
  );
  const missing = new Set<string>();
  const agents: Record<string, ResolvedAgents[string]> = {};
  for (const a of desired.agents) {
    const fallback = placeholders[a.name] as ResolvedAgents[string];
    let fromAlias: string | undefined;
    const aliases = a.aliases.map((alias, i) => {
      const arn = lookup.aliasArn(a.name, alias.name);
      if (!arn) {
        missing.add(a.name);
        return fallback.aliases[i] as ResolvedAgents[string]["aliases"][number];
      }
      // arn:aws:bedrock:<region>:<account>:agent-alias/<agentId>/<aliasId>
      fromAlias ??= arn.split("/")[1];
      return { name: alias.name, aliasId: arn.split("/").pop() as string, aliasArn: arn };
    });
    const known = lookup.agent(a.name);
    const agentId = known?.agentId ?? fromAlias;
    if (!agentId) missing.add(a.name);
    agents[a.name] = {
      agentId: agentId ?? fallback.agentId,
      agentArn:
        known?.agentArn ??
        (agentId
          ? `arn:aws:bedrock:${desired.region}:${desired.account}:agent/${agentId}`
          : fallback.agentArn),
      aliases,
    };
  }
  return { agents, missing };
}

export interface CompiledWorkflow {
  definition: JsonObject;
  /** The text sent to Step Functions. */
  text: string;
  aliasArns: string[];
  functionArns: string[];
  topicArns: string[];
}

export function compileFor(
  desired: DesiredProject,
  wf: DesiredWorkflow,
  agents: ResolvedAgents,
  adapterArn: string,
): CompiledWorkflow {
  const vars: Record<string, string> = { region: desired.region, account: desired.account };
  const definition = compileWorkflow(wf.template, {
    agents,
    adapterFunctionArn: adapterArn,
    variable: (name) => vars[name],
  });
  return {
    definition,
    text: JSON.stringify(definition, null, 2),
    ...resourcesOf(desired, definition, adapterArn),
  };
}

const LAMBDA_RESOURCE = /^arn:aws[a-z-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;
const SNS_RESOURCE = /^arn:aws[a-z-]*:states:::sns:publish(\.waitForTaskToken)?$/;

function resourcesOf(desired: DesiredProject, definition: JsonObject, adapterArn: string) {
  const { region, account } = desired;
  const aliasArns = new Set<string>();
  const functionArns = new Set<string>();
  const topicArns = new Set<string>();
  const topicPattern = new RegExp(`^arn:aws:sns:${region}:${account}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$`);
  for (const ref of collectStates(definition)) {
    const { state } = ref;
    if (state.Type !== "Task" || typeof state.Resource !== "string") continue;
    const args = isObject(state.Parameters)
      ? state.Parameters
      : isObject(state.Arguments)
        ? state.Arguments
        : {};
    if (LAMBDA_RESOURCE.test(state.Resource)) {
      const fn = args.FunctionName;
      if (typeof fn !== "string" || fn.includes("{%")) continue;
      const arn = functionArn(fn, region, account);
      functionArns.add(arn);
      const payload = args.Payload;
      if (arn === adapterArn && isObject(payload) && typeof payload.agentId === "string") {
        aliasArns.add(
          `arn:aws:bedrock:${region}:${account}:agent-alias/${payload.agentId}/${String(payload.agentAliasId)}`,
        );
      }
    } else if (/^arn:aws[a-z-]*:lambda:/.test(state.Resource)) {
      functionArns.add(functionArn(state.Resource, region, account));
    } else if (SNS_RESOURCE.test(state.Resource)) {
      // A dynamic TopicArn would need sns:Publish on "*" (§4.4): not granted; the template's author adds it.
      const topic = args.TopicArn;
      if (typeof topic === "string" && topicPattern.test(topic)) topicArns.add(topic);
    }
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return { aliasArns: sorted(aliasArns), functionArns: sorted(functionArns), topicArns: sorted(topicArns) };
}

/** A function name, partial or full ARN (qualified or not) → its unqualified ARN. */
export function functionArn(ref: string, region: string, account: string): string {
  if (ref.startsWith("arn:")) return ref.split(":").slice(0, 7).join(":");
  const [name] = ref.split(":");
  return `arn:aws:lambda:${region}:${account}:function:${name}`;
}

/** What the state machine's tag records: its definition, role and type as deployed. */
export function stateMachineHash(text: string, roleArn: string, type: string): string {
  const definition = JSON.parse(text) as unknown;
  return createHash("sha256").update(stableJson({ definition, roleArn, type })).digest("hex").slice(0, 32);
}
