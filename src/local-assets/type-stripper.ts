/**
 * Node's own TypeScript transform (`module.stripTypeScriptTypes`, Node 22.13+), found once:
 * the handler syntax check parses with it and deploy packages handlers with it.
 */
import * as nodeModule from "node:module";
import { withoutExperimentalWarning } from "../node-warnings.js";

type Strip = (code: string, options?: { mode?: "strip" | "transform" }) => string;

/** Undefined on a Node without it. */
export function typeStripper(): ((source: string) => string) | undefined {
  const candidate = (nodeModule as unknown as { stripTypeScriptTypes?: unknown }).stripTypeScriptTypes;
  if (typeof candidate !== "function") return undefined;
  const strip = candidate as Strip;
  // "transform" also handles TypeScript-only syntax (enums, namespaces) that "strip" refuses.
  return (source) =>
    withoutExperimentalWarning("stripTypeScriptTypes", () => strip(source, { mode: "transform" }));
}
