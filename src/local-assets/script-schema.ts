/**
 * schemas/model-script.schema.json: the authority on what a scripted-model file
 * may contain; editors read the same file through `# yaml-language-server: $schema=…`.
 */
import { readFileSync } from "node:fs";
import { packageFile } from "../package-root.js";

export const SCRIPT_SCHEMA_URL = packageFile("schemas/model-script.schema.json");

let cached: Record<string, unknown> | undefined;

/** The parsed schema, read once per process. Throws only if the installation itself is broken. */
export function readScriptSchema(): Record<string, unknown> {
  cached ??= JSON.parse(readFileSync(SCRIPT_SCHEMA_URL, "utf8")) as Record<string, unknown>;
  return cached;
}
