/** SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: answering `.waitForTaskToken` tasks. */
import type { ExecutionDriver } from "../../states/driver.js";
import type { Json } from "../../states/types.js";
import type { SfnContext } from "../context.js";
import { sfnError } from "../errors.js";
import { optional, required, type SfnInput } from "../input.js";

const MAX_PAYLOAD = 262_144;

/** Tokens carry their execution's ARN (step-context.ts newToken), so any process can route them. */
function decodeToken(token: string): string {
  const handle = token.split(".")[0] ?? "";
  try {
    const parsed = JSON.parse(Buffer.from(handle, "base64url").toString("utf8")) as { a?: unknown };
    if (typeof parsed.a === "string" && parsed.a.startsWith("arn:")) return parsed.a;
  } catch {
    // falls through
  }
  throw sfnError("InvalidToken", `Invalid Token: '${token.slice(0, 64)}${token.length > 64 ? "…" : ""}'`);
}

function taskToken(input: SfnInput): { token: string; arn: string } {
  const token = required(input, "taskToken");
  if (token.length < 1 || token.length > 2048)
    throw sfnError("InvalidToken", "Invalid Token: a task token is 1-2048 characters.");
  return { token, arn: decodeToken(token) };
}

function driverFor(ctx: SfnContext, arn: string): ExecutionDriver {
  return arn.includes(":express:") ? ctx.expressDriver : ctx.driver;
}

function answered(answer: "ok" | "missing" | "timed-out"): Record<string, never> {
  if (answer === "timed-out")
    throw sfnError(
      "TaskTimedOut",
      "Task Timed Out: the task's timeout or heartbeat ran out before this answer.",
    );
  if (answer === "missing")
    throw sfnError(
      "TaskDoesNotExist",
      "Task Does Not Exist: the token belongs to no pending task (it was answered, or its execution ended).",
    );
  return {};
}

export async function sendTaskSuccess(ctx: SfnContext, input: SfnInput) {
  const { token, arn } = taskToken(input);
  const text = required(input, "output");
  if (Buffer.byteLength(text, "utf8") > MAX_PAYLOAD)
    throw sfnError("InvalidOutput", `Invalid Output: larger than ${MAX_PAYLOAD} bytes.`);
  let output: Json;
  try {
    output = JSON.parse(text) as Json;
  } catch (err) {
    throw sfnError("InvalidOutput", `Invalid Output: '${(err as Error).message}'`);
  }
  return answered(await driverFor(ctx, arn).answerToken(arn, token, { ok: true, output }));
}

export async function sendTaskFailure(ctx: SfnContext, input: SfnInput) {
  const { token, arn } = taskToken(input);
  const error = optional(input, "error", 256) ?? "";
  const cause = optional(input, "cause", 32_768) ?? "";
  return answered(await driverFor(ctx, arn).answerToken(arn, token, { ok: false, error, cause }));
}

export async function sendTaskHeartbeat(ctx: SfnContext, input: SfnInput) {
  const { token, arn } = taskToken(input);
  return answered(await driverFor(ctx, arn).heartbeat(arn, token));
}
