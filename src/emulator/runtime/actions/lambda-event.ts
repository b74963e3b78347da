/**
 * The event Bedrock sends an action group's Lambda function (aws-behaviour.md §4.3): one
 * envelope, with `apiPath`/`httpMethod`/`requestBody` for OpenAPI groups or `function` for
 * function groups. Every value is a string; `apiPath` is the schema's template, unfilled.
 */
import type { ActionInvocation } from "../invocation.js";

export interface EventContext {
  agentName: string;
  agentId: string;
  agentAliasId: string;
  agentVersion: string;
  sessionId: string;
  inputText: string;
  sessionAttributes: Record<string, string>;
  promptSessionAttributes: Record<string, string>;
}

export function lambdaEvent(action: ActionInvocation, ctx: EventContext): Record<string, unknown> {
  const t = action.target;
  return {
    messageVersion: "1.0",
    agent: { name: ctx.agentName, id: ctx.agentId, alias: ctx.agentAliasId, version: ctx.agentVersion },
    inputText: ctx.inputText,
    sessionId: ctx.sessionId,
    actionGroup: t.actionGroupName,
    ...(t.kind === "api"
      ? {
          apiPath: t.apiPath,
          httpMethod: t.verb.toUpperCase(),
          ...(action.parameters.length > 0 ? { parameters: action.parameters } : {}),
          ...(action.requestBody ? { requestBody: action.requestBody } : {}),
        }
      : {
          function: t.functionName,
          ...(action.parameters.length > 0 ? { parameters: action.parameters } : {}),
        }),
    sessionAttributes: ctx.sessionAttributes,
    promptSessionAttributes: ctx.promptSessionAttributes,
  };
}
