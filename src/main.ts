/**
 * The process shell: builds the context, runs the command table and maps every
 * error to a documented exit code. Nothing else exits or sets exit codes.
 */
import path from "node:path";
import { toAgentctlError as classifyAwsError } from "./aws/classify-error.js";
import { buildCli } from "./cli.js";
import type { Context, GlobalOptions } from "./context.js";
import type { Env } from "./env.js";
import { readProcessEnv } from "./env.js";
import { AgentctlError, ExitCode, ReportedFailure, UsageError } from "./errors.js";
import { createInput } from "./io/input.js";
import type { Io, Writer } from "./io/io.js";
import { createStreamIo } from "./io/io.js";
import { renderError } from "./io/render-error.js";
import { makeStyle } from "./io/style.js";
import { packageManifest } from "./package-root.js";
import { fromSystemError } from "./system-errors.js";

export interface RunDeps {
  env?: Env;
  /** Standard input (default: the process's). */
  stdin?: NodeJS.ReadableStream;
  stdout?: Writer;
  stderr?: Writer;
}

export async function run(argv: string[], deps: RunDeps = {}): Promise<number> {
  const env = deps.env ?? readProcessEnv();
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  // Output flags are needed to report errors that happen before or during parsing.
  const early = earlyFlags(argv);
  const io = makeIo(env, early, stdout, stderr);
  let ctxIo: Io = io;

  const program = buildCli(
    packageManifest().version,
    (globals: GlobalOptions): Context => {
      ctxIo = makeIo(env, globals, stdout, stderr);
      return {
        env,
        io: ctxIo,
        stdin: createInput(deps.stdin ?? (() => process.stdin)),
        options: globals,
        projectDir: path.resolve(env.cwd, globals.projectDir ?? "."),
      };
    },
    {
      writeOut: (s) => stdout.write(s),
      // Under --json a usage error is reported as JSON on stdout (handleError), not as text.
      writeErr: (s) => {
        if (!early.json) stderr.write(s);
      },
    },
  );

  try {
    await program.parseAsync(argv, { from: "user" });
    return ExitCode.Ok;
  } catch (err) {
    return handleError(err, ctxIo, env.cwd);
  }
}

function handleError(err: unknown, io: Io, cwd: string): number {
  if (isCommanderError(err)) {
    // commander already printed its text: help or version (exit 0), or a usage error,
    // which includes help shown because a command was missing (commander's exit 1).
    if (err.exitCode === 0) return ExitCode.Ok;
    if (io.json) renderError(new UsageError(err.message.replace(/^error: /, "")), io, cwd);
    return ExitCode.InvalidInput;
  }
  const error = toAgentctlError(err);
  if (!(error instanceof ReportedFailure)) renderError(error, io, cwd);
  return error.exitCode;
}

/** AWS SDK errors are recognised by shape (name + $metadata), never by message text. */
function toAgentctlError(err: unknown): AgentctlError {
  if (err instanceof AgentctlError) return err;
  const classified = classifyAwsError(err) ?? fromSystemError(err);
  if (classified) return classified;
  return new AgentctlError(err instanceof Error ? err.message : String(err), {
    exitCode: ExitCode.Failed,
    source: "toolkit",
    cause: err,
  });
}

function isCommanderError(err: unknown): err is { code: string; exitCode: number; message: string } {
  return typeof err === "object" && err !== null && (err as { name?: string }).name === "CommanderError";
}

interface OutputFlags {
  json: boolean;
  color: boolean;
  verbose: boolean;
}

function earlyFlags(argv: string[]): OutputFlags {
  const end = argv.indexOf("--");
  const flags = end === -1 ? argv : argv.slice(0, end);
  return {
    json: flags.includes("--json"),
    color: !flags.includes("--no-color"),
    verbose: flags.includes("--verbose") || flags.includes("-v"),
  };
}

function makeIo(env: Env, flags: OutputFlags, stdout: Writer, stderr: Writer): Io {
  // Results (stdout) are what gets coloured most; a piped stdout means a program reads it.
  const color = flags.color && !env.noColorRequested && env.stdoutIsTTY && !flags.json;
  return createStreamIo({
    json: flags.json,
    verbose: flags.verbose,
    style: makeStyle(color),
    stdout,
    stderr,
  });
}
