/**
 * What Step Functions' Task states can call on the emulator: `lambda:invoke` (and
 * plain Lambda ARNs) run on the emulator's own Lambda service, `sns:publish` goes
 * to its SNS outbox — both with `.waitForTaskToken` too, which the interpreter
 * handles. Results and errors are shaped as Step Functions' optimized
 * integrations shape them (aws-behaviour.md §6.1), so a template's
 * ResultSelector, Retry and Catch mean the same here as on AWS.
 */
import { AwsError } from "../aws-error.js";
import type { InvokeResult } from "../lambda/invoke.js";
import type { PublishInput, PublishOutput } from "../sns/publish.js";
import type { IntegrationRegistry } from "../states/task-dispatcher.js";
import type { Json, TaskOutcome } from "../states/types.js";

export interface IntegrationTargets {
  invokeFunction(functionNameOrArn: string, payload: unknown): Promise<InvokeResult>;
  publish(input: PublishInput): PublishOutput;
}

export function registerIntegrations(registry: IntegrationRegistry, targets: IntegrationTargets): void {
  registry.register("lambda:invoke", ({ input }) => lambdaInvoke(targets, input));
  registry.register("sns:publish", ({ input }) => snsPublish(targets, input));
}

const sdkMetadata = (requestId: string) => ({
  SdkHttpMetadata: { HttpStatusCode: 200 },
  SdkResponseMetadata: { RequestId: requestId },
});

async function lambdaInvoke(targets: IntegrationTargets, input: Json): Promise<TaskOutcome> {
  const args = (input ?? {}) as { FunctionName?: unknown; Payload?: unknown };
  if (typeof args.FunctionName !== "string")
    return {
      ok: false,
      error: "States.Runtime",
      cause: "lambda:invoke needs a FunctionName string parameter.",
    };
  let result: InvokeResult;
  try {
    result = await targets.invokeFunction(args.FunctionName, args.Payload ?? {});
  } catch (err) {
    // Service errors surface as Lambda.<ErrorName>, which default Retry lists name.
    if (err instanceof AwsError) return { ok: false, error: `Lambda.${err.code}`, cause: err.message };
    throw err;
  }
  const text = result.payload.toString("utf8");
  const payload = parseJson(text);
  if (result.functionError) {
    // The function's errorType is the state's error name (what Catch/Retry match); the cause is the
    // error object as JSON, exactly as Step Functions reports a Lambda function error.
    const errorType = (payload as { errorType?: unknown } | null)?.errorType;
    return { ok: false, error: typeof errorType === "string" ? errorType : "Lambda.Unknown", cause: text };
  }
  return {
    ok: true,
    output: {
      ExecutedVersion: result.executedVersion,
      Payload: payload,
      ...sdkMetadata(crypto.randomUUID()),
      StatusCode: result.statusCode,
    } as Json,
  };
}

function snsPublish(targets: IntegrationTargets, input: Json): TaskOutcome {
  try {
    const out = targets.publish((input ?? {}) as unknown as PublishInput);
    return { ok: true, output: { ...out, ...sdkMetadata(crypto.randomUUID()) } as Json };
  } catch (err) {
    // SDK-style integrations name errors <Service>.<ErrorName> (aws-behaviour.md §6.5).
    if (err instanceof AwsError) return { ok: false, error: `SNS.${err.code}`, cause: err.message };
    throw err;
  }
}

function parseJson(text: string): Json {
  if (text === "") return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}
