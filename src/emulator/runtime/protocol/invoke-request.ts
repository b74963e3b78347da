/**
 * InvokeAgent's input (aws-behaviour.md §5): path labels, the `x-amz-source-arn` header and
 * the JSON body, validated with the control plane's shape interpreter so problems read exactly
 * like AWS's ValidationException (`1 validation error detected: Value … at 'sessionId' …`).
 */
import { validationError } from "../../aws-error.js";
import type { Problem } from "../../control-plane/validation/format.js";
import { toFailure } from "../../control-plane/validation/format.js";
import {
  boolean,
  document,
  enumOf,
  integer,
  list,
  map,
  operation,
  required,
  type StringShape,
  string,
  structure,
  union,
} from "../../control-plane/validation/schema.js";
import { visitStructure } from "../../control-plane/validation/validate.js";

/** A string shape with a runtime-model pattern the control plane's table does not hold. */
function patterned(
  display: string,
  options: { min?: number; max?: number; sensitive?: boolean } = {},
): StringShape {
  return { ...string(options), pattern: { display, regex: new RegExp(`^(?:${display})$`) } };
}

const AgentId = patterned("[0-9a-zA-Z]+", { min: 0, max: 10 });
const SessionId = patterned("[0-9a-zA-Z._:-]+", { min: 2, max: 100 });
const StringMap = map(string(), string());
const ResponseBody = map(string(), structure({ body: string(), images: list(document) }));

const ApiResult = structure({
  actionGroup: required(string()),
  agentId: string(),
  apiPath: string({ sensitive: true }),
  confirmationState: enumOf("CONFIRM", "DENY"),
  httpMethod: string(),
  httpStatusCode: integer(),
  responseBody: ResponseBody,
  responseState: enumOf("FAILURE", "REPROMPT"),
});
const FunctionResult = structure({
  actionGroup: required(string()),
  agentId: string(),
  confirmationState: enumOf("CONFIRM", "DENY"),
  function: string(),
  responseBody: ResponseBody,
  responseState: enumOf("FAILURE", "REPROMPT"),
});

const SessionState = structure({
  conversationHistory: document,
  files: list(document),
  invocationId: string(),
  knowledgeBaseConfigurations: list(document, { min: 1 }),
  promptSessionAttributes: StringMap,
  returnControlInvocationResults: list(union({ apiResult: ApiResult, functionResult: FunctionResult }), {
    min: 1,
    max: 5,
  }),
  sessionAttributes: StringMap,
});

const InvokeAgentInput = operation({
  agentAliasId: required(AgentId),
  agentId: required(AgentId),
  bedrockModelConfigurations: document,
  enableTrace: boolean,
  endSession: boolean,
  inputText: string({ min: 0, max: 25_000_000, sensitive: true }),
  memoryId: patterned("[0-9a-zA-Z._:-]+", { min: 2, max: 100 }),
  promptCreationConfigurations: document,
  sessionId: required(SessionId),
  sessionState: SessionState,
  sourceArn: patterned("arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:agent/[0-9a-zA-Z]{10}", {
    min: 0,
    max: 2048,
  }),
  streamingConfigurations: structure({
    applyGuardrailInterval: integer({ min: 1 }),
    streamFinalResponse: boolean,
  }),
});

export interface ApiResultInput {
  actionGroup: string;
  apiPath?: string;
  httpMethod?: string;
  httpStatusCode?: number;
  confirmationState?: "CONFIRM" | "DENY";
  responseBody?: Record<string, { body?: string }>;
  responseState?: "FAILURE" | "REPROMPT";
}

export interface FunctionResultInput {
  actionGroup: string;
  function?: string;
  confirmationState?: "CONFIRM" | "DENY";
  responseBody?: Record<string, { body?: string }>;
  responseState?: "FAILURE" | "REPROMPT";
}

export type InvocationResult = { apiResult: ApiResultInput } | { functionResult: FunctionResultInput };

export interface InvokeAgentRequest {
  agentId: string;
  agentAliasId: string;
  sessionId: string;
  inputText: string;
  enableTrace: boolean;
  endSession: boolean;
  memoryId?: string;
  streamFinalResponse: boolean;
  sessionState: {
    sessionAttributes?: Record<string, string>;
    promptSessionAttributes?: Record<string, string>;
    invocationId?: string;
    returnControlInvocationResults?: InvocationResult[];
  };
}

/** Throws a 400 ValidationException (before any byte of the stream) when the input breaks the model. */
export function parseInvokeRequest(
  labels: { agentId: string; agentAliasId: string; sessionId: string },
  body: Record<string, unknown>,
  sourceArn: string | undefined,
): InvokeAgentRequest {
  const input: Record<string, unknown> = { ...body, ...labels };
  if (sourceArn !== undefined) input.sourceArn = sourceArn;
  const problems: Problem[] = [];
  visitStructure(InvokeAgentInput, input, "", false, problems);
  if (problems.length > 0) {
    const failure = toFailure(problems);
    throw validationError(failure.message, failure.fieldList);
  }
  const state = (body.sessionState ?? {}) as InvokeAgentRequest["sessionState"];
  const streaming = body.streamingConfigurations as { streamFinalResponse?: boolean } | undefined;
  return {
    ...labels,
    inputText: typeof body.inputText === "string" ? body.inputText : "",
    enableTrace: body.enableTrace === true,
    endSession: body.endSession === true,
    ...(typeof body.memoryId === "string" ? { memoryId: body.memoryId } : {}),
    streamFinalResponse: streaming?.streamFinalResponse === true,
    sessionState: state,
  };
}
