import { existsSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { generatedSource } from "../../src/precompiled/generate.js";
import { generatedFile, setUsePrecompiled, validatorsOf } from "../../src/precompiled/load.js";
import {
  ASL_SET,
  MANIFEST_SET,
  MODEL_SCRIPT_SET,
  OPENAPI_SET,
  VALIDATOR_SETS,
  type ValidatorSet,
} from "../../src/precompiled/validator-sets.js";

afterEach(() => setUsePrecompiled(true));

describe("validators generated at build time (dist/generated/)", () => {
  it.each(VALIDATOR_SETS.map((s) => [s.name, s] as const))(
    "%s: the built file is exactly what the current schemas and options generate",
    (_name, set) => {
      const file = generatedFile(set);
      expect(existsSync(file), `${file} is missing: run npm run build`).toBe(true);
      expect(readFileSync(file, "utf8") === generatedSource(set), `${file} is stale: run npm run build`).toBe(
        true,
      );
    },
  );

  it("are the ones used when fresh", () => {
    for (const set of VALIDATOR_SETS) expect(validatorsOf(set).precompiled).toBe(true);
    setUsePrecompiled(false);
    for (const set of VALIDATOR_SETS) expect(validatorsOf(set).precompiled).toBe(false);
  });

  const cases: [string, ValidatorSet, string, unknown][] = [
    [
      "agent manifest",
      MANIFEST_SET,
      "agent",
      {
        name: "bad name",
        model: "",
        instruction: "short",
        idleSessionTTL: 5,
        actionGroups: [{ name: "x", executor: { lambda: 3 }, extra: true }],
        aliases: ["ok", 7],
        nope: 1,
      },
    ],
    ["project file", MANIFEST_SET, "project", { name: 3, region: "mars", workflows: [{ template: 1 }] }],
    ["model script", MODEL_SCRIPT_SET, "script", { rules: [{ match: 1, call: { actionGroup: [] } }], x: 1 }],
    ["ASL Task Resource", ASL_SET, "Task/0/Resource", 42],
    ["ASL Task TimeoutSeconds", ASL_SET, "Task/0/TimeoutSeconds", -1],
    ["ASL Wait Timestamp (date-time format)", ASL_SET, "Wait/0/Timestamp", "2024-13-01 10:00"],
    ["ASL Pass InputPath (asl_path format)", ASL_SET, "Pass/0/InputPath", "order"],
    ["ASL JSONata Task Arguments", ASL_SET, "Task/1/Arguments", 12],
    [
      "OpenAPI 3.0",
      OPENAPI_SET,
      "v3.0",
      { openapi: "3.0.0", info: { title: 1 }, paths: { "/x": { get: { responses: { 200: { nope: 1 } } } } } },
    ],
  ];

  it.each(cases)(
    "%s: generated code reports exactly the errors ajv compiled at run time reports",
    (_n, set, id, value) => {
      const generated = validatorsOf(set).get(id);
      expect(generated).not.toBeNull();
      expect(generated?.(value)).toBe(false);
      const generatedErrors = generated?.errors;
      setUsePrecompiled(false);
      const compiled = validatorsOf(set).get(id);
      expect(compiled?.(value)).toBe(false);
      expect(generatedErrors?.length).toBeGreaterThan(0);
      expect(generatedErrors).toEqual(compiled?.errors);
    },
  );

  it("a field asl-validator has no schema for has no validator either way", () => {
    expect(validatorsOf(ASL_SET).get("Task/0/NoSuchField")).toBeNull();
    setUsePrecompiled(false);
    expect(validatorsOf(ASL_SET).get("Task/0/NoSuchField")).toBeNull();
  });
});
