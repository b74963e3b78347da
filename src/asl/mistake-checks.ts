/**
 * Checks for the mistakes public Bedrock + Step Functions samples keep making
 * (aws-behaviour.md §6.1, §6.5): a `bedrock:invokeAgent` integration that does
 * not exist and `Result` templates whose `.$` keys are never evaluated
 * (Choice operators ASL lacks are in choice-rules.ts). Each is explained with the fix, then neutralised in the
 * prepared copy so the schema check reports only what remains.
 */
import type { PropertyPath } from "../manifest/types.js";
import type { CheckContext } from "./check-context.js";
import { isObject, setValueAt, walkValues } from "./states.js";

/** What deploy compiles `agentctl:invokeAgent` into; also what the prepared copy uses. */
export const ADAPTER_FUNCTION_ARN_EXAMPLE =
  "arn:aws:lambda:us-east-1:123456789012:function:agentctl-invoke-agent";

const INVOKE_AGENT_HINT =
  "Step Functions has no Bedrock Agents integration. Use `Resource: agentctl:invokeAgent` with " +
  '`Parameters: { Agent: <agent name>, "InputText.$": <path> }`: deploy turns it into a call of a small ' +
  "Lambda adapter that invokes the agent and returns its answer.";

export function checkAgentResources(ctx: CheckContext): void {
  for (const { name, path, state } of ctx.states) {
    if (state.Type !== "Task" || typeof state.Resource !== "string") continue;
    const resource = state.Resource;
    const resourcePath = [...path, "Resource"];
    if (/^arn:[^:]+:states:::bedrock:invokeagent\b/i.test(resource)) {
      ctx.atValue(
        resourcePath,
        "error",
        "asl/bedrock-invoke-agent",
        `State "${name}": "${resource}" is not a Step Functions integration (Bedrock's optimized integration covers InvokeModel only).`,
        INVOKE_AGENT_HINT,
      );
      setValueAt(ctx.prepared, resourcePath, ADAPTER_FUNCTION_ARN_EXAMPLE);
    } else if (/^arn:[^:]+:states:::aws-sdk:bedrockagentruntime:invokeagent\b/i.test(resource)) {
      ctx.atValue(
        resourcePath,
        "warning",
        "asl/sdk-invoke-agent",
        `State "${name}": the AWS SDK integration cannot read InvokeAgent's streamed answer, so the task result is empty.`,
        INVOKE_AGENT_HINT,
      );
    }
  }
}

export function checkResultTemplates(ctx: CheckContext): void {
  for (const { name, path, state, queryLanguage } of ctx.states) {
    if (!("Result" in state)) continue;
    const dynamicKeys: PropertyPath[] = [];
    walkValues(state.Result, [...path, "Result"], (value, valuePath) => {
      if (!isObject(value)) return;
      for (const key of Object.keys(value)) if (key.endsWith(".$")) dynamicKeys.push([...valuePath, key]);
    });
    const first = dynamicKeys[0];
    if (!first) continue;
    const keys = dynamicKeys.map((p) => `"${String(p[p.length - 1])}"`).join(", ");
    ctx.atKey(
      first,
      "warning",
      "asl/result-not-evaluated",
      `State "${name}": keys ending in ".$" inside "Result" are not evaluated; ${keys} will be output literally with their path strings.`,
      queryLanguage === "JSONata"
        ? 'In JSONata states use "Output" with {% … %} expressions.'
        : 'Rename "Result" to "Parameters": there, keys ending in ".$" take a path such as "$.orderId".',
    );
  }
}

const PAYLOAD_FIELDS = ["Parameters", "ResultSelector", "ItemSelector", "Assign"];
const WHOLE_PATH = /^(\$\$?\.|\$\[|\$$|States\.[A-Za-z]+\()/;
const EMBEDDED_PATH = /(^|[\s:(])\$\$?\.[A-Za-z_]/;

/** A path written under a key without `.$` is sent as literal text (seed: `Message: "… $.detail.agentId"`). */
export function checkUnevaluatedPaths(ctx: CheckContext): void {
  for (const { name, path, state, queryLanguage } of ctx.states) {
    if (queryLanguage === "JSONata") continue;
    for (const field of PAYLOAD_FIELDS) {
      walkValues(state[field], [...path, field], (value, valuePath) => {
        if (!isObject(value)) return;
        for (const [key, inner] of Object.entries(value)) {
          if (key.endsWith(".$") || typeof inner !== "string") continue;
          if (WHOLE_PATH.test(inner)) {
            ctx.atKey(
              [...valuePath, key],
              "warning",
              "asl/path-not-evaluated",
              `State "${name}": "${key}" is sent as the literal text "${inner}" because the key does not end in ".$".`,
              `Rename the key to "${key}.$" so the path or intrinsic function is evaluated.`,
            );
          } else if (EMBEDDED_PATH.test(inner)) {
            ctx.atKey(
              [...valuePath, key],
              "warning",
              "asl/path-not-evaluated",
              `State "${name}": the path inside "${key}" is sent as literal text; paths are not expanded inside strings.`,
              `Use "${key}.$": "States.Format('… {} …', $.field)" to insert values.`,
            );
          }
        }
      });
    }
  }
}
