/**
 * Libraries only some work needs, loaded by the first caller that does: a deploy with nothing
 * to package never loads fflate, and the emulator (started by every command that talks to it)
 * loads yaml, fflate and jsonpath-plus only when a model script, a zip or a JSONPath comes its
 * way: ~40 ms of start-up otherwise. CommonJS through require keeps the callers synchronous.
 */
import { createRequire } from "node:module";
import type * as Fflate from "fflate";
import type Jsonata from "jsonata";
import type * as JsonPathPlus from "jsonpath-plus";
import type * as Yaml from "yaml";

/** asl-validator's default export (CommonJS): the definition and options in, a verdict out. */
export type AslValidator = (
  definition: unknown,
  opts?: { checkPaths?: boolean; checkArn?: boolean },
) => {
  isValid: boolean;
  errors: { "Error code": string; Message: string; schemaError?: { instancePath?: string } }[];
};

const require = createRequire(import.meta.url);
const once = <T>(id: string): (() => T) => {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(id) as T;
    return loaded;
  };
};

export const yaml = once<typeof Yaml>("yaml");
export const fflate = once<typeof Fflate>("fflate");
export const jsonPathPlus = once<typeof JsonPathPlus>("jsonpath-plus");
/** Most emulator processes (a no-op deploy, an invoke) never evaluate JSONata. */
export const jsonata = once<typeof Jsonata>("jsonata");
/** Builds full ajv and compiles its schemas: only for a process that creates a state machine. */
export const aslValidator = once<AslValidator>("asl-validator");
