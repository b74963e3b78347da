/**
 * Errors of the deploy engine: every failed call names the agent, the operation, the
 * AWS error name and the request id, with a hint (classify-error.ts supplies AWS's own).
 */
import { toAgentctlError } from "../../aws/classify-error.js";
import { AgentctlError, CloudError, ExitCode } from "../../errors.js";

export class DeployStepError extends AgentctlError {
  readonly agent: string;
  readonly operation: string;
  readonly awsName?: string;
  readonly requestId?: string;

  constructor(agent: string, operation: string, cause: unknown, extraHint?: string) {
    const classified = toAgentctlError(cause);
    const base = classified ?? (cause instanceof AgentctlError ? cause : undefined);
    const awsName = base instanceof CloudError ? base.awsName : undefined;
    const requestId = base instanceof CloudError ? base.requestId : undefined;
    const reason = base?.message ?? (cause instanceof Error ? cause.message : String(cause));
    const id = [awsName, requestId ? `request id ${requestId}` : undefined].filter(Boolean).join(", ");
    const hint = [extraHint, base?.hint].filter(Boolean).join(" ");
    super(`${agent}: ${operation} failed${id ? ` (${id})` : ""}: ${reason}`, {
      exitCode: base?.exitCode ?? ExitCode.Failed,
      source: base?.source ?? "toolkit",
      ...(hint ? { hint } : {}),
      cause,
    });
    this.agent = agent;
    this.operation = operation;
    if (awsName) this.awsName = awsName;
    if (requestId) this.requestId = requestId;
  }
}

/** A prepare (or another asynchronous step) that ended FAILED, with AWS's reasons. */
export class AgentFailedError extends AgentctlError {
  constructor(agent: string, operation: string, reasons: string[], recommended: string[] = []) {
    const list = reasons.length > 0 ? reasons.map((r) => `\n  - ${r}`).join("") : " (no reasons given)";
    super(`${agent}: ${operation} ended FAILED:${list}`, {
      exitCode: ExitCode.Failed,
      source: "cloud",
      hint:
        recommended.length > 0
          ? recommended.join(" ")
          : "Fix the manifest (run `agentctl validate`) and deploy again; work already done is kept.",
    });
  }
}

/** Several agents failed; each message is kept. */
export class DeployFailedError extends AgentctlError {
  readonly failures: AgentctlError[];
  constructor(failures: AgentctlError[]) {
    const first = failures[0];
    super(
      failures.length === 1 && first
        ? first.message
        : `${failures.length} agents failed:\n${failures.map((f) => `- ${f.message}`).join("\n")}`,
      {
        exitCode: first?.exitCode ?? ExitCode.Failed,
        source: first?.source ?? "toolkit",
        hint: first?.hint ?? "Re-run deploy: what was done is kept and the rest is retried.",
      },
    );
    this.failures = failures;
  }
}

export function awsErrorName(err: unknown): string | undefined {
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name : undefined;
}

/** Runs one call, turning any failure into a DeployStepError naming agent and operation. */
export async function step<T>(
  agent: string,
  operation: string,
  fn: () => Promise<T>,
  hint?: string,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DeployStepError || err instanceof AgentFailedError) throw err;
    throw new DeployStepError(agent, operation, err, hint);
  }
}
