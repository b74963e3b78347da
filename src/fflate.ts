/**
 * fflate (zip), loaded on first use: a deploy with nothing to package never pays its ~15 ms
 * load. CommonJS through require keeps the callers synchronous.
 */
import { createRequire } from "node:module";
import type * as Fflate from "fflate";

let loaded: typeof Fflate | undefined;

export function fflate(): typeof Fflate {
  loaded ??= createRequire(import.meta.url)("fflate") as typeof Fflate;
  return loaded;
}
