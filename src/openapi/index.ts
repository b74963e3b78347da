/** Public surface of action-group schema validation (OpenAPI files and inline functions). */
export { checkApisPerAgent, countActionGroupApis, validateFunctionSchema } from "./function-schema.js";
export { MAX_APIS_PER_ACTION_GROUP, MAX_APIS_PER_AGENT, MAX_TOOL_NAME_LENGTH } from "./limits.js";
export { type RecognisedTools, recogniseToolDefinition } from "./tool-definition.js";
export type {
  BodyPropertyInfo,
  OpenApiResult,
  OpenApiValidateOptions,
  OperationInfo,
  ParameterInfo,
  RequestBodyInfo,
  ValueType,
} from "./types.js";
export { validateOpenApiFile, validateOpenApiText } from "./validate-openapi.js";
