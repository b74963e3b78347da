/**
 * The compact agent trace summary the agentctl adapter Lambda returns with each
 * agent task (`traceSummary`), read back out of a task's output in the history.
 * Only the fields the timeline shows are typed; anything else is ignored, and a
 * task output that is not an adapter result yields undefined.
 */
export interface AgentTaskSummary {
  agentName?: string;
  completion?: string;
  sessionId?: string;
  steps?: number;
  toolCalls?: { name: string; ok?: boolean }[];
  errors?: string[];
  inputTokens?: number;
  outputTokens?: number;
}

/** A `lambda:invoke` task output is `{ Payload: <adapter result>, StatusCode, … }`. */
export function agentSummaryFromTaskOutput(output: string | undefined): AgentTaskSummary | undefined {
  if (!output) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    return undefined;
  }
  const payload = isObject(parsed) && isObject(parsed.Payload) ? parsed.Payload : parsed;
  if (!isObject(payload) || typeof payload.completion !== "string") return undefined;
  const trace = isObject(payload.traceSummary) ? payload.traceSummary : {};
  const summary: AgentTaskSummary = { completion: payload.completion };
  if (typeof payload.agentName === "string") summary.agentName = payload.agentName;
  if (typeof payload.sessionId === "string") summary.sessionId = payload.sessionId;
  if (typeof trace.steps === "number") summary.steps = trace.steps;
  if (Array.isArray(trace.toolCalls)) summary.toolCalls = trace.toolCalls.flatMap(toolCall);
  if (Array.isArray(trace.errors)) summary.errors = trace.errors.map(String);
  if (typeof trace.inputTokens === "number") summary.inputTokens = trace.inputTokens;
  if (typeof trace.outputTokens === "number") summary.outputTokens = trace.outputTokens;
  return summary;
}

function toolCall(value: unknown): { name: string; ok?: boolean }[] {
  if (typeof value === "string") return [{ name: value }];
  if (!isObject(value)) return [];
  const name = typeof value.name === "string" ? value.name : undefined;
  if (!name) return [];
  return [typeof value.ok === "boolean" ? { name, ok: value.ok } : { name }];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
