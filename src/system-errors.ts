/**
 * File-system and OS errors (ENOTDIR, EACCES, …) are about the user's paths or
 * machine, not bugs in agentctl: say which path and what is wrong with it.
 */
import { AgentctlError, ExitCode } from "./errors.js";

const DESCRIPTIONS: Record<string, string> = {
  ENOENT: "it does not exist",
  ENOTDIR: "a part of the path is a file, not a directory",
  EISDIR: "it is a directory",
  EEXIST: "it already exists",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "it is a loop of symbolic links",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EMFILE: "too many open files",
};

/** Bad paths are invalid input; permissions are the user's to grant; the rest simply failed. */
function exitCodeFor(code: string): ExitCode {
  if (["EACCES", "EPERM", "EROFS"].includes(code)) return ExitCode.NotConfigured;
  if (["ENOENT", "ENOTDIR", "EISDIR", "EEXIST", "ENAMETOOLONG", "ELOOP"].includes(code))
    return ExitCode.InvalidInput;
  return ExitCode.Failed;
}

interface SystemError {
  code: string;
  syscall?: string;
  path?: string;
  message: string;
}

function isSystemError(err: unknown): err is SystemError {
  if (typeof err !== "object" || err === null) return false;
  const { code, syscall } = err as { code?: unknown; syscall?: unknown };
  return typeof code === "string" && /^E[A-Z]+$/.test(code) && typeof syscall === "string";
}

export function fromSystemError(err: unknown): AgentctlError | undefined {
  if (!isSystemError(err)) return undefined;
  const what = DESCRIPTIONS[err.code] ?? err.code;
  const where = err.path ? ` ${err.path}` : "";
  return new AgentctlError(`Cannot ${err.syscall}${where}: ${what} (${err.code}).`, {
    exitCode: exitCodeFor(err.code),
    source: "user",
    cause: err,
  });
}
