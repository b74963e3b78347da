/**
 * Rules about one agent manifest that a JSON Schema cannot point at precisely: combinations of
 * fields and duplicate names. Works on the unvalidated value, so every access is defensive.
 * (Adjustable quotas are warnings from src/core/agent-quotas.ts, which also counts OpenAPI
 * operations.)
 */
import type { Diagnostic, Position, Severity } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import type { Locator } from "./schema-errors.js";
import type { PropertyPath } from "./types.js";

type Report = (at: Position, severity: Severity, code: string, message: string, hint?: string) => void;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const records = (v: unknown): [Record<string, unknown>, number][] =>
  Array.isArray(v)
    ? v.flatMap((item, i) => (isRecord(item) ? [[item, i] as [Record<string, unknown>, number]] : []))
    : [];
const has = (o: Record<string, unknown>, key: string) => o[key] !== undefined;

export function checkAgentRules(value: unknown, doc: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (!isRecord(value)) return diagnostics;
  const report: Report = (at, severity, code, message, hint) =>
    diagnostics.push(diagnostic(doc.file, at, severity, code, message, hint));

  checkActionGroups(value, doc, report);
  checkCollaborators(value, doc, report);
  checkDuplicates(records(value.knowledgeBases), ["knowledgeBases"], "id", "knowledge base", doc, report);
  // Aliases may be bare names: compare them as `{ name }` and point at the string itself.
  const aliases = Array.isArray(value.aliases) ? value.aliases : [];
  checkDuplicates(
    aliases.map((a, i) => [typeof a === "string" ? { name: a } : isRecord(a) ? a : {}, i]),
    ["aliases"],
    "name",
    "alias",
    doc,
    report,
    (i) => (typeof aliases[i] === "string" ? ["aliases", i] : ["aliases", i, "name"]),
  );
  checkTags(value, doc, report);
  checkUnresolvedArns(value, doc, report);
  return diagnostics;
}

function checkActionGroups(agent: Record<string, unknown>, doc: Locator, report: Report): void {
  const groups = records(agent.actionGroups);
  for (const [group, i] of groups) {
    const label = typeof group.name === "string" ? `Action group "${group.name}"` : `Action group ${i + 1}`;
    const hasSchema = has(group, "schema");
    const hasFunctions = has(group, "functions");
    if (hasSchema && hasFunctions) {
      report(
        doc.locateKey(["actionGroups", i, "functions"]),
        "error",
        "manifest/action-group-definition",
        `${label} sets both "schema" and "functions"; use exactly one.`,
        "An action group is defined by an OpenAPI file (schema) or by function definitions (functions), not both.",
      );
    } else if (!hasSchema && !hasFunctions) {
      report(
        doc.locate(["actionGroups", i]),
        "error",
        "manifest/action-group-definition",
        `${label} needs "schema" (an OpenAPI file) or "functions".`,
      );
    }
    // Duplicate function names are checked with the other function rules (src/openapi/function-schema.ts).
  }
  checkDuplicates(groups, ["actionGroups"], "name", "action group", doc, report);
}

