/**
 * Checks of the files the local emulator runs: action-group handler modules and
 * scripted-model files. Each returns positioned diagnostics and never throws.
 */
export { checkHandlerFile, exportsHandler, HANDLER_EXTENSIONS } from "./handler-check.js";
export { checkModelScript, type ModelScriptContext } from "./model-script.js";
export { SCRIPT_SCHEMA_URL } from "./script-schema.js";
