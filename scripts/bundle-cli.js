// Part of `npm run build`, after tsc: bundles agentctl's own modules (dist/**/*.js) into a few
// files in dist/bundle/, which bin/agentctl.js runs. Node resolves, reads and links every module
// of an import graph one by one; the CLI's ~150 small modules cost it ~120 ms a run, the bundle a
// fraction of that. Packages stay external (resolved from node_modules as usual; yaml is the
// exception, below), and every lazy `import()` stays a chunk of its own, so `agentctl --help`
// still loads neither the SDK nor YAML.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "dist/bundle");

/**
 * Relative and absolute ids are agentctl's own modules; bare ones are packages or node: builtins,
 * left to node_modules, except `yaml`: its CommonJS build is 72 modules that every command
 * reading a manifest loads one by one (~20 ms); bundled, it is one chunk.
 */
const isPackage = (id) => !id.startsWith(".") && !path.isAbsolute(id) && id !== "yaml";

/**
 * What src/build-id.ts reports: a hash of the code being bundled, the generated validators, the
 * schemas and the package version, so results one build recorded (source/verdict-cache.ts) are
 * never taken for another's.
 */
function buildId() {
  const hash = createHash("sha256");
  const files = [
    ...readdirSync(path.join(root, "dist"), { recursive: true })
      .filter((f) => /\.(c?js)$/.test(f) && !f.startsWith(`bundle${path.sep}`))
      .map((f) => path.join(root, "dist", f)),
    ...readdirSync(path.join(root, "schemas")).map((f) => path.join(root, "schemas", f)),
    path.join(root, "package.json"),
  ].sort();
  for (const file of files) hash.update(`${path.relative(root, file)}\u0000`).update(readFileSync(file));
  return hash.digest("hex").slice(0, 32);
}

rmSync(outDir, { recursive: true, force: true });
await build({
  input: {
    main: path.join(root, "dist/main.js"),
    // The thread a command's own emulator runs on (src/core/local/emulator-thread.ts).
    "emulator-worker": path.join(root, "dist/core/local/emulator-worker.js"),
  },
  platform: "node",
  external: isPackage,
  transform: { define: { __AGENTCTL_BUILD_ID__: JSON.stringify(buildId()) } },
  logLevel: "warn",
  output: {
    dir: outDir,
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
    sourcemap: true,
  },
});
