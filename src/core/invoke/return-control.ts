/**
 * Performs the actions of a return of control (aws-behaviour.md §4.7) on the caller's side: each
 * action runs through the action group's local handler, called with the same Lambda event Bedrock
 * would send (§4.3) so one handler serves both executors, and its Lambda response (§4.4) becomes
 * an `apiResult` / `functionResult`. Without a handler the user is asked on a terminal.
 *
 * Confirmation: `USER_CONFIRMATION` asks the user to confirm or deny (`--yes` confirms; with no
 * terminal and no `--yes` the action is denied, and the user told). Only the confirmation goes
 * back for `USER_CONFIRMATION` — Bedrock then runs the action itself — while
 * `USER_CONFIRMATION_AND_RESULT` also runs the handler once confirmed. The docs describe the two
 * values but not every combination [D, partly C]; a denied action never runs anything.
 */
import { FailedError } from "../../errors.js";
import type { ReturnControlPayload } from "./engine.js";
import type { InvocationResult } from "./runtime.js";

export type ActionHandler = (event: Record<string, unknown>) => unknown;

export interface Prompter {
  /** A person is at a terminal who can answer. */
  readonly interactive: boolean;
  ask(question: string): Promise<string | undefined>;
}

export interface ReturnControlOptions {
  /** The local handler of an action group, if the manifest names one. */
  handlerFor(actionGroup: string): Promise<ActionHandler | undefined>;
  prompter: Prompter;
  /** `--yes`: confirm every action that asks for confirmation. */
  autoConfirm: boolean;
  /** Tells the user something (stderr). */
  notify(message: string): void;
  /** What the Lambda event carries besides the action. */
  agent: { name: string; id: string; alias: string; version: string };
  sessionId: string;
  inputText: string;
  sessionAttributes?: Record<string, string>;
  promptSessionAttributes?: Record<string, string>;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export async function performReturnControl(
  payload: ReturnControlPayload,
  options: ReturnControlOptions,
): Promise<InvocationResult[]> {
  const results: InvocationResult[] = [];
  for (const item of payload.invocationInputs ?? []) {
    const api = rec(rec(item)?.apiInvocationInput);
    const fn = rec(rec(item)?.functionInvocationInput);
    if (api) results.push({ apiResult: await perform("api", api, options) });
    else if (fn) results.push({ functionResult: await perform("function", fn, options) });
    else
      throw new FailedError(
        `The agent returned control with an action agentctl does not know: ${JSON.stringify(item)}`,
      );
  }
  return results;
}

async function perform(
  kind: "api" | "function",
  input: Rec,
  options: ReturnControlOptions,
): Promise<Rec & { actionGroup: string }> {
  const actionGroup = str(input.actionGroup) ?? "";
  const what = describe(kind, input);
  const base: Rec & { actionGroup: string } =
    kind === "api"
      ? { actionGroup, apiPath: str(input.apiPath), httpMethod: str(input.httpMethod) }
      : { actionGroup, function: str(input.function) };
  if (str(input.agentId)) base.agentId = input.agentId;

  const invocationType = str(input.actionInvocationType) ?? "RESULT";
  if (invocationType.startsWith("USER_CONFIRMATION")) {
    const confirmed = await confirm(what, options);
    if (!confirmed) return { ...base, confirmationState: "DENY" };
    if (invocationType === "USER_CONFIRMATION") return { ...base, confirmationState: "CONFIRM" };
    return { ...base, confirmationState: "CONFIRM", ...(await execute(kind, input, what, options)) };
  }
  return { ...base, ...(await execute(kind, input, what, options)) };
}

async function confirm(what: string, options: ReturnControlOptions): Promise<boolean> {
  if (options.autoConfirm) {
    options.notify(`Confirmed ${what} (--yes).`);
    return true;
  }
  if (!options.prompter.interactive) {
    options.notify(
      `Denied ${what}: it needs confirmation and there is no terminal to ask (pass --yes to confirm).`,
    );
    return false;
  }
  for (;;) {
    const answer = (await options.prompter.ask(`The agent wants to run ${what}. Confirm? [y/N] `))
      ?.trim()
      .toLowerCase();
    if (answer === undefined || answer === "" || answer === "n" || answer === "no") return false;
    if (answer === "y" || answer === "yes") return true;
  }
}

async function execute(
  kind: "api" | "function",
  input: Rec,
  what: string,
  options: ReturnControlOptions,
): Promise<Rec> {
  const actionGroup = str(input.actionGroup) ?? "";
  const handler = await options.handlerFor(actionGroup);
  if (!handler) return askForResult(kind, what, options);
  const event = lambdaEvent(kind, input, options);
  let response: unknown;
  try {
    response = await handler(event);
  } catch (err) {
    options.notify(
      `The handler of ${actionGroup} threw: ${(err as Error)?.message ?? String(err)}; the agent is told it failed.`,
    );
    return failure(kind, `The action failed: ${(err as Error)?.message ?? String(err)}`);
  }
  return fromLambdaResponse(kind, response, actionGroup);
}

/** §4.3: what Bedrock sends a Lambda executor, built from the return-of-control input. */
export function lambdaEvent(kind: "api" | "function", input: Rec, options: ReturnControlOptions): Rec {
  return {
    messageVersion: "1.0",
    agent: options.agent,
    inputText: options.inputText,
    sessionId: options.sessionId,
    actionGroup: str(input.actionGroup) ?? "",
    ...(kind === "api"
      ? {
          apiPath: str(input.apiPath) ?? "",
          httpMethod: str(input.httpMethod) ?? "",
          ...(input.requestBody !== undefined ? { requestBody: input.requestBody } : {}),
        }
      : { function: str(input.function) ?? "" }),
    parameters: Array.isArray(input.parameters) ? input.parameters : [],
    sessionAttributes: options.sessionAttributes ?? {},
    promptSessionAttributes: options.promptSessionAttributes ?? {},
  };
}

/** §4.4: the handler's Lambda response into the result fields; a malformed one is an error that says why. */
function fromLambdaResponse(kind: "api" | "function", response: unknown, actionGroup: string): Rec {
  const inner = rec(rec(response)?.response);
  if (kind === "api") {
    const body = rec(inner?.responseBody);
    if (!inner || !body) {
      throw new FailedError(
        `The handler of ${actionGroup} returned no response.responseBody, so there is no result to send back.`,
        "Return { messageVersion: '1.0', response: { actionGroup, apiPath, httpMethod, httpStatusCode, responseBody: { 'application/json': { body } } } }.",
      );
    }
    return {
      responseBody: body,
      ...(typeof inner.httpStatusCode === "number" ? { httpStatusCode: inner.httpStatusCode } : {}),
      ...(str(inner.responseState) ? { responseState: inner.responseState } : {}),
    };
  }
  const functionResponse = rec(inner?.functionResponse);
  const body = rec(functionResponse?.responseBody);
  if (!functionResponse || !body) {
    throw new FailedError(
      `The handler of ${actionGroup} returned no response.functionResponse.responseBody, so there is no result to send back.`,
      "Return { messageVersion: '1.0', response: { actionGroup, function, functionResponse: { responseBody: { TEXT: { body } } } } }.",
    );
  }
  return {
    responseBody: body,
    ...(str(functionResponse.responseState) ? { responseState: functionResponse.responseState } : {}),
  };
}

async function askForResult(
  kind: "api" | "function",
  what: string,
  options: ReturnControlOptions,
): Promise<Rec> {
  if (!options.prompter.interactive) {
    throw new FailedError(
      `The agent returned control for ${what}, which has no local handler, and there is no terminal to ask for its result.`,
      "Add `handler:` to the action group in its manifest, or run on a terminal to type the result.",
    );
  }
  const answer = await options.prompter.ask(`Result of ${what} (text or JSON): `);
  const text = answer ?? "";
  return kind === "api"
    ? { httpStatusCode: 200, responseBody: { "application/json": { body: text } } }
    : { responseBody: { TEXT: { body: text } } };
}

function failure(kind: "api" | "function", message: string): Rec {
  return kind === "api"
    ? {
        httpStatusCode: 500,
        responseState: "FAILURE",
        responseBody: { "application/json": { body: JSON.stringify({ error: message }) } },
      }
    : { responseState: "FAILURE", responseBody: { TEXT: { body: message } } };
}

function describe(kind: "api" | "function", input: Rec): string {
  const params = (Array.isArray(input.parameters) ? input.parameters : [])
    .map((p) => `${str(rec(p)?.name) ?? "?"}=${str(rec(p)?.value) ?? ""}`)
    .join(", ");
  const target =
    kind === "api"
      ? `${str(input.httpMethod)?.toUpperCase() ?? ""} ${str(input.apiPath) ?? ""}`
      : `${str(input.function) ?? ""}(${params})`;
  return `${str(input.actionGroup) ?? "?"} ${target}${kind === "api" && params ? ` (${params})` : ""}`;
}
