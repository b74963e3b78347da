/** `agentctl schema [agent|project]`: print a manifest JSON Schema for editors and other tools. */
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { readManifestSchema, SCHEMA_KINDS, type SchemaKind } from "../manifest/schema-files.js";

export default async function schema(ctx: Context, args: string[]): Promise<void> {
  const kind = args[0] ?? "agent";
  if (!(SCHEMA_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`Unknown schema "${kind}".`, `Use one of: ${SCHEMA_KINDS.join(", ")}.`);
  }
  const value = readManifestSchema(kind as SchemaKind);
  ctx.io.result(value, () => JSON.stringify(value, null, 2));
}
