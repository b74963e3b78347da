/**
 * The bootstrap each function's worker thread runs (a CommonJS script given
 * with `eval: true`, so it works the same from `src/` under a TS loader and
 * from `dist/`). It plays the part of Lambda's Node.js runtime interface
 * client: resolves `Handler` (`dir/file.export[.nested]`, trying the file as
 * is, then .js, .mjs, .cjs — the order of aws-lambda-nodejs-runtime-interface-client),
 * imports it once per worker (module state survives between invocations, like
 * a warm execution environment), calls it with (event, context, callback),
 * captures console output in Lambda's text log format, and reports the result
 * or the error the way the runtime serialises it: `{errorType, errorMessage, trace}`.
 */
export const WORKER_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const util = require("node:util");
const { pathToFileURL } = require("node:url");
const nodeModule = require("node:module");

// The runtime provides the AWS SDK v3: resolve @aws-sdk/* and @smithy/* from agentctl's own
// node_modules when the function's zip does not bundle them.
if (typeof nodeModule.registerHooks === "function" && workerData.sdkParentUrl) {
  nodeModule.registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (err) {
        if (/^@(aws-sdk|smithy)\//.test(specifier))
          return nextResolve(specifier, { ...context, parentURL: workerData.sdkParentUrl });
        throw err;
      }
    },
  });
}

let current;
const LEVELS = { log: "INFO", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG", trace: "TRACE" };
for (const [method, level] of Object.entries(LEVELS)) {
  console[method] = (...args) => {
    const line = new Date().toISOString() + "\t" + (current ? current.requestId : "undefined") + "\t" + level + "\t" + util.format(...args) + "\n";
    if (current) current.logs.push(line);
  };
}

class RuntimeError extends Error {
  constructor(errorType, message) {
    super(message);
    this.errorType = errorType;
  }
}

function serialise(err) {
  if (err instanceof RuntimeError) return { errorType: err.errorType, errorMessage: err.message, trace: [] };
  if (err instanceof Error)
    return { errorType: err.name || "Error", errorMessage: err.message, trace: String(err.stack || "").split("\n") };
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

async function loadHandler() {
  const spec = workerData.handler;
  const slash = spec.lastIndexOf("/");
  const leaf = spec.slice(slash + 1);
  const dot = leaf.indexOf(".");
  if (dot <= 0 || dot === leaf.length - 1) throw new RuntimeError("Runtime.MalformedHandlerName", "Bad handler " + spec);
  const moduleName = spec.slice(0, slash + 1) + leaf.slice(0, dot);
  const exportPath = leaf.slice(dot + 1).split(".");
  const base = path.resolve(workerData.taskRoot, moduleName);
  const file = ["", ".js", ".mjs", ".cjs"].map((ext) => base + ext).find((f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  });
  if (!file)
    throw new RuntimeError("Runtime.ImportModuleError", "Error: Cannot find module '" + moduleName + "'\nRequire stack:\n- /var/runtime/index.mjs");
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    if (err instanceof SyntaxError) throw new RuntimeError("Runtime.UserCodeSyntaxError", err.name + ": " + err.message);
    throw err;
  }
  let fn = mod;
  for (const key of exportPath) fn = fn == null ? undefined : fn[key];
  // A CommonJS module imported as ESM puts module.exports on default.
  if (typeof fn !== "function" && mod && mod.default) {
    fn = mod.default;
    for (const key of exportPath) fn = fn == null ? undefined : fn[key];
  }
  if (typeof fn !== "function")
    throw new RuntimeError("Runtime.HandlerNotFound", moduleName + "." + exportPath.join(".") + " is undefined or not exported");
  return fn;
}

let handlerPromise;

parentPort.on("message", async (message) => {
  const { requestId, event, context: base, deadline } = message;
  current = { requestId, logs: [] };
  const context = {
    ...base,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    handlerPromise ??= loadHandler();
    const fn = await handlerPromise;
    const value = await new Promise((resolve, reject) => {
      const callback = (err, result) => (err ? reject(err) : resolve(result));
      let returned;
      try {
        returned = fn(JSON.parse(event), context, callback);
      } catch (err) {
        reject(err);
        return;
      }
      if (returned && typeof returned.then === "function") returned.then(resolve, reject);
      else if (fn.length < 3) resolve(returned);
    });
    const payload = JSON.stringify(value === undefined ? null : value);
    parentPort.postMessage({ requestId, ok: true, payload, logs: current.logs });
  } catch (err) {
    parentPort.postMessage({ requestId, ok: false, error: serialise(err), logs: current.logs, fatal: err instanceof RuntimeError });
  } finally {
    current = undefined;
  }
});
`;
