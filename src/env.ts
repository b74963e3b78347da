/**
 * The one place that reads the process environment, TTY state and CI flags.
 * Everything else receives an `Env` so tests can build one by hand.
 */
export interface Env {
  readonly vars: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly ci: boolean;
  /** NO_COLOR (https://no-color.org) or a dumb terminal; chalk alone ignores NO_COLOR. */
  readonly noColorRequested: boolean;
}

export function readProcessEnv(): Env {
  const vars = { ...process.env };
  return {
    vars,
    cwd: process.cwd(),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    ci: isCi(vars),
    noColorRequested: (vars.NO_COLOR !== undefined && vars.NO_COLOR !== "") || vars.TERM === "dumb",
  };
}

function isCi(vars: Record<string, string | undefined>): boolean {
  const ci = vars.CI;
  return (
    (ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false") || !!vars.GITHUB_ACTIONS
  );
}

/** An Env for tests and embedded use: no TTY, no colour, explicit variables only. */
export function fixedEnv(vars: Record<string, string | undefined> = {}, cwd = process.cwd()): Env {
  return {
    vars,
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    ci: true,
    noColorRequested: true,
  };
}
