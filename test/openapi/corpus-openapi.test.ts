/**
 * Every OpenAPI document public samples ship as a Bedrock action-group schema must get a
 * clear verdict without a crash; known quirks get their known verdict.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { OpenApiResult } from "../../src/openapi/index.js";
import { validateOpenApiFile } from "../../src/openapi/index.js";
import { where } from "./helpers.js";

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus/openapi");
const present = existsSync(corpus);
if (!present) console.warn(`Skipping the OpenAPI corpus tests: ${corpus} is absent.`);

/** Shape of a real name (11 characters): tool names stay well within 64 for every sample. */
const GROUP = "ActionGroup";

/** Samples with nothing to report at all. */
const CLEAN = [
  "insurance_claims_agent_openapi_schema.json",
  "BillingAgent_OpenAPI.json",
  "calendar-action-group.json",
  "security-log-summarizer__infrastructure__openapi_schema.yaml",
  "bulk-enable-disable-controls__OpenAPI-schema.json",
  "find-all-relevant-controls__OpenAPI-schema.json",
  "api-schema-data-analyst-assistant-postgresql-v1.json",
  "internet-search-schema.json",
  "lj-resorts__stateful__schema__api-schema.json",
];

describe.skipIf(!present)("OpenAPI corpus", () => {
  const results = new Map<string, OpenApiResult>();
  const resultFor = (suffix: string): OpenApiResult => {
    const key = [...results.keys()].find((name) => name.endsWith(suffix));
    if (!key) throw new Error(`no corpus file ending in ${suffix}`);
    return results.get(key) as OpenApiResult;
  };

  beforeAll(async () => {
    for (const name of readdirSync(corpus).sort()) {
      results.set(name, await validateOpenApiFile(path.join(corpus, name), { actionGroupName: GROUP }));
    }
  });

  it("gives every file a verdict without throwing, and prints it", () => {
    expect(results.size).toBe(readdirSync(corpus).length);
    for (const [name, result] of results) {
      expect(Array.isArray(result.diagnostics)).toBe(true);
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      const warnings = result.diagnostics.length - errors.length;
      const verdict = errors.length > 0 ? "REJECTED" : warnings > 0 ? "ok with warnings" : "clean";
      const detail = [...new Set(result.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`))].join(
        ", ",
      );
      console.log(
        `[corpus/openapi] ${name.slice(-60)}: ${verdict}; ${result.operations.length} ops, ${errors.length} errors, ${warnings} warnings${detail ? ` — ${detail}` : ""}`,
      );
    }
  });

  it("finds nothing to report in the clean samples", () => {
    for (const suffix of CLEAN) expect(resultFor(suffix).diagnostics, suffix).toEqual([]);
  });

  it("refuses the duplicate operationId of yfin etf_service.json, at the second use", () => {
    const result = resultFor("etf_service.json");
    expect(where(result, "openapi/operation-id-duplicate")).toEqual(["67:32 error"]);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toHaveLength(1);
    expect(result.operations).toHaveLength(4);
  });

  it("refuses the operation without operationId of bedrock-agents-infer-models", () => {
    const result = resultFor("bedrock-agents-infer-models__api-schema.json");
    expect(where(result, "openapi/operation-id-missing")).toEqual(["10:7 error"]);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toHaveLength(1);
  });

  it("reads the YAML inside internet-search-schema.json", () => {
    const result = resultFor("internet-search-schema.json");
    expect(result.operations.map((o) => `${o.method} ${o.path} ${o.operationId}`)).toEqual([
      "POST /search conductInternetSearch",
    ]);
    expect(result.operations[0]?.requestBody?.content["application/json"]?.properties).toEqual([
      {
        name: "query",
        type: "string",
        required: true,
        description: "The search query text provided by the user.",
      },
      {
        name: "depth",
        type: "integer",
        required: false,
        description: "The maximum search depth to limit the results.",
      },
    ]);
  });

  it("carries x-requireConfirmation of the insurance-claims sample", () => {
    const ops = resultFor("insurance_claims_agent_openapi_schema.json").operations;
    expect(ops.filter((o) => o.requireConfirmation).map((o) => o.operationId)).toEqual(["sendReminder"]);
  });

  it("only warns about anyOf and schema-less responses in Powertools-generated samples", () => {
    for (const suffix of [
      "AWSArtifactAgent__schema__openapi_schema.json",
      "GeolocationAgent__schema__openapi_schema.json",
      "sector_service.json",
    ]) {
      const result = resultFor(suffix);
      expect(
        result.diagnostics.filter((d) => d.severity === "error"),
        suffix,
      ).toEqual([]);
      expect(where(result, "openapi/schema-composition").length, suffix).toBeGreaterThan(0);
    }
    expect(where(resultFor("sector_service.json"), "openapi/response-schema-missing")).toEqual([
      "32:29 warning",
      "68:29 warning",
    ]);
  });
});
