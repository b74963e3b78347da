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
  /** Terminal width of stdout / stderr when they are terminals (for wrapping traces). */
  readonly stdoutColumns?: number;
  readonly stderrColumns?: number;
}

/** Columns to wrap text for `stream`: the terminal's, else COLUMNS, else 100 (CI logs, pipes). */
export function columnsFor(env: Env, stream: "stdout" | "stderr"): number {
  const tty = stream === "stdout" ? env.stdoutColumns : env.stderrColumns;
  if (tty !== undefined && tty > 0) return tty;
  const fromVar = Number(env.vars.COLUMNS);
  return Number.isInteger(fromVar) && fromVar > 0 ? fromVar : 100;
}

export function readProcessEnv(): Env {
  const vars = { ...process.env };
  return {
    vars,
    cwd: process.cwd(),
    // Asked of the descriptor: touching process.stdin would set up a stream most commands never read.
    stdinIsTTY: process.getBuiltinModule("node:tty").isatty(0),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    ci: isCi(vars),
    noColorRequested: (vars.NO_COLOR !== undefined && vars.NO_COLOR !== "") || vars.TERM === "dumb",
    ...(process.stdout.isTTY && process.stdout.columns ? { stdoutColumns: process.stdout.columns } : {}),
    ...(process.stderr.isTTY && process.stderr.columns ? { stderrColumns: process.stderr.columns } : {}),
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
