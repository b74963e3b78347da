/**
 * The process shell: builds the context, runs the command table and maps every
 * error to a documented exit code. Nothing else exits or sets exit codes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { toAgentctlError as classifyAwsError } from "./aws/classify-error.js";
import { buildCli } from "./cli.js";
import type { Context, GlobalOptions } from "./context.js";
import type { Env } from "./env.js";
import { readProcessEnv } from "./env.js";
import { AgentctlError, ExitCode, ReportedFailure } from "./errors.js";
import type { Io, Writer } from "./io/io.js";
import { createStreamIo } from "./io/io.js";
import { renderError } from "./io/render-error.js";
import { makeStyle } from "./io/style.js";

export interface RunDeps {
  env?: Env;
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
    packageVersion(),
    (globals: GlobalOptions): Context => {
      ctxIo = makeIo(env, globals, stdout, stderr);
      return {
        env,
        io: ctxIo,
        options: globals,
        projectDir: path.resolve(env.cwd, globals.projectDir ?? "."),
      };
    },
    {
      writeOut: (s) => stdout.write(s),
      writeErr: (s) => stderr.write(s),
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
    // commander already printed its message (or the help/version text).
    if (
      err.code === "commander.helpDisplayed" ||
      err.code === "commander.version" ||
      err.code === "commander.help"
    )
      return ExitCode.Ok;
    return ExitCode.InvalidInput;
  }
  const error = toAgentctlError(err);
  if (!(error instanceof ReportedFailure)) renderError(error, io, cwd);
  return error.exitCode;
}

/** AWS SDK errors are recognised by shape (name + $metadata), never by message text. */
function toAgentctlError(err: unknown): AgentctlError {
  if (err instanceof AgentctlError) return err;
  const classified = classifyAwsError(err);
  if (classified) return classified;
  return new AgentctlError(err instanceof Error ? err.message : String(err), {
    exitCode: ExitCode.Failed,
    source: "toolkit",
    cause: err,
  });
}

function isCommanderError(err: unknown): err is { code: string; exitCode: number } {
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

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}
