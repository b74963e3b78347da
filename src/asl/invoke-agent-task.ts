/**
 * The `agentctl:invokeAgent` pseudo-task: a readable way to call a project agent
 * from a workflow. Step Functions cannot call an agent (aws-behaviour.md §6.1),
 * so deploy compiles it into `arn:aws:states:::lambda:invoke` of the adapter
 * Lambda agentctl provisions, unwrapping the Lambda envelope so the user's own
 * ResultSelector/Output see the adapter's JSON itself (src/core/workflow/).
 *
 * Shape (JSONPath states; JSONata states put the same fields under `Arguments`,
 * where values other than Agent and Alias may be `{% … %}` expressions):
 *
 *   Type: Task
 *   Resource: agentctl:invokeAgent
 *   Parameters:
 *     Agent: order-validation          # required, literal: an agent of this project
 *     Alias: live                      # optional, literal: one of its aliases (default: its first alias)
 *     InputText.$: $.question          # required: InputText (literal) or InputText.$ (path/intrinsic)
 *     SessionId.$: $$.Execution.Name   # optional (default: the execution name, made session-id safe)
 *     SessionAttributes: {…}           # optional string map (or SessionAttributes.$)
 *     PromptSessionAttributes: {…}     # optional string map (or PromptSessionAttributes.$)
 *     EnableTrace: true                # optional boolean (default true: a trace summary is returned)
 *     EndSession: false                # optional boolean
 *
 * Result: { completion, sessionId, agentName, agentId, agentAliasId, memoryId, traceSummary }.
 * Retry/Catch/ResultPath/ResultSelector/TimeoutSeconds work as on any Task; errors are named
 * Agent.Throttling, Agent.DependencyFailed, … (src/adapter/invoke-agent.ts).
 */
import type { PropertyPath } from "../manifest/types.js";
import { didYouMean } from "../source/did-you-mean.js";
import type { CheckContext } from "./check-context.js";
import { ADAPTER_FUNCTION_ARN_EXAMPLE } from "./mistake-checks.js";
import { isObject, setValueAt } from "./states.js";

export const INVOKE_AGENT_RESOURCE = "agentctl:invokeAgent";

/** Fields that may also be written `Field.$` (JSONPath) or hold a JSONata expression. */
const DYNAMIC_FIELDS = [
  "InputText",
  "SessionId",
  "SessionAttributes",
  "PromptSessionAttributes",
  "EnableTrace",
  "EndSession",
];
const STATIC_FIELDS = ["Agent", "Alias"];
const ALL_FIELDS = [...STATIC_FIELDS, ...DYNAMIC_FIELDS];

const SHAPE_HINT =
  'Write `Parameters: { Agent: <agent name>, "InputText.$": "$.text" }` (JSONata: `Arguments: { Agent: …, InputText: "{% … %}" }`).';

export function checkInvokeAgentTasks(ctx: CheckContext): void {
  for (const ref of ctx.states) {
    const { name, path, state } = ref;
    if (state.Type !== "Task" || typeof state.Resource !== "string") continue;
    if (!state.Resource.startsWith("agentctl:")) continue;
    const resourcePath = [...path, "Resource"];
    if (state.Resource !== INVOKE_AGENT_RESOURCE) {
      const hint = state.Resource.startsWith(`${INVOKE_AGENT_RESOURCE}.`)
        ? "agentctl:invokeAgent takes no suffix (.sync/.waitForTaskToken); put a separate `.waitForTaskToken` task after it for a human step."
        : (didYouMean(state.Resource, [INVOKE_AGENT_RESOURCE]) ??
          `The only agentctl task is ${INVOKE_AGENT_RESOURCE}.`);
      ctx.atValue(
        resourcePath,
        "error",
        "asl/unknown-agentctl-resource",
        `State "${name}": unknown agentctl task "${state.Resource}".`,
        hint,
      );
    } else {
      checkFields(ctx, name, path, state, ref.queryLanguage === "JSONata");
    }
    setValueAt(ctx.prepared, resourcePath, ADAPTER_FUNCTION_ARN_EXAMPLE);
  }
}

