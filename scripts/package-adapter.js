// Part of `npm run build`, after tsc: zips the workflow adapter function once
// (dist/adapter/invoke-agent-<source hash>.zip) so deploys read its package instead of
// deflating it every run (src/core/workflow/adapter-zip.ts), and drops zips of older sources.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAdapterZip, prebuiltAdapterFile } from "../dist/core/workflow/adapter-zip.js";

const file = fileURLToPath(prebuiltAdapterFile());
const dir = path.dirname(file);
for (const name of readdirSync(dir)) {
  if (/^invoke-agent-[0-9a-f]+\.zip$/.test(name) && name !== path.basename(file))
    rmSync(path.join(dir, name));
}
writeFileSync(file, buildAdapterZip());
