/**
 * Imports an action-group handler module the way Lambda's Node.js runtime finds it: the
 * `handler` export (or `default.handler`). TypeScript files run through Node's type
 * stripping. Shared by `invoke`'s return of control and the emulator runtime's local
 * handler table; each wraps the thrown Error in its own terms.
 */
import { pathToFileURL } from "node:url";

export type HandlerFunction = (event: unknown, context?: unknown) => unknown;

export async function importHandler(file: string): Promise<HandlerFunction> {
  const mod = (await import(pathToFileURL(file).href)) as {
    handler?: unknown;
    default?: { handler?: unknown };
  };
  const handler = mod.handler ?? mod.default?.handler;
  if (typeof handler !== "function") throw new Error(`${file} does not export a function named handler`);
  return handler as HandlerFunction;
}
