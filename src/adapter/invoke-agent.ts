/**
 * The adapter Lambda agentctl deploys beside a project's workflows. Step Functions has no
 * integration that consumes InvokeAgent's event stream (aws-behaviour.md §6.1), so each
 * `agentctl:invokeAgent` state is compiled into `arn:aws:states:::lambda:invoke` of this
 * function, which calls the agent, drains the stream and returns plain JSON.
 *
 * This file is the whole function (packaged as index.mjs by buildAdapterZip): it imports
 * nothing but the SDK the Lambda Node.js runtime provides, and that only when invoked.
 *
 * Payload contract
 *   in (AdapterEvent):  { agentName, agentId, agentAliasId, inputText, sessionId?, executionName?,
 *                         sessionAttributes?, promptSessionAttributes?, enableTrace?, endSession? }
 *     sessionId defaults to executionName made session-id safe ([0-9a-zA-Z._:-], 2–100
 *     characters), else a random UUID. enableTrace defaults to true.
 *   out (AdapterResult): { completion, sessionId, agentName, agentId, agentAliasId, memoryId,
 *                         traceSummary: { steps, toolCalls[], errors[], usage } }
 *     every key always present (memoryId may be null), so a JSONPath ResultSelector can name any.
 *     The summary holds names, ids, parameters and counts, never prompts or model output.
 *   errors: the thrown error's `name` becomes the Lambda errorType and so the Step Functions
 *     error a template can Retry or Catch: see ADAPTER_ERRORS.
 */
import { randomUUID } from "node:crypto";

export interface AdapterEvent {
  agentName?: string;
  agentId: string;
  agentAliasId: string;
  inputText: string;
  sessionId?: string;
  executionName?: string;
  sessionAttributes?: Record<string, string>;
  promptSessionAttributes?: Record<string, string>;
  enableTrace?: boolean;
  endSession?: boolean;
}

export interface ToolCall {
  /** actionGroup | knowledgeBase | collaborator | codeInterpreter */
  type: string;
  /** Action group, knowledge base id or collaborator name. */
  name: string;
  /** `GET /products/{productId}` or the function name, for action groups. */
  operation?: string;
  /** Parameter name → value as the agent sent it (values cut at 200 characters). */
  parameters?: Record<string, string>;
  /** Set when a collaborator, not the agent called, made the call. */
  agent?: string;
}

export interface TraceSummary {
  /** Model invocations of the orchestration loop (each a reasoning step). */
  steps: number;
  toolCalls: ToolCall[];
  /** Failure traces and guardrail interventions. */
  errors: { type: string; message: string }[];
  usage: { inputTokens: number; outputTokens: number };
}

export interface AdapterResult {
  completion: string;
  sessionId: string;
  agentName: string | null;
  agentId: string;
  agentAliasId: string;
  memoryId: string | null;
  traceSummary: TraceSummary;
}

/** SDK exception name → the adapter's error name (the Step Functions error). */
export const ADAPTER_ERRORS: Readonly<Record<string, string>> = {
  ThrottlingException: "Agent.Throttling",
  DependencyFailedException: "Agent.DependencyFailed",
  ResourceNotFoundException: "Agent.ResourceNotFound",
  AccessDeniedException: "Agent.AccessDenied",
  ValidationException: "Agent.Validation",
  ConflictException: "Agent.Conflict",
  ServiceQuotaExceededException: "Agent.ServiceQuotaExceeded",
  ModelNotReadyException: "Agent.ModelNotReady",
  BadGatewayException: "Agent.BadGateway",
  InternalServerException: "Agent.InternalServer",
};
/** The agent asked the caller to run an action (RETURN_CONTROL): a workflow cannot answer that. */
export const RETURN_CONTROL_ERROR = "Agent.ReturnControlUnsupported";
/** Anything else (network failure, an unknown exception). */
export const UNKNOWN_ERROR = "Agent.Failed";
/** Errors worth retrying with backoff: the default Retry of a compiled task. */
export const RETRYABLE_ERRORS = ["Agent.Throttling", "Agent.ModelNotReady", "Agent.InternalServer"];

/** What the adapter needs of BedrockAgentRuntimeClient; a test passes one pointed at a recording. */
export interface RuntimeClient {
  send(command: unknown): Promise<unknown>;
}
interface InvokeAgentOutput {
  completion?: AsyncIterable<Record<string, unknown>>;
  sessionId?: string;
  memoryId?: string;
}

