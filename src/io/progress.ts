/**
 * Per-agent progress while deploying: one live line per agent on a terminal (ora is
 * imported here and nowhere else), plain timestamped lines otherwise (CI, pipes), and
 * nothing at all under --json, where only the result is printed.
 */
import type { Io } from "./io.js";

export interface ProgressUpdate {
  agent: string;
  message: string;
  state: "running" | "done" | "failed";
}

export interface Progress {
  update(event: ProgressUpdate): void;
  /** Stops live lines (call before printing the result). */
  stop(): void;
}

export async function createProgress(
  io: Io,
  opts: { tty: boolean; stream: NodeJS.WritableStream },
): Promise<Progress> {
  if (io.json) return { update() {}, stop() {} };
  if (!opts.tty) {
    return {
      update(e) {
        io.info(`${new Date().toISOString()} ${e.agent}: ${e.message}`);
      },
      stop() {},
    };
  }
  const { default: ora } = await import("ora");
  const spinners = new Map<string, ReturnType<typeof ora>>();
  return {
    update(e) {
      let spinner = spinners.get(e.agent);
      const text = `${e.agent}: ${e.message}`;
      if (!spinner) {
        spinner = ora({ text, stream: opts.stream, discardStdin: false }).start();
        spinners.set(e.agent, spinner);
      }
      if (e.state === "done") spinner.succeed(text);
      else if (e.state === "failed") spinner.fail(text);
      else spinner.text = text;
    },
    stop() {
      for (const s of spinners.values()) if (s.isSpinning) s.stop();
    },
  };
}
