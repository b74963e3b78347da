import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, spawnCli } from "../helpers/run-cli.js";

const built = existsSync(path.join(repoRoot, "dist/generated/manifest.cjs"));

describe("agentctl validate on the sample (built CLI)", () => {
  it.skipIf(!built)("loads no JSON-Schema compiler, no swagger-parser entry point and no AWS SDK", () => {
    const record = path.join(mkdtempSync(path.join(os.tmpdir(), "agentctl-imports-")), "imports.json");
    const r = spawnCli(["validate"], {
      env: { RECORD_LOADS_FILE: record },
      nodeArgs: ["--import", path.join(repoRoot, "test/fixtures/record-loads.mjs")],
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const imports = JSON.parse(readFileSync(record, "utf8")) as string[];
    // The generated validators and the ajv runtime helpers they need are loaded…
    expect(imports.some((u) => u.endsWith("/dist/generated/manifest.cjs"))).toBe(true);
    expect(imports.some((u) => u.includes("/ajv/dist/runtime/"))).toBe(true);
    // …but never ajv's compiler, swagger-parser's entry (which compiles the OpenAPI schema) or the SDK.
    const heavy = imports.filter((u) =>
      /\/ajv\/dist\/(ajv|core|compile\/)|ajv-draft-04|swagger-parser\/lib\/index|@aws-sdk/.test(u),
    );
    expect(heavy).toEqual([]);
  });
});
if (!built) console.warn("skipping validate imports test: dist/ is not built (run npm run build)");
