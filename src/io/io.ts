import type { Style } from "./style.js";

/**
 * The one output sink. Results go to stdout (as JSON with --json); everything a
 * person reads while waiting (progress, warnings, logs) goes to stderr.
 */
export interface Io {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly style: Style;
  /** The command's result: `value` is printed as JSON under --json, otherwise `render()` is. */
  result(value: unknown, render: () => string): void;
  /** Text that is part of the result as it arrives (a streamed answer): stdout, no newline; nothing under --json. */
  text(piece: string): void;
  /** One item of an event stream: an NDJSON line under --json, otherwise `render()`. */
  event(value: unknown, render: () => string): void;
  info(message: string): void;
  warn(message: string): void;
  /** Only with --verbose. */
  debug(message: string): void;
  /** Human-readable error text (always stderr). */
  error(message: string): void;
}

export interface Writer {
  write(text: string): void;
}

export interface StreamIoOptions {
  json: boolean;
  verbose: boolean;
  style: Style;
  stdout: Writer;
  stderr: Writer;
}

export function createStreamIo(opts: StreamIoOptions): Io {
  const line = (w: Writer, text: string) => w.write(text.endsWith("\n") ? text : `${text}\n`);
  return {
    json: opts.json,
    verbose: opts.verbose,
    style: opts.style,
    result(value, render) {
      line(opts.stdout, opts.json ? JSON.stringify(value, null, 2) : render());
    },
    text(piece) {
      if (!opts.json) opts.stdout.write(piece);
    },
    event(value, render) {
      line(opts.stdout, opts.json ? JSON.stringify(value) : render());
    },
    info(message) {
      line(opts.stderr, message);
    },
    warn(message) {
      line(opts.stderr, opts.style.yellow(`warning: ${message}`));
    },
    debug(message) {
      if (opts.verbose) line(opts.stderr, opts.style.dim(message));
    },
    error(message) {
      line(opts.stderr, message);
    },
  };
}

/** An Io that records what a command printed; used by tests and embedding code. */
export interface RecordingIo extends Io {
  readonly stdout: string[];
  readonly stderr: string[];
}

export function createRecordingIo(opts: { json?: boolean; verbose?: boolean; style: Style }): RecordingIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io = createStreamIo({
    json: opts.json ?? false,
    verbose: opts.verbose ?? false,
    style: opts.style,
    stdout: { write: (t) => stdout.push(t) },
    stderr: { write: (t) => stderr.push(t) },
  });
  return Object.assign(io, { stdout, stderr });
}
