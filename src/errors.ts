import type { Diagnostic } from "./diagnostics.js";

/** Documented exit codes (README "Exit codes"); only src/main.ts turns an error into one. */
export const ExitCode = {
  Ok: 0,
  Failed: 1,
  InvalidInput: 2,
  NotConfigured: 3,
  /** `plan --detailed-exitcode`: the plan has changes. */
  ChangesPending: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Who must act: the user (fix input or setup), the cloud (an AWS error), or us (a bug). */
export type ErrorSource = "user" | "cloud" | "toolkit";

export class AgentctlError extends Error {
  readonly exitCode: ExitCode;
  readonly source: ErrorSource;
  readonly hint?: string;

  constructor(
    message: string,
    opts: { exitCode: ExitCode; source: ErrorSource; hint?: string; cause?: unknown },
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.exitCode = opts.exitCode;
    this.source = opts.source;
    if (opts.hint) this.hint = opts.hint;
  }
}

/** Bad flags or arguments. */
export class UsageError extends AgentctlError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.InvalidInput, source: "user", ...(hint ? { hint } : {}) });
  }
}

/** Manifests, schemas or templates that do not pass; the diagnostics say where. */
export class InvalidInputError extends AgentctlError {
  readonly diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[] = [], hint?: string) {
    super(message, { exitCode: ExitCode.InvalidInput, source: "user", ...(hint ? { hint } : {}) });
    this.diagnostics = diagnostics;
  }
}

/** Missing credentials, region, project, or permission. */
export class NotConfiguredError extends AgentctlError {
  constructor(message: string, hint?: string, cause?: unknown) {
    super(message, { exitCode: ExitCode.NotConfigured, source: "user", ...(hint ? { hint } : {}), cause });
  }
}

/** An AWS (or emulator) service error, keeping the AWS error name and request id. */
export class CloudError extends AgentctlError {
  readonly awsName: string;
  readonly requestId?: string;
  readonly httpStatusCode?: number;
  constructor(
    message: string,
    opts: { awsName: string; requestId?: string; httpStatusCode?: number; hint?: string; cause?: unknown },
  ) {
    const authFailure =
      opts.httpStatusCode === 403 || /AccessDenied|UnrecognizedClient|ExpiredToken/.test(opts.awsName);
    super(message, {
      exitCode: authFailure ? ExitCode.NotConfigured : ExitCode.Failed,
      source: "cloud",
      ...(opts.hint ? { hint: opts.hint } : {}),
      cause: opts.cause,
    });
    this.awsName = opts.awsName;
    if (opts.requestId) this.requestId = opts.requestId;
    if (opts.httpStatusCode !== undefined) this.httpStatusCode = opts.httpStatusCode;
  }
}

/** The operation ran and reported failure (e.g. a workflow failed); not a bug. */
export class FailedError extends AgentctlError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.Failed, source: "user", ...(hint ? { hint } : {}) });
  }
}

/**
 * The command already printed its result (e.g. validation diagnostics, also under --json)
 * and only the exit code remains to be set; main.ts prints nothing more for it.
 */
export class ReportedFailure extends AgentctlError {
  constructor(message: string, exitCode: ExitCode) {
    super(message, { exitCode, source: "user" });
  }
}
