// Part of `npm run build` (and `prepare`), after tsc: writes dist/generated/<set>.cjs, the
// JSON-Schema validators compiled once with ajv's standalone code generation (src/precompiled/).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatedSource } from "../dist/precompiled/generate.js";
import { generatedFile } from "../dist/precompiled/load.js";
import { VALIDATOR_SETS } from "../dist/precompiled/validator-sets.js";

for (const set of VALIDATOR_SETS) {
  const file = generatedFile(set);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, generatedSource(set));
}
