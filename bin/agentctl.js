#!/usr/bin/env node
// Tiny launcher: everything, including error-to-exit-code mapping, lives in dist/main.js.
import { run } from "../dist/main.js";

process.exitCode = await run(process.argv.slice(2));
