import { BEDROCK_QUOTAS } from "../bedrock-quotas.js";

/**
 * The Bedrock limits action-group validation enforces, each with the
 * aws-behaviour.md fact that decides it. Shared by the OpenAPI and function-schema checks.
 */

/** §2 P_NAME: function, parameter and action-group names (whole-value match). */
export const P_NAME = /^([0-9a-zA-Z][_-]?){1,100}$/;

/** §4.2: operationId is "alphanumerics with `-`/`_` only". */
export const OPERATION_ID_PATTERN = /^[a-zA-Z0-9_-]+$/;

/**
 * §3.4 "an action group's OpenAPI schema may hold up to 11 API operations" and §4.2
 * "Operation count: up to 11 API operations per action group". Applied to function
 * groups too, since each function is one API for the "APIs per Agent" quota.
 */
export const MAX_APIS_PER_ACTION_GROUP = 11;

/** §3.4 "APIs per Agent (operations across the agent's action groups)": default 11 (adjustable). */
export const MAX_APIS_PER_AGENT = BEDROCK_QUOTAS.apisPerAgent;

/** §2 description row / §4.1: function description ≤1200, parameter description ≤500, both min 1 [M]. */
export const MAX_FUNCTION_DESCRIPTION = 1200;
export const MAX_PARAMETER_DESCRIPTION = 500;

/**
 * The model sees every action as a tool named `GET__Group__operationId` (§5.2's
 * rawResponse shows `GET__WeatherApi__getWeather`) or `Group__function` (the recorded
 * corpus traces show `prime_numbers_action_group__prime_numbers_between_n1_and_n2`).
 * Bedrock's tool-use models refuse tool names over 64 characters or outside
 * `[a-zA-Z0-9_-]+` ("Member must have length less than or equal to 64") [C: public
 * Converse/tool-use reports; not in aws-behaviour.md]. Unverified at create time, so we
 * choose the safer behaviour and refuse before deploying what the agent could not call.
 */
export const MAX_TOOL_NAME_LENGTH = 64;

export function openApiToolName(method: string, actionGroupName: string, operationId: string): string {
  return `${method.toUpperCase()}__${actionGroupName}__${operationId}`;
}

export function functionToolName(actionGroupName: string, functionName: string): string {
  return `${actionGroupName}__${functionName}`;
}

/**
 * No documented size limit: the model's `Payload` shape has no max [M], and §8 lists no
 * schema-size fact. The schema ends up in every orchestration prompt, whose template is
 * itself bounded at 100,000 characters (§3.4 `basePromptTemplate`), so past that size we
 * warn (and say the limit is unverified) rather than fail.
 */
export const SCHEMA_SIZE_WARNING_CHARS = 100_000;

/**
 * What Bedrock answers (ValidationException from CreateAgentActionGroup) for a schema
 * its OpenAPI 3 parser cannot model. Public reports tie it to structurally invalid
 * documents and to missing operation/parameter descriptions [C]; the rules for those
 * (and for the version and `paths` requirements of §4.2) quote it in their hint, so a
 * user who met the message at deploy time can find the cause here.
 */
export function opaqueBedrockError(actionGroupName: string, detail?: string): string {
  const tail = detail ? ` … ${detail}` : "";
  return `Bedrock reports this as: "Failed to create OpenAPI 3 model from the JSON/YAML object that you provided for action: ${actionGroupName}${tail}".`;
}
