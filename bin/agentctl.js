#!/usr/bin/env node
// Tiny launcher: everything, including error-to-exit-code mapping, lives in src/main.ts, which
// the build bundles into dist/bundle/main.js (scripts/bundle-cli.js says why).
// Node's on-disk compile cache (the one tsc's launcher enables) spares re-parsing agentctl and
// its libraries in every process; it is keyed by file content, so it is never stale.
import module from "node:module";

module.enableCompileCache?.();
const { run } = await import("../dist/bundle/main.js");
process.exitCode = await run(process.argv.slice(2));