function checkCollaborators(agent: Record<string, unknown>, doc: Locator, report: Report): void {
  const collaborators = records(agent.collaborators);
  for (const [c, i] of collaborators) {
    const label = typeof c.name === "string" ? `Collaborator "${c.name}"` : `Collaborator ${i + 1}`;
    if (has(c, "agent") && has(c, "aliasArn")) {
      report(
        doc.locateKey(["collaborators", i, "aliasArn"]),
        "error",
        "manifest/collaborator-target",
        `${label} sets both "agent" and "aliasArn"; use exactly one.`,
        'Use "agent" for an agent of this project, "aliasArn" for an agent deployed elsewhere.',
      );
    } else if (!has(c, "agent") && !has(c, "aliasArn")) {
      report(
        doc.locate(["collaborators", i]),
        "error",
        "manifest/collaborator-target",
        `${label} needs "agent" (an agent of this project) or "aliasArn".`,
      );
    }
    if (has(c, "alias") && !has(c, "agent")) {
      report(
        doc.locateKey(["collaborators", i, "alias"]),
        "error",
        "manifest/collaborator-target",
        `${label}: "alias" only applies together with "agent".`,
        'An "aliasArn" already names the alias.',
      );
    }
  }
  checkDuplicates(collaborators, ["collaborators"], "name", "collaborator", doc, report);

  const supervisor = agent.collaboration === "SUPERVISOR" || agent.collaboration === "SUPERVISOR_ROUTER";
  if (collaborators.length > 0 && !supervisor) {
    report(
      doc.locateKey(["collaborators"]),
      "error",
      "manifest/collaboration-disabled",
      'The agent has collaborators but "collaboration" is not SUPERVISOR or SUPERVISOR_ROUTER.',
      'Add "collaboration: SUPERVISOR" (or SUPERVISOR_ROUTER); Bedrock refuses collaborators otherwise.',
    );
  }
  if (supervisor && collaborators.length === 0) {
    report(
      doc.locate(["collaboration"]),
      "warning",
      "manifest/supervisor-without-collaborators",
      `The agent is a ${String(agent.collaboration)} but has no collaborators.`,
    );
  }
}

function checkDuplicates(
  items: [Record<string, unknown>, number][],
  listPath: PropertyPath,
  key: string,
  what: string,
  doc: Locator,
  report: Report,
  pathOf: (i: number) => PropertyPath = (i) => [...listPath, i, key],
): void {
  const first = new Map<string, number>();
  for (const [item, i] of items) {
    const name = item[key];
    if (typeof name !== "string") continue;
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, i);
      continue;
    }
    const here = doc.locate(pathOf(i));
    report(
      here,
      "error",
      "manifest/duplicate-name",
      `Duplicate ${what} ${key} "${name}" (first defined at ${describeEarlier(doc.locate(pathOf(earlier)), here)}).`,
    );
  }
}

/** "line 12", or "line 12, column 11" when both are on one line (a flow list such as `[a, b, a]`). */
export function describeEarlier(earlier: Position, here: Position): string {
  return earlier.line === here.line
    ? `line ${earlier.line}, column ${earlier.column}`
    : `line ${earlier.line}`;
}

function checkTags(agent: Record<string, unknown>, doc: Locator, report: Report): void {
  if (!isRecord(agent.tags)) return;
  for (const key of Object.keys(agent.tags)) {
    // The aws: prefix is reserved for AWS in every tagging API; not stated in the Bedrock model,
    // so refusing it here is the safe side.
    if (key.toLowerCase().startsWith("aws:")) {
      report(
        doc.locateKey(["tags", key]),
        "error",
        "manifest/reserved-tag",
        `Tag key "${key}" uses the "aws:" prefix, which is reserved for AWS.`,
      );
    }
  }
}

/**
 * The schema accepts `${region}`/`${account}` inside ARNs so editors do not flag them; after
 * interpolation they can only remain if written as `$${…}`, which no ARN can contain.
 */
function checkUnresolvedArns(agent: Record<string, unknown>, doc: Locator, report: Report): void {
  const arnFields: [unknown, PropertyPath][] = [[agent.role, ["role"]]];
  for (const [g, i] of records(agent.actionGroups)) {
    if (isRecord(g.executor)) arnFields.push([g.executor.lambda, ["actionGroups", i, "executor", "lambda"]]);
  }
  for (const [c, i] of records(agent.collaborators))
    arnFields.push([c.aliasArn, ["collaborators", i, "aliasArn"]]);
  for (const [arn, path] of arnFields) {
    if (typeof arn === "string" && arn.includes("${")) {
      report(
        doc.locate(path),
        "error",
        "manifest/invalid-value",
        `ARN ${JSON.stringify(arn)} still contains "\${" after interpolation.`,
        `Write "\${region}" and "\${account}" (not "$\${…}") to have them replaced.`,
      );
    }
  }
}
