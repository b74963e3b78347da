/**
 * `${…}` placeholders of a template replaced by their values: `${agents.NAME.agentId|agentArn}`
 * and `${agents.NAME.aliasId|aliasArn}` (the agent's default alias, its first), and
 * `${region}`, `${account}`, `${env:NAME}` through the caller's lookup. Others (CDK/SAM
 * substitutions) stay as written, as validate warns.
 */
import { parseAgentReference } from "../../asl/placeholders.js";
import { isObject } from "../../asl/states.js";
import type { PropertyPath } from "../../manifest/types.js";
import { type CompileInputs, WorkflowCompileError } from "./types.js";

const PLACEHOLDER = /\$\{([^}]*)\}/g;

export function substitutePlaceholders(
  value: unknown,
  inputs: CompileInputs,
  path: PropertyPath = [],
): unknown {
  if (typeof value === "string") return value.includes("${") ? substituteString(value, inputs, path) : value;
  if (Array.isArray(value)) return value.map((v, i) => substitutePlaceholders(v, inputs, [...path, i]));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, substitutePlaceholders(v, inputs, [...path, k])]),
  );
}

function substituteString(text: string, inputs: CompileInputs, path: PropertyPath): string {
  return text.replace(PLACEHOLDER, (written, inner: string) => {
    const ref = parseAgentReference(inner);
    if (!ref) return inputs.variable?.(inner) ?? written;
    const agent = inputs.agents[ref.agent];
    if (!agent)
      throw new WorkflowCompileError(`${written}: no agent named "${ref.agent}" in this project.`, path);
    const alias = agent.aliases[0];
    switch (ref.field) {
      case "agentId":
        return agent.agentId;
      case "agentArn":
        return agent.agentArn;
      case "aliasId":
      case "aliasArn":
        if (!alias) throw new WorkflowCompileError(`${written}: agent "${ref.agent}" has no alias.`, path);
        return ref.field === "aliasId" ? alias.aliasId : alias.aliasArn;
      default:
        throw new WorkflowCompileError(`${written}: agents have no "${ref.field}".`, path);
    }
  });
}
