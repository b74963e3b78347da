/**
 * The local handler modules of a manifest's action groups, imported on first use. Handlers are
 * the same files that deploy to Lambda (TypeScript runs through Node's type stripping); each
 * exports `handler(event)`.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { FailedError } from "../../errors.js";
import type { AgentManifest } from "../../manifest/types.js";
import type { ActionHandler } from "./return-control.js";

export function manifestHandlers(
  manifest: AgentManifest,
  manifestFile: string,
): (group: string) => Promise<ActionHandler | undefined> {
  const loaded = new Map<string, Promise<ActionHandler | undefined>>();
  return (group) => {
    const entry = manifest.actionGroups?.find((g) => g.name === group);
    if (!entry?.handler) return Promise.resolve(undefined);
    const file = path.resolve(path.dirname(manifestFile), entry.handler);
    let pending = loaded.get(file);
    if (!pending) {
      pending = importHandler(file, group);
      loaded.set(file, pending);
    }
    return pending;
  };
}

async function importHandler(file: string, group: string): Promise<ActionHandler> {
  let mod: { handler?: unknown; default?: { handler?: unknown } };
  try {
    mod = (await import(pathToFileURL(file).href)) as typeof mod;
  } catch (err) {
    throw new FailedError(
      `Could not load the handler of action group ${group} (${file}): ${(err as Error).message}`,
      "Run `agentctl validate` to check the handler module.",
    );
  }
  const fn = mod.handler ?? mod.default?.handler;
  if (typeof fn !== "function") {
    throw new FailedError(
      `The handler module of action group ${group} (${file}) exports no handler function.`,
    );
  }
  return fn as ActionHandler;
}