export class AdapterError extends Error {
  constructor(name: string, message: string) {
    super(message);
    // Lambda reports `name` as the errorType, which Step Functions uses as the error name.
    this.name = name;
  }
}

let defaultClient: Promise<RuntimeClient> | undefined;

/** The Lambda entry point (index.handler). */
export async function handler(event: AdapterEvent): Promise<AdapterResult> {
  defaultClient ??= import("@aws-sdk/client-bedrock-agent-runtime").then(
    (sdk) => new sdk.BedrockAgentRuntimeClient({}) as RuntimeClient,
  );
  return invokeAgent(event, await defaultClient);
}

export async function invokeAgent(event: AdapterEvent, client: RuntimeClient): Promise<AdapterResult> {
  checkEvent(event);
  const sessionId = event.sessionId ?? sessionIdFrom(event.executionName) ?? randomUUID();
  const who = `agent ${event.agentName ?? event.agentId} (alias ${event.agentAliasId})`;
  const { InvokeAgentCommand } = await import("@aws-sdk/client-bedrock-agent-runtime");
  const sessionState: Record<string, unknown> = {};
  if (event.sessionAttributes) sessionState.sessionAttributes = event.sessionAttributes;
  if (event.promptSessionAttributes) sessionState.promptSessionAttributes = event.promptSessionAttributes;

  const summary = new SummaryBuilder();
  let completion = "";
  let response: InvokeAgentOutput;
  try {
    response = (await client.send(
      new InvokeAgentCommand({
        agentId: event.agentId,
        agentAliasId: event.agentAliasId,
        sessionId,
        inputText: event.inputText,
        enableTrace: event.enableTrace ?? true,
        endSession: event.endSession ?? false,
        ...(Object.keys(sessionState).length > 0 ? { sessionState } : {}),
      }),
    )) as InvokeAgentOutput;
    const decoder = new TextDecoder();
    for await (const part of response.completion ?? []) {
      const chunk = part.chunk as { bytes?: Uint8Array } | undefined;
      if (chunk?.bytes) completion += decoder.decode(chunk.bytes, { stream: true });
      if (part.trace) summary.add(part.trace as TracePart);
      if (part.returnControl) {
        throw new AdapterError(
          RETURN_CONTROL_ERROR,
          `${who} returned control to the caller (${describeReturnControl(part.returnControl)}): a workflow cannot run the action for it. Give that action group a Lambda executor, or call the agent outside the workflow.`,
        );
      }
    }
    completion += decoder.decode();
  } catch (e) {
    throw asAdapterError(e, who);
  }
  return {
    completion,
    sessionId: response.sessionId ?? sessionId,
    agentName: event.agentName ?? null,
    agentId: event.agentId,
    agentAliasId: event.agentAliasId,
    memoryId: response.memoryId ?? null,
    traceSummary: summary.result(),
  };
}

function checkEvent(event: AdapterEvent): void {
  const problems: string[] = [];
  if (typeof event !== "object" || event === null) problems.push("the event is not an object");
  else {
    for (const key of ["agentId", "agentAliasId", "inputText"] as const)
      if (typeof event[key] !== "string" || event[key] === "")
        problems.push(`"${key}" must be a non-empty string`);
    if (event.sessionId !== undefined && typeof event.sessionId !== "string")
      problems.push('"sessionId" must be a string');
  }
  if (problems.length > 0)
    throw new AdapterError("Agent.Validation", `Invalid adapter payload: ${problems.join("; ")}.`);
}

/** An execution name as an InvokeAgent session id: [0-9a-zA-Z._:-], 2–100 characters. */
export function sessionIdFrom(executionName: string | undefined): string | undefined {
  if (!executionName) return undefined;
  const safe = executionName.replace(/[^0-9a-zA-Z._:-]/g, "-").slice(0, 100);
  return safe.length >= 2 ? safe : `${safe}--`.slice(0, 2);
}

function asAdapterError(e: unknown, who: string): Error {
  if (e instanceof AdapterError) return e;
  const err = e as { name?: string; message?: string; $metadata?: { requestId?: string } };
  const name = (err.name && ADAPTER_ERRORS[err.name]) || UNKNOWN_ERROR;
  const requestId = err.$metadata?.requestId ? ` (request id ${err.$metadata.requestId})` : "";
  const original = err.name && err.name !== "Error" ? `${err.name}: ` : "";
  return new AdapterError(
    name,
    `InvokeAgent on ${who} failed: ${original}${err.message ?? String(e)}${requestId}`,
  );
}

