/**
 * Carrying out the calls of one orchestration step: each gets an invocationInput trace and,
 * once it has a result, an observation trace, both with the step's trace id. Lambda actions
 * run now; RETURN_CONTROL actions and actions that need the user's confirmation are handed
 * to the caller in one returnControl event that ends the stream.
 */
import { randomUUID } from "node:crypto";
import { AwsError } from "../../aws-error.js";
import { lambdaEvent } from "../actions/lambda-event.js";
import { readLambdaResponse } from "../actions/lambda-response.js";
import { dependencyFailed } from "../errors.js";
import { type ActionInvocation, type Invocation, resolveCall } from "../invocation.js";
import type { Observation, ToolCall } from "../models/types.js";
import type { PendingTurn } from "../sessions.js";
import { invokeCollaborator } from "./collaborator.js";
import type { RuntimeContext, Turn, TurnOutcome } from "./context.js";
import { finish } from "./orchestrate.js";
import { returnControlOutcome } from "./return-control.js";
import { timing } from "./traces.js";

type Awaiting = PendingTurn["awaiting"][number];

export function actionInvocationInput(
  action: ActionInvocation,
  invocationId?: string,
): Record<string, unknown> {
  const t = action.target;
  const requestBody = action.requestBody
    ? {
        content: Object.fromEntries(
          Object.entries(action.requestBody.content).map(([m, c]) => [m, c.properties]),
        ),
      }
    : undefined;
  return {
    actionGroupName: t.actionGroupName,
    ...(t.kind === "api" ? { apiPath: t.apiPath, verb: t.verb } : { function: t.functionName }),
    executionType: t.executionType,
    ...(invocationId ? { invocationId } : {}),
    ...(action.parameters.length > 0 ? { parameters: action.parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
  };
}

export function observeAction(
  turn: Turn,
  traceId: string,
  observation: Observation,
  startedMs: number,
): void {
  turn.trace.orchestration("observation", {
    actionGroupInvocationOutput: {
      metadata: { clientRequestId: randomUUID(), ...timing(startedMs) },
      text: observation.text,
    },
    traceId,
    type: "ACTION_GROUP",
  });
}

/** Runs an action through its Lambda function; session attributes it returns replace the session's. */
export async function runLambda(
  rt: RuntimeContext,
  turn: Turn,
  action: ActionInvocation,
  traceId: string,
): Promise<Observation> {
  const arn = action.target.lambdaArn as string;
  const started = Date.now();
  const event = lambdaEvent(action, {
    agentName: turn.snapshot.definition.agentName,
    agentId: turn.snapshot.agentId,
    agentAliasId: turn.snapshot.agentAliasId,
    agentVersion: turn.snapshot.agentVersion,
    sessionId: turn.sessionId,
    inputText: turn.inputText,
    sessionAttributes: turn.sessionAttributes,
    promptSessionAttributes: turn.promptSessionAttributes,
  });
  let result: Awaited<ReturnType<typeof rt.functions.invoke>>;
  try {
    result = await rt.functions.invoke(arn, Buffer.from(JSON.stringify(event)));
  } catch (err) {
    const e = err as Error & { code?: string };
    // The emulator's own Lambda service throws AwsError: its AWS name is `code`.
    const name = e instanceof AwsError ? e.code : e.name;
    throw dependencyFailed(
      `The Lambda function ${arn} of action group ${action.target.actionGroupName} could not be invoked: ${name}: ${e.message}`,
      arn,
    );
  }
  const outcome = readLambdaResponse(action, result, arn);
  if (outcome.sessionAttributes) turn.sessionAttributes = outcome.sessionAttributes;
  if (outcome.promptSessionAttributes) turn.promptSessionAttributes = outcome.promptSessionAttributes;
  observeAction(turn, traceId, outcome.observation, started);
  return outcome.observation;
}

function invocationType(action: ActionInvocation): Awaiting["actionInvocationType"] {
  if (!action.target.requireConfirmation) return "RESULT";
  return action.target.executionType === "LAMBDA" ? "USER_CONFIRMATION" : "USER_CONFIRMATION_AND_RESULT";
}

async function knowledgeBaseLookup(
  rt: RuntimeContext,
  turn: Turn,
  inv: Extract<Invocation, { kind: "knowledgeBase" }>,
  traceId: string,
): Promise<Observation> {
  turn.trace.orchestration("invocationInput", {
    invocationType: "KNOWLEDGE_BASE",
    knowledgeBaseLookupInput: { knowledgeBaseId: inv.knowledgeBaseId, text: inv.text },
    traceId,
  });
  const started = Date.now();
  const references = await rt.knowledgeBases.retrieve(inv.knowledgeBaseId, inv.text);
  turn.trace.orchestration("observation", {
    knowledgeBaseLookupOutput: {
      metadata: { clientRequestId: randomUUID(), ...timing(started) },
      retrievedReferences: references,
    },
    traceId,
    type: "KNOWLEDGE_BASE",
  });
  return {
    text:
      references.length > 0
        ? references.map((r) => r.content.text).join("\n\n")
        : "No results were found in the knowledge base.",
  };
}

/** Undefined: every call has its observation and the loop goes on; else how the turn ends. */
export async function executeCalls(
  rt: RuntimeContext,
  turn: Turn,
  traceId: string,
  calls: ToolCall[],
): Promise<TurnOutcome | undefined> {
  const awaiting: Awaiting[] = [];
  const invocationId = randomUUID();
  for (const call of calls) {
    const inv = resolveCall(call, turn.tools);
    const record = (observation: Observation) => turn.steps.push({ call, observation });
    switch (inv.kind) {
      case "unknown":
        turn.trace.orchestration("observation", {
          repromptResponse: { source: "PARSER", text: inv.problem },
          traceId,
          type: "REPROMPT",
        });
        record({ text: inv.problem, state: "REPROMPT" });
        break;
      case "askUser":
        return finish(turn, traceId, inv.question, "ASK_USER");
      case "knowledgeBase":
        record(await knowledgeBaseLookup(rt, turn, inv, traceId));
        break;
      case "collaborator":
        record(await invokeCollaborator(rt, turn, inv, traceId));
        break;
      case "action": {
        const type = invocationType(inv);
        if (inv.target.executionType === "LAMBDA" && type === "RESULT") {
          turn.trace.orchestration("invocationInput", {
            actionGroupInvocationInput: actionInvocationInput(inv),
            invocationType: "ACTION_GROUP",
            traceId,
          });
          record(await runLambda(rt, turn, inv, traceId));
        } else {
          turn.trace.orchestration("invocationInput", {
            actionGroupInvocationInput: actionInvocationInput(inv, invocationId),
            invocationType: "ACTION_GROUP",
            traceId,
          });
          awaiting.push({ invocation: inv, actionInvocationType: type });
        }
        break;
      }
    }
  }
  if (awaiting.length === 0) return undefined;
  return returnControlOutcome(rt, turn, invocationId, awaiting);
}
