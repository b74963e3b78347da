/**
 * The validators of a set, from the code the build generated (dist/generated/<set>.cjs) when it
 * is there and was built from the current schemas and options, else compiled here on first use
 * from the same description (a checkout whose schemas changed since the last build stays right,
 * only slower). Generated code is CommonJS so it loads synchronously, like `ajv.compile`.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Ajv, ValidateFunction } from "ajv";
import { packageFile } from "../package-root.js";
import { fingerprint } from "./fingerprint.js";
import type { ValidatorSet } from "./validator-sets.js";

export const GENERATED_DIR = packageFile("dist/generated/");

export interface GeneratedModule {
  fingerprint: string;
  create(formats: Readonly<Record<string, (value: string) => boolean>>): Record<string, ValidateFunction>;
}

export interface Validators {
  /** The validator by that id, or null when the set has none. */
  get(id: string): ValidateFunction | null;
  /** Whether the validators come from generated code. */
  readonly precompiled: boolean;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Validators>();
let usePrecompiled = true;

/** For the benchmark and the equivalence tests: compile at run time even when generated code is fresh. */
export function setUsePrecompiled(value: boolean): void {
  usePrecompiled = value;
  loaded.clear();
}

export function generatedFile(set: ValidatorSet): string {
  return fileURLToPath(new URL(`${set.name}.cjs`, GENERATED_DIR));
}

export function validatorsOf(set: ValidatorSet): Validators {
  let validators = loaded.get(set.name);
  if (!validators) {
    validators = (usePrecompiled && fromGeneratedCode(set)) || compiledOnDemand(set);
    loaded.set(set.name, validators);
  }
  return validators;
}

function fromGeneratedCode(set: ValidatorSet): Validators | undefined {
  let mod: GeneratedModule;
  try {
    mod = require(generatedFile(set)) as GeneratedModule;
  } catch {
    return undefined; // not built (a test run straight from src/): compile instead
  }
  if (mod.fingerprint !== fingerprint(set)) return undefined;
  const functions = mod.create(set.formats ?? {});
  return { precompiled: true, get: (id) => (Object.hasOwn(functions, id) ? (functions[id] ?? null) : null) };
}

function compiledOnDemand(set: ValidatorSet): Validators {
  let ajv: Ajv | undefined;
  const functions = new Map<string, ValidateFunction | null>();
  return {
    precompiled: false,
    get(id) {
      let validate = functions.get(id);
      if (validate === undefined) {
        const schema = set.schemaFor(id);
        ajv ??= set.createAjv();
        validate = schema === undefined ? null : ajv.compile(schema);
        functions.set(id, validate);
      }
      return validate;
    },
  };
}
