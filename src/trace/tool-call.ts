/**
 * What the agent decided to call (orchestration `invocationInput`, also used by the routing
 * classifier): an action group (verb + API path or function, parameters, request body), a
 * knowledge base, the code interpreter or a collaborator agent.
 */
import { showUnknown } from "./model-call.js";
import type { PartContext } from "./state.js";
import { outlinePart } from "./state.js";
import { list, type Rec, rec, str } from "./values.js";

const FIELDS = new Set([
  "traceId",
  "invocationType",
  "actionGroupInvocationInput",
  "knowledgeBaseLookupInput",
  "codeInterpreterInvocationInput",
  "agentCollaboratorInvocationInput",
]);

export function renderInvocationInput(
  ctx: PartContext,
  input: Rec,
  depth: number,
  outlineTitle?: string,
): void {
  const { sink } = ctx;
  const collaborator = rec(input.agentCollaboratorInvocationInput);
  const arn = str(collaborator?.agentCollaboratorAliasArn);
  const calledName = str(collaborator?.agentCollaboratorName);
  if (arn && calledName) ctx.state.collaboratorNames.set(arn, calledName);
  const s = sink.style;
  const call = describeCall(input);
  countCall(ctx, input);
  if (sink.detail === "outline") {
    outlinePart(ctx, `→ ${call.title}`, outlineTitle);
    return;
  }
  sink.entry(depth, "→", call.title, { labelPaint: s.cyan, paint: s.cyan });
  for (const [label, text] of call.details) {
    const full = sink.detail === "full";
    sink.entry(depth + 1, label, text, { labelPaint: s.dim, ...(full ? {} : { preview: 3 }) });
  }
  showUnknown(ctx, input, FIELDS, depth + 1);
}

interface CallDescription {
  title: string;
  details: [string, string][];
}

function describeCall(input: Rec): CallDescription {
  const group = rec(input.actionGroupInvocationInput);
  if (group) return actionGroupCall(group);
  const kb = rec(input.knowledgeBaseLookupInput);
  if (kb) {
    return {
      title: `knowledge base ${str(kb.knowledgeBaseId) ?? "?"}`,
      details: str(kb.text) ? [["query", str(kb.text) as string]] : [],
    };
  }
  const code = rec(input.codeInterpreterInvocationInput);
  if (code) {
    const files = list(code.files).filter((f): f is string => typeof f === "string");
    return {
      title: "code interpreter",
      details: [
        ...(str(code.code) ? ([["code", str(code.code) as string]] as [string, string][]) : []),
        ...(files.length > 0 ? ([["files", files.join(", ")]] as [string, string][]) : []),
      ],
    };
  }
  const collaborator = rec(input.agentCollaboratorInvocationInput);
  if (collaborator) {
    const payload = rec(collaborator.input);
    const details: [string, string][] = [];
    if (str(payload?.text)) details.push(["input", str(payload?.text) as string]);
    if (payload?.returnControlResults !== undefined) details.push(["results", "return-of-control results"]);
    return { title: `collaborator ${str(collaborator.agentCollaboratorName) ?? "?"}`, details };
  }
  const type = str(input.invocationType);
  return { title: type ? type.toLowerCase().replaceAll("_", " ") : "invocation", details: [] };
}

function actionGroupCall(group: Rec): CallDescription {
  const name = str(group.actionGroupName) ?? "?";
  const verb = str(group.verb);
  const path = str(group.apiPath);
  const fn = str(group.function);
  const target = path !== undefined ? `${verb ? `${verb.toUpperCase()} ` : ""}${path}` : (fn ?? "");
  const returnControl = group.executionType === "RETURN_CONTROL" ? " (return of control)" : "";
  const details: [string, string][] = [];
  const params = parameterList(group.parameters);
  if (params) details.push(["parameters", params]);
  const content = rec(rec(group.requestBody)?.content);
  for (const [mediaType, properties] of Object.entries(content ?? {})) {
    const body = parameterList(properties);
    if (body) details.push([`body ${mediaType}`, body]);
  }
  return { title: `${name} ${target}${returnControl}`.trim(), details };
}

/** `name=value, …` from a list of `{name, type, value}`. */
export function parameterList(value: unknown): string | undefined {
  const items = list(value)
    .map((p) => rec(p))
    .filter((p): p is Rec => p !== undefined)
    .map((p) => `${str(p.name) ?? "?"}=${str(p.value) ?? JSON.stringify(p.value ?? null)}`);
  return items.length > 0 ? items.join(", ") : undefined;
}

function countCall(ctx: PartContext, input: Rec): void {
  const summary = ctx.state.summary;
  if (input.actionGroupInvocationInput !== undefined || input.codeInterpreterInvocationInput !== undefined) {
    summary.toolCalls += 1;
  } else if (input.knowledgeBaseLookupInput !== undefined) {
    summary.knowledgeBaseLookups += 1;
  } else if (input.agentCollaboratorInvocationInput !== undefined) {
    summary.collaboratorCalls += 1;
  }
}
