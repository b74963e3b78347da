/**
 * The one interface Task states run through. The interpreter never calls an
 * integration itself: the driver hands each Task's resource and effective
 * parameters to a TaskDispatcher and feeds the outcome back. The emulator's
 * Lambda and SNS services register handlers for their integrations with
 * `IntegrationRegistry.register`; `.waitForTaskToken` is built in (the
 * integration is called with the token in its parameters, then the execution
 * waits for SendTaskSuccess/Failure).
 */
import type { Json, TaskOutcome } from "./types.js";

export type { TaskOutcome } from "./types.js";

export interface TaskContext {
  executionArn: string;
  stateMachineArn: string;
  stateName: string;
  /** Present for `.waitForTaskToken` tasks. */
  taskToken?: string;
  region: string;
  accountId: string;
}

export interface TaskDispatcher {
  dispatch(resource: string, input: Json, ctx: TaskContext): Promise<TaskOutcome>;
}

/** A resource ARN split the way history events and handler lookup need it. */
export interface ParsedResource {
  /** History's resourceType, e.g. `lambda`, `sns`, `aws-sdk:bedrockagent`. */
  resourceType: string;
  /** History's resource, e.g. `invoke`, `invoke.waitForTaskToken`. */
  resource: string;
  /** What handlers are registered under, e.g. `lambda:invoke`, `sns:publish`. */
  integration: string;
  pattern: "request-response" | "waitForTaskToken" | "sync";
  /** A plain Lambda function ARN (history uses LambdaFunction* events). */
  lambdaFunction: boolean;
}

export function parseResource(arn: string): ParsedResource {
  const lambda = /^arn:aws[a-z-]*:lambda:[^:]*:\d*:function:.+$/.exec(arn);
  if (lambda)
    return {
      resourceType: "lambda",
      resource: arn,
      integration: "lambda:invoke",
      pattern: "request-response",
      lambdaFunction: true,
    };
  const service = /^arn:aws[a-z-]*:states:::(.+)$/.exec(arn);
  if (service) {
    const body = service[1] as string;
    const suffix = /\.(waitForTaskToken|sync(:\d+)?)$/.exec(body);
    const base = suffix ? body.slice(0, suffix.index) : body;
    const colon = base.lastIndexOf(":");
    const resourceType = colon < 0 ? base : base.slice(0, colon);
    return {
      resourceType,
      resource: body.slice(colon + 1),
      integration: base,
      pattern: !suffix ? "request-response" : suffix[1] === "waitForTaskToken" ? "waitForTaskToken" : "sync",
      lambdaFunction: false,
    };
  }
  const activity = /:activity:/.test(arn);
  return {
    resourceType: activity ? "activity" : arn,
    resource: arn,
    integration: activity ? "activity" : arn,
    pattern: "request-response",
    lambdaFunction: false,
  };
}

export interface IntegrationRequest {
  resource: string;
  parsed: ParsedResource;
  input: Json;
  ctx: TaskContext;
}

export type IntegrationHandler = (request: IntegrationRequest) => Promise<TaskOutcome> | TaskOutcome;

const notEmulated = (cause: string): TaskOutcome => ({ ok: false, error: "States.Runtime", cause });

/**
 * Routes resources to registered handlers by integration (`lambda:invoke`,
 * `sns:publish`, `aws-sdk:bedrockagent:getAgent`, …). A plain Lambda ARN goes to
 * the `lambda:invoke` handler as `{FunctionName, Payload}` and gets the Payload
 * back, as the legacy integration returns the function's value itself.
 */
export class IntegrationRegistry implements TaskDispatcher {
  private readonly handlers = new Map<string, IntegrationHandler>();

  register(integration: string, handler: IntegrationHandler): void {
    this.handlers.set(integration, handler);
  }

  has(integration: string): boolean {
    return this.handlers.has(integration);
  }

  async dispatch(resource: string, input: Json, ctx: TaskContext): Promise<TaskOutcome> {
    const parsed = parseResource(resource);
    if (parsed.pattern === "sync")
      return notEmulated(`The local emulator does not run .sync integrations (${resource}).`);
    if (parsed.integration === "activity")
      return notEmulated(`The local emulator does not emulate activities (${resource}).`);
    const handler = this.handlers.get(parsed.integration);
    if (!handler)
      return notEmulated(
        `The local emulator has no handler for the integration ${parsed.integration} (resource ${resource}); registered: ${[...this.handlers.keys()].join(", ") || "none"}.`,
      );
    try {
      if (!parsed.lambdaFunction) return await handler({ resource, parsed, input, ctx });
      const outcome = await handler({
        resource,
        parsed,
        input: { FunctionName: resource, Payload: input },
        ctx,
      });
      if (!outcome.ok) return outcome;
      const payload = (outcome.output as { Payload?: Json } | null)?.Payload;
      return { ok: true, output: payload === undefined ? null : payload };
    } catch (err) {
      return {
        ok: false,
        error: (err as Error)?.name ?? "Error",
        cause: (err as Error)?.message ?? String(err),
      };
    }
  }
}
