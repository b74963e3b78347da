/**
 * Reading an action group's Lambda response the way Bedrock does (aws-behaviour.md §4.4).
 * Whatever Bedrock would refuse — a function error, a payload that is not the documented
 * JSON, `responseState: FAILURE` — ends the turn with the dependencyFailedException AWS
 * sends, and the message says exactly what was wrong so the handler can be fixed.
 */
import { dependencyFailed, type StreamError } from "../errors.js";
import type { ActionInvocation } from "../invocation.js";
import type { Observation } from "../models/types.js";
import type { FunctionResult } from "./function-invoker.js";

export interface ActionOutcome {
  observation: Observation;
  sessionAttributes?: Record<string, string>;
  promptSessionAttributes?: Record<string, string>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const isStringMap = (v: unknown): v is Record<string, string> =>
  isObject(v) && Object.values(v).every((x) => typeof x === "string");

export function readLambdaResponse(
  action: ActionInvocation,
  result: FunctionResult,
  functionArn: string,
): ActionOutcome {
  const t = action.target;
  const fail = (why: string): StreamError =>
    dependencyFailed(
      `The Lambda function ${functionArn} of action group ${t.actionGroupName} ${why}`,
      functionArn,
    );
  const text = result.payload.toString("utf8");
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw fail(`returned a response that is not JSON: ${text.slice(0, 200)}`);
  }
  if (result.functionError) {
    const p = isObject(payload) ? payload : {};
    throw fail(
      `failed with ${String(p.errorType ?? "an error")}: ${String(p.errorMessage ?? text.slice(0, 200))}`,
    );
  }
  if (!isObject(payload))
    throw fail(
      `returned ${JSON.stringify(payload)?.slice(0, 100)}; Bedrock expects an object with messageVersion "1.0" and response.`,
    );
  if (payload.messageVersion !== "1.0")
    throw fail(`returned messageVersion ${JSON.stringify(payload.messageVersion)}; it must be "1.0".`);
  const response = payload.response;
  if (!isObject(response)) throw fail("returned no response object.");
  if (response.actionGroup !== t.actionGroupName) {
    throw fail(
      `returned response.actionGroup ${JSON.stringify(response.actionGroup)}; it must echo the event's actionGroup "${t.actionGroupName}".`,
    );
  }
  for (const key of ["sessionAttributes", "promptSessionAttributes"] as const) {
    if (payload[key] !== undefined && !isStringMap(payload[key]))
      throw fail(`returned ${key} that is not a map of strings.`);
  }
  const observation =
    t.kind === "api"
      ? apiObservation(response, t, fail)
      : functionObservation(response, t.functionName, fail);
  return {
    observation,
    ...(isStringMap(payload.sessionAttributes) ? { sessionAttributes: payload.sessionAttributes } : {}),
    ...(isStringMap(payload.promptSessionAttributes)
      ? { promptSessionAttributes: payload.promptSessionAttributes }
      : {}),
  };
}

function apiObservation(
  response: Record<string, unknown>,
  t: Extract<ActionInvocation["target"], { kind: "api" }>,
  fail: (why: string) => StreamError,
): Observation {
  if (response.apiPath !== t.apiPath)
    throw fail(`returned response.apiPath ${JSON.stringify(response.apiPath)}; it must echo "${t.apiPath}".`);
  if (typeof response.httpMethod !== "string" || response.httpMethod.toUpperCase() !== t.verb.toUpperCase()) {
    throw fail(
      `returned response.httpMethod ${JSON.stringify(response.httpMethod)}; it must echo "${t.verb.toUpperCase()}".`,
    );
  }
  if (response.httpStatusCode !== undefined && !Number.isInteger(response.httpStatusCode)) {
    throw fail("returned an httpStatusCode that is not an integer.");
  }
  const body = response.responseBody;
  if (!isObject(body) || Object.keys(body).length === 0) {
    throw fail(
      'returned no responseBody; it must map a media type to {"body": "<string>"}, e.g. {"application/json": {"body": "{...}"}}.',
    );
  }
  const [mediaType, content] = Object.entries(body)[0] as [string, unknown];
  if (!isObject(content) || typeof content.body !== "string") {
    throw fail(`returned responseBody["${mediaType}"].body that is not a string (JSON-encode objects).`);
  }
  const state = response.responseState;
  if (state === "FAILURE") throw fail(`returned responseState FAILURE: ${content.body.slice(0, 500)}`);
  return {
    text: content.body,
    ...(typeof response.httpStatusCode === "number" ? { status: response.httpStatusCode } : { status: 200 }),
    ...(state === "REPROMPT" ? { state } : {}),
  };
}

function functionObservation(
  response: Record<string, unknown>,
  fn: string,
  fail: (why: string) => StreamError,
): Observation {
  if (response.function !== fn)
    throw fail(`returned response.function ${JSON.stringify(response.function)}; it must echo "${fn}".`);
  const fr = response.functionResponse;
  if (!isObject(fr)) throw fail("returned no response.functionResponse.");
  const state = fr.responseState;
  if (state !== undefined && state !== "FAILURE" && state !== "REPROMPT") {
    throw fail(`returned responseState ${JSON.stringify(state)}; it must be FAILURE or REPROMPT, or absent.`);
  }
  const body = fr.responseBody;
  const textBody = isObject(body) && isObject(body.TEXT) ? body.TEXT.body : undefined;
  if (typeof textBody !== "string") {
    throw fail(
      'returned no functionResponse.responseBody.TEXT.body string (function groups answer {"TEXT": {"body": "..."}}).',
    );
  }
  if (state === "FAILURE") throw fail(`returned responseState FAILURE: ${textBody.slice(0, 500)}`);
  return { text: textBody, ...(state === "REPROMPT" ? { state } : {}) };
}
