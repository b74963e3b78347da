/**
 * Return of control (aws-behaviour.md §4.7): the calls the caller must perform (or confirm)
 * go out in one returnControl event; the next InvokeAgent on the session brings
 * `returnControlInvocationResults` with the same invocationId, and the turn resumes where it
 * stopped. A confirmed Lambda action runs then; a denied one tells the model so.
 */
import { validationError } from "../../aws-error.js";
import { dependencyFailed } from "../errors.js";
import type { ActionInvocation } from "../invocation.js";
import type { Observation } from "../models/types.js";
import type { InvocationResult } from "../protocol/invoke-request.js";
import type { PendingTurn } from "../sessions.js";
import type { RuntimeContext, Turn, TurnOutcome } from "./context.js";
import { observeAction, runLambda } from "./execute.js";

type Awaiting = PendingTurn["awaiting"][number];

function invocationInput(turn: Turn, a: Awaiting): Record<string, unknown> {
  const inv = a.invocation as ActionInvocation;
  const t = inv.target;
  const common = {
    actionGroup: t.actionGroupName,
    actionInvocationType: a.actionInvocationType,
    agentId: turn.snapshot.agentId,
    ...(turn.trace.scope.collaboratorName ? { collaboratorName: turn.trace.scope.collaboratorName } : {}),
    parameters: inv.parameters,
  };
  if (t.kind === "api") {
    return {
      apiInvocationInput: {
        ...common,
        apiPath: t.apiPath,
        httpMethod: t.verb.toUpperCase(),
        ...(inv.requestBody ? { requestBody: inv.requestBody } : {}),
      },
    };
  }
  return { functionInvocationInput: { ...common, function: t.functionName } };
}

export function returnControlOutcome(
  _rt: RuntimeContext,
  turn: Turn,
  invocationId: string,
  awaiting: Awaiting[],
): TurnOutcome {
  return {
    kind: "returnControl",
    payload: { invocationId, invocationInputs: awaiting.map((a) => invocationInput(turn, a)) },
    pending: {
      invocationId,
      inputText: turn.inputText,
      traceBase: turn.traceBase,
      stepIndex: turn.stepIndex,
      steps: turn.steps,
      awaiting,
      promptSessionAttributes: turn.promptSessionAttributes,
      startedAt: new Date(turn.startedMs).toISOString(),
    },
  };
}

function resultFor(a: Awaiting, results: InvocationResult[]): InvocationResult | undefined {
  const t = (a.invocation as ActionInvocation).target;
  return results.find((r) =>
    "apiResult" in r
      ? t.kind === "api" &&
        r.apiResult.actionGroup === t.actionGroupName &&
        (r.apiResult.apiPath ?? t.apiPath) === t.apiPath &&
        (r.apiResult.httpMethod ?? t.verb).toUpperCase() === t.verb.toUpperCase()
      : t.kind === "function" &&
        r.functionResult.actionGroup === t.actionGroupName &&
        (r.functionResult.function ?? t.functionName) === t.functionName,
  );
}

/** Checked before the stream starts: a resumption must answer the pending returnControl exactly. */
export function checkResults(
  pending: PendingTurn | undefined,
  invocationId: string | undefined,
  results: InvocationResult[],
): PendingTurn {
  if (!pending) {
    throw validationError(
      "returnControlInvocationResults were sent, but the session is not waiting for any: it has no pending returnControl (it ended, idled out, or was never started).",
    );
  }
  if (invocationId !== pending.invocationId) {
    throw validationError(
      `sessionState.invocationId ${JSON.stringify(invocationId ?? null)} does not match the pending returnControl's invocationId ${pending.invocationId}.`,
    );
  }
  for (const a of pending.awaiting) {
    if (!resultFor(a, results)) {
      const t = (a.invocation as ActionInvocation).target;
      const what = t.kind === "api" ? `${t.verb.toUpperCase()} ${t.apiPath}` : t.functionName;
      throw validationError(
        `returnControlInvocationResults has no result for action group ${t.actionGroupName} (${what}) of invocation ${pending.invocationId}.`,
      );
    }
  }
  return pending;
}

const deniedObservation = (inv: ActionInvocation): Observation => ({
  text: `The user denied the call to ${inv.call.name}; it was not performed.`,
  denied: true,
});

/** Turns the caller's results into observations (traces included) and appends them to the turn's steps. */
export async function applyResults(
  rt: RuntimeContext,
  turn: Turn,
  pending: PendingTurn,
  results: InvocationResult[],
): Promise<void> {
  const traceId = `${pending.traceBase}-${pending.stepIndex}`;
  for (const a of pending.awaiting) {
    const inv = a.invocation as ActionInvocation;
    const result = resultFor(a, results) as InvocationResult;
    const r = "apiResult" in result ? result.apiResult : result.functionResult;
    const started = Date.now();
    let observation: Observation;
    if (a.actionInvocationType !== "RESULT" && r.confirmationState !== "CONFIRM") {
      // Not confirmed (DENY or no answer): the action is not performed; the model hears why.
      observation = deniedObservation(inv);
      observeAction(turn, traceId, observation, started);
    } else if (a.actionInvocationType === "USER_CONFIRMATION") {
      observation = await runLambda(rt, turn, inv, traceId);
    } else {
      const [, content] = Object.entries(r.responseBody ?? {})[0] ?? [];
      const text = content?.body ?? "";
      if (r.responseState === "FAILURE") {
        throw dependencyFailed(
          `The result returned for action group ${inv.target.actionGroupName} has responseState FAILURE: ${text.slice(0, 500)}`,
        );
      }
      observation = {
        text,
        ...("apiResult" in result ? { status: result.apiResult.httpStatusCode ?? 200 } : {}),
        ...(r.responseState === "REPROMPT" ? { state: "REPROMPT" as const } : {}),
      };
      observeAction(turn, traceId, observation, started);
    }
    turn.steps.push({ call: inv.call, observation });
  }
}
