import { validationError } from "../aws-error.js";
import type { OperationInput } from "./context.js";
import { optionalArray, optionalObject, optionalString } from "./input.js";

/**
 * The parser-Lambda rule of PromptOverrideConfiguration (§2, [M] model documentation): `overrideLambda`
 * "requires at least one parserMode OVERRIDDEN", and a `parserMode: OVERRIDDEN` prompt "must" have
 * `overrideLambda`. Cross-field, so request validation (shape rules only) leaves it to CreateAgent /
 * UpdateAgent. AWS's wording is not captured; the message names both fields and the fix.
 */
export function checkPromptOverride(input: OperationInput): void {
  const override = optionalObject(input, "promptOverrideConfiguration");
  if (!override) return;
  const lambda = optionalString(override, "overrideLambda");
  const configurations = optionalArray<Record<string, unknown>>(override, "promptConfigurations") ?? [];
  const overridden = configurations
    .map((c, i) => ({ index: i + 1, mode: c?.parserMode, type: c?.promptType }))
    .filter((c) => c.mode === "OVERRIDDEN");
  if (lambda !== undefined && overridden.length === 0) {
    throw validationError(
      "promptOverrideConfiguration.overrideLambda is set, but no prompt configuration has parserMode OVERRIDDEN, so the parser Lambda would never run. Set parserMode to OVERRIDDEN on the prompt(s) it should parse, or remove overrideLambda.",
      [
        {
          name: "promptOverrideConfiguration.overrideLambda",
          message: "Requires at least one promptConfigurations member with parserMode OVERRIDDEN",
        },
      ],
    );
  }
  if (lambda === undefined && overridden.length > 0) {
    throw validationError(
      `promptOverrideConfiguration has parserMode OVERRIDDEN (${overridden.map((c) => String(c.type ?? `prompt ${c.index}`)).join(", ")}) but no overrideLambda to parse with. Set overrideLambda to the parser Lambda's ARN, or set parserMode to DEFAULT.`,
      overridden.map((c) => ({
        name: `promptOverrideConfiguration.promptConfigurations.${c.index}.member.parserMode`,
        message: "OVERRIDDEN requires promptOverrideConfiguration.overrideLambda",
      })),
    );
  }
}
