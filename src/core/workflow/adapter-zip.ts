/**
 * The adapter function's deployment package: dist/adapter/invoke-agent.js (compiled from
 * src/adapter/invoke-agent.ts, which imports only the SDK the Lambda Node.js runtime provides)
 * as `index.mjs` in a zip made with fflate, so its handler is `index.handler`. The bytes are
 * the same for the same code (fixed timestamps), so deploy can compare CodeSha256 and skip an
 * unchanged function.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fflate } from "../../lazy-libraries.js";
import { packageFile } from "../../package-root.js";

export const ADAPTER_HANDLER = "index.handler";
export const ADAPTER_RUNTIME = "nodejs22.x";

const ADAPTER_JS = packageFile("dist/adapter/invoke-agent.js");
/** The zip format's earliest date; any constant would do. */
const FIXED_TIME = new Date(1980, 0, 1);

export function adapterSource(): string {
  let code: string;
  try {
    code = readFileSync(ADAPTER_JS, "utf8");
  } catch (e) {
    throw new Error(
      `The adapter function is not built (${fileURLToPath(ADAPTER_JS)}: ${(e as NodeJS.ErrnoException).code}); run npm run build.`,
    );
  }
  return code.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
}

export function buildAdapterZip(): Uint8Array {
  const { strToU8, zipSync } = fflate();
  return zipSync({ "index.mjs": [strToU8(adapterSource()), { mtime: FIXED_TIME }] }, { level: 9 });
}

/**
 * Where the build leaves the zip of this adapter source (scripts/package-adapter.js): named by
 * the source's hash, so a zip is only ever used for the code it was made from.
 */
export function prebuiltAdapterFile(source: string = adapterSource()): URL {
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 16);
  return packageFile(`dist/adapter/invoke-agent-${hash}.zip`);
}

let adapterZip: Uint8Array | undefined;

/**
 * The package deploy compares and uploads: the build's zip when it matches the source (reading
 * it spares every deploy loading fflate and deflating, ~30 ms), else built here, the same bytes.
 */
export function adapterPackage(): Uint8Array {
  adapterZip ??= readPrebuilt() ?? buildAdapterZip();
  return adapterZip;
}

function readPrebuilt(): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(prebuiltAdapterFile()));
  } catch {
    return undefined;
  }
}

/** What Lambda reports as CodeSha256 for this package. */
export function adapterCodeSha256(zip: Uint8Array = adapterPackage()): string {
  return createHash("sha256").update(zip).digest("base64");
}
