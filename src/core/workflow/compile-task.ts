/**
 * One `agentctl:invokeAgent` state → a `lambda:invoke` Task of the adapter, meaning what the
 * user wrote. Their fields are renamed into the adapter's Payload (src/adapter/invoke-agent.ts),
 * the agent and alias names become ids, and the Lambda envelope is unwrapped before their own
 * result handling sees the result:
 *   JSONPath: their ResultSelector is rebased onto `$.Payload` (or, without one, a selector of
 *     the adapter's keys stands in); ResultPath, OutputPath, Retry and Catch are kept as written.
 *   JSONata: `$states.result` in their Output/Assign becomes `$states.result.Payload` (without
 *     an Output, the output is the adapter result); Retry and Catch are kept as written.
 * Without a Retry of their own, transient agent and Lambda errors are retried with backoff.
 */
import { type AdapterResult, RETRYABLE_ERRORS } from "../../adapter/invoke-agent.js";
import { isObject, type JsonObject, type QueryLanguage } from "../../asl/states.js";
import type { PropertyPath } from "../../manifest/types.js";
import { rebaseExpressions } from "./jsonata-rebase.js";
import { readsRoot, rebasePayloadTemplate } from "./jsonpath-rebase.js";
import { type CompileInputs, WorkflowCompileError } from "./types.js";

export const LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

/** The pseudo-task's fields → the adapter event's. */
const PAYLOAD_FIELDS: Readonly<Record<string, string>> = {
  InputText: "inputText",
  SessionId: "sessionId",
  SessionAttributes: "sessionAttributes",
  PromptSessionAttributes: "promptSessionAttributes",
  EnableTrace: "enableTrace",
  EndSession: "endSession",
};

/** Keys every adapter result has: the JSONPath selector used when the user wrote none. */
const RESULT_KEYS: readonly (keyof AdapterResult)[] = [
  "completion",
  "sessionId",
  "agentName",
  "agentId",
  "agentAliasId",
  "memoryId",
  "traceSummary",
];

/** Transient failures of the agent (the adapter's names) and of Lambda itself (AWS's advice). */
export const DEFAULT_RETRY = [
  {
    ErrorEquals: [
      ...RETRYABLE_ERRORS,
      "Lambda.ServiceException",
      "Lambda.AWSLambdaException",
      "Lambda.SdkClientException",
      "Lambda.TooManyRequestsException",
    ],
    IntervalSeconds: 2,
    MaxAttempts: 4,
    BackoffRate: 2,
    JitterStrategy: "FULL",
  },
];

export function compileInvokeAgentState(
  state: JsonObject,
  path: PropertyPath,
  language: QueryLanguage,
  inputs: CompileInputs,
): JsonObject {
  const jsonata = language === "JSONata";
  const container = jsonata ? "Arguments" : "Parameters";
  const fields = state[container];
  if (!isObject(fields))
    throw new WorkflowCompileError(
      `agentctl:invokeAgent needs "${container}" as an object naming the agent and its input.`,
      [...path, container],
    );
  if (!("InputText" in fields) && !("InputText.$" in fields))
    throw new WorkflowCompileError("agentctl:invokeAgent needs the text to send to the agent (InputText).", [
      ...path,
      container,
    ]);
  const payload = { ...agentIds(fields, [...path, container], inputs), ...payloadFields(fields, jsonata) };

  const { [container]: _fields, Resource: _resource, ...rest } = state;
  const compiled: JsonObject = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === "ResultSelector" || key === "Output" || key === "Assign") continue;
    compiled[key] = value;
    if (key === "Type") {
      compiled.Resource = LAMBDA_INVOKE;
      compiled[container] = { FunctionName: inputs.adapterFunctionArn, Payload: payload };
    }
  }
  if (jsonata) {
    compiled.Output = "Output" in state ? rebaseExpressions(state.Output) : "{% $states.result.Payload %}";
    if ("Assign" in state) compiled.Assign = rebaseExpressions(state.Assign);
  } else {
    compiled.ResultSelector =
      "ResultSelector" in state
        ? rebasePayloadTemplate(state.ResultSelector)
        : Object.fromEntries(RESULT_KEYS.map((k) => [`${k}.$`, `$.Payload.${k}`]));
    if ("Assign" in state) {
      // Unverified which result `$` means in a JSONPath Assign (raw, or after ResultSelector):
      // rather than guess, only Assigns that read no state data are compiled.
      if (readsRoot(state.Assign))
        throw new WorkflowCompileError(
          "An Assign that reads the result ($…) is not supported on agentctl:invokeAgent in JSONPath mode.",
          [...path, "Assign"],
          "Select what you need with ResultSelector and place it with ResultPath, then Assign in the next state; or write the state in JSONata.",
        );
      compiled.Assign = state.Assign;
    }
  }
  if (!("Retry" in state)) compiled.Retry = structuredClone(DEFAULT_RETRY);
  return orderLikeAws(compiled);
}

function agentIds(fields: JsonObject, at: PropertyPath, inputs: CompileInputs): JsonObject {
  const name = fields.Agent;
  if (typeof name !== "string")
    throw new WorkflowCompileError('"Agent" must be the literal name of an agent of this project.', [
      ...at,
      "Agent",
    ]);
  const agent = inputs.agents[name];
  if (!agent) throw new WorkflowCompileError(`No agent named "${name}" in this project.`, [...at, "Agent"]);
  const aliasName = fields.Alias;
  const alias = aliasName === undefined ? agent.aliases[0] : agent.aliases.find((a) => a.name === aliasName);
  if (!alias)
    throw new WorkflowCompileError(
      aliasName === undefined
        ? `Agent "${name}" has no alias to invoke.`
        : `Agent "${name}" has no alias "${String(aliasName)}".`,
      [...at, aliasName === undefined ? "Agent" : "Alias"],
      "Declare the alias under `aliases:` in the agent's manifest.",
    );
  return { agentName: name, agentId: agent.agentId, agentAliasId: alias.aliasId };
}

function payloadFields(fields: JsonObject, jsonata: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    const dynamic = key.endsWith(".$");
    const field = PAYLOAD_FIELDS[dynamic ? key.slice(0, -2) : key];
    if (field) out[dynamic ? `${field}.$` : field] = value;
  }
  if (!("sessionId" in out) && !("sessionId.$" in out)) {
    // The adapter derives a valid session id from the execution name (one session per execution).
    if (jsonata) out.executionName = "{% $states.context.Execution.Name %}";
    else out["executionName.$"] = "$$.Execution.Name";
  }
  return out;
}

/** Type and Resource first, transitions last: easier to read in the console and in diffs. */
function orderLikeAws(state: JsonObject): JsonObject {
  const last = ["Retry", "Catch", "Next", "End"];
  const entries = Object.entries(state);
  return Object.fromEntries([
    ...entries.filter(([k]) => !last.includes(k)),
    ...last.flatMap((k) => (k in state ? [[k, state[k]] as const] : [])),
  ]);
}
