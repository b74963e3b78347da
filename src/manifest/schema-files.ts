/**
 * The JSON Schemas shipped in `schemas/`. They are the authority on what a manifest may contain;
 * editors read the same files through `# yaml-language-server: $schema=…` or `agentctl schema`.
 */
import { readFileSync } from "node:fs";

export type SchemaKind = "agent" | "project";
export const SCHEMA_KINDS: readonly SchemaKind[] = ["agent", "project"];

const cache = new Map<SchemaKind, Record<string, unknown>>();

/** `../../schemas` is the package root both from `src/manifest/` (tests) and `dist/manifest/` (the CLI). */
export function schemaUrl(kind: SchemaKind): URL {
  return new URL(`../../schemas/${kind}.schema.json`, import.meta.url);
}

/** The parsed schema; read once per process. Throws only if the installation itself is broken. */
export function readManifestSchema(kind: SchemaKind): Record<string, unknown> {
  let schema = cache.get(kind);
  if (schema === undefined) {
    schema = JSON.parse(readFileSync(schemaUrl(kind), "utf8")) as Record<string, unknown>;
    cache.set(kind, schema);
  }
  return schema;
}
