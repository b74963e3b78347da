import type { Env } from "./env.js";
import type { Input } from "./io/input.js";
import type { Io } from "./io/io.js";

/** Options every command accepts (README "Global options"). */
export interface GlobalOptions {
  projectDir?: string;
  target?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  json: boolean;
  color: boolean;
  verbose: boolean;
  yes: boolean;
}

/** Built once per process in main.ts and handed to every command. */
export interface Context {
  readonly env: Env;
  readonly io: Io;
  /** Standard input (piped text, or the terminal for questions); only through this. */
  readonly stdin?: Input;
  readonly options: GlobalOptions;
  /** Absolute project directory (`-C` or the current directory). */
  readonly projectDir: string;
}
