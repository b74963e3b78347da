/**
 * The local handler modules of a manifest's action groups, imported on first use. Handlers are
 * the same files that deploy to Lambda (TypeScript runs through Node's type stripping); each
 * exports `handler(event)`.
 */
import path from "node:path";
import { FailedError } from "../../errors.js";
import { importHandler } from "../../local-assets/import-handler.js";
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
      pending = loadGroupHandler(file, group);
      loaded.set(file, pending);
    }
    return pending;
  };
}

async function loadGroupHandler(file: string, group: string): Promise<ActionHandler> {
  try {
    return (await importHandler(file)) as ActionHandler;
  } catch (err) {
    const message = (err as Error).message;
    throw new FailedError(
      /does not export a function named handler$/.test(message)
        ? `The handler module of action group ${group} (${file}) exports no handler function.`
        : `Could not load the handler of action group ${group} (${file}): ${message}`,
      "Run `agentctl validate` to check the handler module.",
    );
  }
}