function checkFields(
  ctx: CheckContext,
  stateName: string,
  statePath: PropertyPath,
  state: Record<string, unknown>,
  jsonata: boolean,
) {
  const container = jsonata ? "Arguments" : "Parameters";
  const fields = state[container];
  const fieldsPath = [...statePath, container];
  if (!isObject(fields)) {
    ctx.atKey(
      fields === undefined ? [...statePath, "Resource"] : fieldsPath,
      "error",
      "asl/invoke-agent-shape",
      `State "${stateName}": agentctl:invokeAgent needs "${container}" as an object naming the agent and its input.`,
      SHAPE_HINT,
    );
    return;
  }
  const at = (field: string) => [...fieldsPath, field];

  for (const key of Object.keys(fields)) {
    const base = key.endsWith(".$") ? key.slice(0, -2) : key;
    if (!ALL_FIELDS.includes(base) || (key.endsWith(".$") && jsonata)) {
      const hint = /^agent(alias)?id$/i.test(base)
        ? "Name the agent with `Agent: <agent name>` (and `Alias:`); deploy fills in the ids."
        : (didYouMean(base, ALL_FIELDS) ?? `Known fields: ${ALL_FIELDS.join(", ")}.`);
      ctx.atKey(
        at(key),
        "error",
        "asl/invoke-agent-unknown-field",
        `State "${stateName}": "${key}" is not a field of agentctl:invokeAgent.`,
        hint,
      );
    } else if (STATIC_FIELDS.includes(base) && key.endsWith(".$")) {
      ctx.atKey(
        at(key),
        "error",
        "asl/invoke-agent-dynamic-agent",
        `State "${stateName}": "${key}" must be a literal: deploy resolves the agent and alias before the workflow runs.`,
        `Write "${base}": <name> without ".$".`,
      );
    }
  }

  checkAgent(ctx, stateName, fields, fieldsPath);

  const hasText = "InputText" in fields;
  const hasTextPath = "InputText.$" in fields;
  if (!hasText && !hasTextPath) {
    ctx.atKey(
      fieldsPath,
      "error",
      "asl/invoke-agent-missing-input",
      `State "${stateName}": agentctl:invokeAgent needs the text to send to the agent.`,
      jsonata
        ? 'Add `InputText: "{% $states.input.text %}"`.'
        : 'Add `"InputText.$": "$.text"` (or a literal `InputText`).',
    );
  } else if (hasText && hasTextPath) {
    ctx.atKey(
      at("InputText.$"),
      "error",
      "asl/invoke-agent-shape",
      `State "${stateName}": give either "InputText" or "InputText.$", not both.`,
    );
  }
}

function checkAgent(
  ctx: CheckContext,
  stateName: string,
  fields: Record<string, unknown>,
  fieldsPath: PropertyPath,
) {
  if (!("Agent" in fields)) {
    if (!("Agent.$" in fields)) {
      ctx.atKey(
        fieldsPath,
        "error",
        "asl/invoke-agent-missing-agent",
        `State "${stateName}": agentctl:invokeAgent does not say which agent to call.`,
        `Add \`Agent: <agent name>\`${knownAgents(ctx)}.`,
      );
    }
    return;
  }
  const agent = fields.Agent;
  const agentPath = [...fieldsPath, "Agent"];
  if (typeof agent !== "string" || /^\s*\{%/.test(agent)) {
    ctx.atValue(
      agentPath,
      "error",
      "asl/invoke-agent-dynamic-agent",
      `State "${stateName}": "Agent" must be the literal name of an agent of this project.`,
      `Agents: ${ctx.opts.agentNames.join(", ") || "(none)"}.`,
    );
    return;
  }
  if (!ctx.opts.agentNames.includes(agent)) {
    ctx.atValue(
      agentPath,
      "error",
      "asl/unknown-agent",
      `State "${stateName}": no agent named "${agent}" in this project.`,
      didYouMean(agent, ctx.opts.agentNames) ?? `Agents: ${ctx.opts.agentNames.join(", ") || "(none)"}.`,
    );
    return;
  }
  const alias = fields.Alias;
  const declared = ctx.opts.aliases?.[agent];
  if (alias === undefined || !declared) return;
  if (typeof alias !== "string" || !declared.includes(alias)) {
    ctx.atValue(
      [...fieldsPath, "Alias"],
      "error",
      "asl/unknown-alias",
      `State "${stateName}": agent "${agent}" declares no alias "${String(alias)}".`,
      (typeof alias === "string" ? didYouMean(alias, declared) : undefined) ??
        `Aliases of ${agent}: ${declared.join(", ") || "(none)"}.`,
    );
  }
}

function knownAgents(ctx: CheckContext): string {
  return ctx.opts.agentNames.length > 0 ? ` (one of ${ctx.opts.agentNames.join(", ")})` : "";
}
