/**
 * Handler syntax checks on a worker thread. The only parser Node ships (stripTypeScriptTypes)
 * spends ~50 ms instantiating its WebAssembly on first use; on a worker that happens while
 * `validate` does everything else, instead of in line. The worker starts parsing at once
 * (warming the parser) and answers `{ id, source }` with `{ id, problem }`. Where a worker
 * cannot be used (running from src/ under a test runner, or it fails) the check runs in line,
 * with the same result.
 */
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { findSyntaxError, type SyntaxProblem } from "./syntax-check.js";

interface Request {
  id: number;
  source: string;
}
interface Answer {
  id: number;
  problem: SyntaxProblem | undefined;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  findSyntaxError("");
  port.on("message", ({ id, source }: Request) => {
    port.postMessage({ id, problem: findSyntaxError(source) } satisfies Answer);
  });
}

let worker: Worker | null | undefined;
let nextId = 0;
const pending = new Map<number, { source: string; resolve: (p: SyntaxProblem | undefined) => void }>();

/** Compiled JavaScript runs on a worker; TypeScript sources (a test runner) do not. */
const WORKER_URL = import.meta.url.endsWith(".js") ? new URL(import.meta.url) : undefined;

function syntaxWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (!WORKER_URL) return null;
  try {
    worker = new Worker(WORKER_URL);
  } catch {
    return null;
  }
  worker.unref();
  worker.on("message", ({ id, problem }: Answer) => {
    pending.get(id)?.resolve(problem);
    pending.delete(id);
    if (pending.size === 0) worker?.unref();
  });
  // A worker that dies answers nothing more: finish its requests here and stop using it.
  const fail = () => {
    worker = null;
    for (const { source, resolve } of pending.values()) resolve(findSyntaxError(source));
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", fail);
  return worker;
}

/** Starts the parser on its thread ahead of the first check. */
export function warmSyntaxChecker(): void {
  syntaxWorker();
}

/** findSyntaxError, answered by the worker thread when there is one. */
export function findSyntaxErrorOffThread(source: string): Promise<SyntaxProblem | undefined> {
  const w = syntaxWorker();
  if (!w) return Promise.resolve(findSyntaxError(source));
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { source, resolve });
    w.ref();
    w.postMessage({ id, source } satisfies Request);
  });
}
