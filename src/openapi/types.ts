/**
 * What validating an action group's OpenAPI schema yields: the operations a runtime
 * can call (enough to build the exact Lambda event of aws-behaviour.md §4.3) and the
 * diagnostics, each pointing at file:line:col.
 */
import type { Diagnostic } from "../diagnostics.js";

export interface OpenApiValidateOptions {
  /** The action group's name: part of the tool name Bedrock derives for each operation. */
  actionGroupName: string;
}

export interface OpenApiResult {
  operations: OperationInfo[];
  diagnostics: Diagnostic[];
  /** How many files the result was read from: 1 when the schema's `$ref`s stay inside it. */
  files?: number;
}

/** A JSON-schema `type` as the Lambda event reports it (§4.3: `{name, type, value}`). */
export type ValueType = "string" | "number" | "integer" | "boolean" | "array" | "object";

export interface ParameterInfo {
  name: string;
  /** `path`, `query`, `header` or `cookie`; the Lambda gets them all flattened in `parameters` (§4.2). */
  in: string;
  /** From `schema.type`; `string` when the schema does not say. */
  type: ValueType;
  required: boolean;
  description?: string;
}

export interface BodyPropertyInfo {
  name: string;
  type: ValueType;
  required: boolean;
  description?: string;
}

export interface RequestBodyInfo {
  required: boolean;
  /** Keyed by media type, as in the event's `requestBody.content.<mediaType>.properties` (§4.3). */
  content: Record<string, { properties: BodyPropertyInfo[] }>;
}

export interface OperationInfo {
  operationId?: string;
  /** Upper case, as the Lambda event's `httpMethod` (§4.3). */
  method: string;
  /** The template path from the schema, placeholders not substituted (§4.3 `apiPath`). */
  path: string;
  description?: string;
  /** `x-requireConfirmation: ENABLED` (§4.2). */
  requireConfirmation: boolean;
  parameters: ParameterInfo[];
  requestBody?: RequestBodyInfo;
}
