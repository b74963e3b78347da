/**
 * The JSON Schemas shipped in `schemas/`. They are the authority on what a manifest may contain;
 * editors read the same files through `# yaml-language-server: $schema=…` or `agentctl schema`.
 */
import { readFileSync } from "node:fs";
import { packageFile } from "../package-root.js";

export type SchemaKind = "agent" | "project";
export const SCHEMA_KINDS: readonly SchemaKind[] = ["agent", "project"];

const cache = new Map<SchemaKind, Record<string, unknown>>();

export function schemaUrl(kind: SchemaKind): URL {
  return packageFile(`schemas/${kind}.schema.json`);
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