function describeReturnControl(payload: unknown): string {
  const inputs = ((payload as { invocationInputs?: unknown[] }).invocationInputs ?? []) as Record<
    string,
    { actionGroup?: string; apiPath?: string; httpMethod?: string; function?: string }
  >[];
  const names = inputs.map((input) => {
    const api = input.apiInvocationInput;
    const fn = input.functionInvocationInput;
    if (api)
      return `${api.actionGroup} ${api.httpMethod ?? ""} ${api.apiPath ?? ""}`.replace(/\s+/g, " ").trim();
    if (fn) return `${fn.actionGroup} ${fn.function ?? ""}`.trim();
    return "an action";
  });
  return names.join(", ") || "an action";
}

interface TracePart {
  collaboratorName?: string;
  trace?: Record<string, Record<string, Record<string, unknown>> | undefined>;
}

const MAX_PARAMETER_LENGTH = 200;

/** Folds trace events into the summary, keeping names and counts only. */
class SummaryBuilder {
  private readonly stepIds = new Set<string>();
  private readonly toolCalls: ToolCall[] = [];
  private readonly errors: TraceSummary["errors"] = [];
  private readonly usage = { inputTokens: 0, outputTokens: 0 };

  add(part: TracePart): void {
    const trace = part.trace ?? {};
    const agent = part.collaboratorName;
    for (const [kind, body] of Object.entries(trace)) {
      if (!body) continue;
      if (kind === "failureTrace") {
        const f = body as { failureReason?: string; failureCode?: number };
        this.errors.push({
          type: "failure",
          message: `${f.failureCode ?? ""} ${f.failureReason ?? ""}`.trim(),
        });
        continue;
      }
      if (kind === "guardrailTrace") {
        if ((body as { action?: string }).action === "INTERVENED")
          this.errors.push({ type: "guardrail", message: "A guardrail intervened." });
        continue;
      }
      const output = body.modelInvocationOutput as
        | { traceId?: string; metadata?: { usage?: { inputTokens?: number; outputTokens?: number } } }
        | undefined;
      if (output) {
        this.usage.inputTokens += output.metadata?.usage?.inputTokens ?? 0;
        this.usage.outputTokens += output.metadata?.usage?.outputTokens ?? 0;
      }
      if (kind !== "orchestrationTrace") continue;
      const input = body.modelInvocationInput as { traceId?: string } | undefined;
      if (input?.traceId) this.stepIds.add(`${agent ?? ""}\u0000${input.traceId}`);
      const call = body.invocationInput as Record<string, unknown> | undefined;
      if (call) {
        const summarized = toolCall(call);
        if (summarized) this.toolCalls.push(agent ? { ...summarized, agent } : summarized);
      }
    }
  }

  result(): TraceSummary {
    return { steps: this.stepIds.size, toolCalls: this.toolCalls, errors: this.errors, usage: this.usage };
  }
}

function toolCall(input: Record<string, unknown>): ToolCall | undefined {
  const group = input.actionGroupInvocationInput as
    | { actionGroupName?: string; apiPath?: string; verb?: string; function?: string; parameters?: Param[] }
    | undefined;
  if (group) {
    const operation = group.function ?? `${(group.verb ?? "").toUpperCase()} ${group.apiPath ?? ""}`.trim();
    return {
      type: "actionGroup",
      name: group.actionGroupName ?? "",
      ...(operation ? { operation } : {}),
      ...(group.parameters?.length ? { parameters: parameters(group.parameters) } : {}),
    };
  }
  const kb = input.knowledgeBaseLookupInput as { knowledgeBaseId?: string } | undefined;
  if (kb) return { type: "knowledgeBase", name: kb.knowledgeBaseId ?? "" };
  const collaborator = input.agentCollaboratorInvocationInput as
    | { agentCollaboratorName?: string }
    | undefined;
  if (collaborator) return { type: "collaborator", name: collaborator.agentCollaboratorName ?? "" };
  if (input.codeInterpreterInvocationInput) return { type: "codeInterpreter", name: "codeInterpreter" };
  return undefined;
}

interface Param {
  name?: string;
  value?: string;
}

function parameters(list: Param[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list) {
    if (p.name === undefined) continue;
    const value = String(p.value ?? "");
    out[p.name] = value.length > MAX_PARAMETER_LENGTH ? `${value.slice(0, MAX_PARAMETER_LENGTH)}…` : value;
  }
  return out;
}
