import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ValidatorSet } from "./validator-sets.js";

/**
 * What a set's validators are built from: its options, format names and input files (by name
 * and content, not location, so an installation anywhere gives the same answer). Generated code
 * records the fingerprint it was built with; a different one means the code is stale.
 */
export function fingerprint(set: ValidatorSet): string {
  const hash = createHash("sha256");
  hash.update(
    JSON.stringify({ name: set.name, options: set.options, formats: Object.keys(set.formats ?? {}) }),
  );
  for (const file of set.inputs()) {
    hash.update(`\u0000${path.basename(file)}\u0000`);
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}
