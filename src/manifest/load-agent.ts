/**
 * Loads one agent manifest: read, parse with positions, interpolate, check against the schema and
 * the agent rules, then normalise (bare alias names become `{ name }`). Positions always refer to
 * the raw YAML, while checks see the interpolated values.
 */
import path from "node:path";
import type { Diagnostic, Loaded, Position } from "../diagnostics.js";
import { diagnostic, hasErrors, START, sortDiagnostics } from "../diagnostics.js";
import { checkAgentRules } from "./agent-rules.js";
import { interpolateValue, withoutEchoes } from "./interpolate.js";
import { readManifestDocument } from "./read-document.js";
import { checkAgainstSchema } from "./schema-check.js";
import type { AgentManifest, InterpolationContext, Located } from "./types.js";

/** One agent file as the project loader needs it: the manifest if valid, its name either way. */
export interface AgentDocument {
  file: string;
  /** Present only when the manifest has no errors. */
  located?: Located<AgentManifest>;
  /**
   * The interpolated value, valid or not, with positions: present whenever the file is a mapping
   * that is not another kind of document. Checks of the well-formed parts of a manifest with
   * errors elsewhere start from here.
   */
  partial?: Located<unknown>;
  /** The `name` as written (after interpolation), even when the manifest has errors elsewhere. */
  name?: { value: string; at: Position };
  diagnostics: Diagnostic[];
}

export async function readAgentDocument(file: string, interp: InterpolationContext): Promise<AgentDocument> {
  const absolute = path.resolve(file);
  const read = await readManifestDocument(absolute);
  if (!read.doc) return { file: absolute, diagnostics: read.diagnostics };
  const doc = read.doc;
  const notAManifest = otherKindOfDocument(doc.value, absolute);
  if (notAManifest) return { file: absolute, diagnostics: [...read.diagnostics, notAManifest] };

  const interpolated = interpolateValue(doc.value, doc, read.source, interp);
  const value = interpolated.value;
  const diagnostics = [
    ...read.diagnostics,
    ...interpolated.diagnostics,
    ...withoutEchoes(
      [...checkAgainstSchema("agent", value, doc, interpolated), ...checkAgentRules(value, doc)],
      interpolated.failedAt,
    ),
  ];
  const rawName = (value as { name?: unknown } | null)?.name;
  // Its position is wanted only for a duplicate name; a recorded document parses again to find it.
  const name =
    typeof rawName === "string"
      ? {
          value: rawName,
          get at() {
            return doc.locate(["name"]);
          },
        }
      : undefined;
  const result: AgentDocument = { file: absolute, diagnostics: sortDiagnostics(diagnostics) };
  if (name) result.name = name;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    result.partial = { file: absolute, value, locate: doc.locate, locateKey: doc.locateKey };
  }
  if (!hasErrors(diagnostics)) {
    result.located = {
      file: absolute,
      value: normaliseAgent(value as AgentManifest),
      locate: doc.locate,
      locateKey: doc.locateKey,
    };
  }
  return result;
}

/**
 * Every YAML or JSON file in agents/ is read as a manifest, so an OpenAPI schema or a
 * state-machine template left there would drown in "unknown field" errors: say
 * once what it is and where it belongs.
 */
function otherKindOfDocument(value: unknown, file: string): Diagnostic | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const kind =
    "openapi" in value || "swagger" in value
      ? "an OpenAPI schema"
      : "States" in value
        ? "a state-machine template"
        : undefined;
  if (!kind) return undefined;
  return diagnostic(
    file,
    START,
    "error",
    "manifest/not-an-agent",
    `This file looks like ${kind}, not an agent manifest; every YAML or JSON file in the agents directory is read as an agent.`,
    kind === "an OpenAPI schema"
      ? "Move it to openapi/ and point the action group's `schema:` at it."
      : "Move it to templates/ and list it under `workflows:` in agentctl.yaml.",
  );
}

/** `value` is present only when the manifest has no errors (warnings may remain). */
export async function loadAgentManifest(
  file: string,
  interp: InterpolationContext,
): Promise<Loaded<Located<AgentManifest>>> {
  const { located, diagnostics } = await readAgentDocument(file, interp);
  return located ? { value: located, diagnostics } : { diagnostics };
}

/** Shapes the schema allows for convenience, turned into the one shape `AgentManifest` promises. */
function normaliseAgent(raw: AgentManifest): AgentManifest {
  const { $schema: _ignored, ...agent } = raw as AgentManifest & { $schema?: string };
  const aliases = agent.aliases as (string | { name: string; description?: string })[] | undefined;
  if (aliases) agent.aliases = aliases.map((a) => (typeof a === "string" ? { name: a } : a));
  // YAML reads `version: 1` as a number; Bedrock wants the string.
  if (agent.guardrail) agent.guardrail = { ...agent.guardrail, version: String(agent.guardrail.version) };
  return agent;
}
