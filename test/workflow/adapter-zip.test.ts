import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { adapterCodeSha256, buildAdapterZip } from "../../src/core/workflow/index.js";
import { repoRoot } from "../helpers/run-cli.js";

describe("buildAdapterZip", () => {
  it("packages the built adapter as index.mjs, importing nothing but node: built-ins and the Lambda runtime's SDK", () => {
    const files = unzipSync(buildAdapterZip());
    expect(Object.keys(files)).toEqual(["index.mjs"]);
    const code = new TextDecoder().decode(files["index.mjs"]);
    const built = readFileSync(path.join(repoRoot, "dist/adapter/invoke-agent.js"), "utf8");
    expect(code).toBe(built.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"));
    const imported = [...code.matchAll(/\bimport\s*(?:[^"'()]*from\s*)?\(?\s*["']([^"']+)["']/g)].map(
      (m) => m[1],
    );
    expect(new Set(imported)).toEqual(new Set(["node:crypto", "@aws-sdk/client-bedrock-agent-runtime"]));
  });

  it("unpacked, is a module Lambda can load: index.handler is a function", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "agentctl-adapter-"));
    try {
      const file = path.join(dir, "index.mjs");
      writeFileSync(file, unzipSync(buildAdapterZip())["index.mjs"] ?? "");
      const mod = (await import(pathToFileURL(file).href)) as { handler?: unknown };
      expect(typeof mod.handler).toBe("function");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives the same bytes every time, so an unchanged adapter has an unchanged CodeSha256", () => {
    expect(buildAdapterZip()).toEqual(buildAdapterZip());
    expect(adapterCodeSha256()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(adapterCodeSha256()).toBe(adapterCodeSha256(buildAdapterZip()));
  });
});
