#!/usr/bin/env node
// Tiny launcher: everything, including error-to-exit-code mapping, lives in dist/main.js.

// Node 22 flags node:sqlite (the emulator's store) as experimental and says so on
// every run; users cannot act on that, so that one warning is dropped. Node 24 is quiet.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  if (String(warning).startsWith("SQLite is an experimental feature")) return;
  return emitWarning.call(process, warning, ...rest);
};

const { run } = await import("../dist/main.js");
process.exitCode = await run(process.argv.slice(2));
