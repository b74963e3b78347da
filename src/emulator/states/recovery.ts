/** Retry and Catch: which retrier or catcher an error meets, and what happens then. */

import { applyAssigned, jsonataOutcome, statesVariable } from "./data-flow.js";
import { errorMatches, errorOf } from "./errors.js";
import { writePath } from "./jsonpath.js";
import { enterState, failFrame } from "./lifecycle.js";
import { applyTemplate } from "./payload-template.js";
import type { Step } from "./step-context.js";
import type { Frame, Json, JsonObject } from "./types.js";

/** Seconds before retry number `attempt` (0-based): interval × rate^attempt, capped, jittered. */
export function retryDelaySeconds(retrier: JsonObject, attempt: number, random = Math.random): number {
  const interval = typeof retrier.IntervalSeconds === "number" ? retrier.IntervalSeconds : 1;
  const rate = typeof retrier.BackoffRate === "number" ? retrier.BackoffRate : 2;
  let delay = interval * rate ** attempt;
  if (typeof retrier.MaxDelaySeconds === "number") delay = Math.min(delay, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === "FULL") delay = random() * delay;
  return delay;
}

/**
 * A Task, Map or Parallel failed with `error`: the first retrier whose
 * ErrorEquals matches decides (retry, or give up if its attempts are spent);
 * then the first matching catcher; otherwise the frame fails.
 */
export async function handleError(
  step: Step,
  frame: Frame,
  state: JsonObject,
  error: string,
  cause: string,
): Promise<void> {
  const retriers = Array.isArray(state.Retry) ? (state.Retry as JsonObject[]) : [];
  for (const [i, retrier] of retriers.entries()) {
    if (!errorMatches((retrier.ErrorEquals as string[]) ?? [], error)) continue;
    const used = frame.retries[i] ?? 0;
    const max = typeof retrier.MaxAttempts === "number" ? retrier.MaxAttempts : 3;
    if (used < max) {
      frame.retries[i] = used + 1;
      frame.phase = "retry";
      frame.wakeAt = step.now + Math.round(retryDelaySeconds(retrier, used) * 1000);
      frame.lastError = { error, cause };
      delete frame.task;
      delete frame.group;
      return;
    }
    break;
  }
  const catchers = Array.isArray(state.Catch) ? (state.Catch as JsonObject[]) : [];
  const catcher = catchers.find((c) => errorMatches((c.ErrorEquals as string[]) ?? [], error));
  if (!catcher) {
    await failFrame(step, frame, error, cause);
    return;
  }
  const errorOutput: JsonObject = { Error: error, Cause: cause };
  try {
    let output: Json;
    let assigned: JsonObject | undefined;
    if (step.language(frame, state) === "JSONata") {
      const states = statesVariable(step, frame, frame.input, { errorOutput });
      ({ output, assigned } = await jsonataOutcome(step, frame, catcher, states, errorOutput));
    } else {
      const path = catcher.ResultPath;
      output =
        path === undefined
          ? errorOutput
          : path === null
            ? frame.input
            : writePath(frame.input, String(path), errorOutput);
      if (catcher.Assign !== undefined)
        assigned = applyTemplate(
          catcher.Assign,
          step.pathScope(frame, errorOutput),
          "States.Runtime",
        ) as JsonObject;
    }
    applyAssigned(frame, assigned);
    enterState(step, frame, String(catcher.Next), output);
  } catch (err) {
    const failure = errorOf(err);
    await failFrame(step, frame, failure.error, failure.cause);
  }
}
