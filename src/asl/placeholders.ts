/**
 * `${…}` placeholders in templates. agentctl resolves, at deploy:
 *   ${agents.NAME.aliasArn|aliasId|agentId|agentArn}  (NAME: an agent of this project)
 *   ${region}, ${account}, ${env:NAME}                (as in manifests)
 * Anything else (`${MyTableName}` from CDK/SAM DefinitionSubstitutions) is sent
 * as written; we warn once per name because it is left for another tool.
 */
import type { PropertyPath } from "../manifest/types.js";
import { didYouMean } from "../source/did-you-mean.js";
import type { CheckContext } from "./check-context.js";
import { setValueAt, walkValues } from "./states.js";

export const AGENT_FIELDS = ["aliasArn", "aliasId", "agentId", "agentArn"] as const;
export type AgentField = (typeof AGENT_FIELDS)[number];

/** Plausible values so the schema check sees the surrounding string as it will look after deploy. */
const EXAMPLE_VALUES: Record<AgentField, string> = {
  aliasArn: "arn:aws:bedrock:us-east-1:123456789012:agent-alias/AGENT12345/ALIAS12345",
  aliasId: "ALIAS12345",
  agentId: "AGENT12345",
  agentArn: "arn:aws:bedrock:us-east-1:123456789012:agent/AGENT12345",
};

const PLACEHOLDER = /\$\{([^}]*)\}/g;

export interface AgentReference {
  agent: string;
  field: string;
}

/** `agents.order-validation.aliasArn` → { agent, field }; undefined when not an agents reference. */
export function parseAgentReference(inner: string): AgentReference | undefined {
  if (!inner.startsWith("agents.")) return undefined;
  const rest = inner.slice("agents.".length);
  const dot = rest.lastIndexOf(".");
  return dot === -1 ? { agent: rest, field: "" } : { agent: rest.slice(0, dot), field: rest.slice(dot + 1) };
}

function isProjectVariable(inner: string): boolean {
  return inner === "region" || inner === "account" || /^env:[A-Za-z_][A-Za-z0-9_]*$/.test(inner);
}

export function checkPlaceholders(ctx: CheckContext): void {
  const unresolved = new Map<string, { path: PropertyPath; count: number }>();
  walkValues(ctx.definition, [], (value, path) => {
    if (typeof value !== "string" || !value.includes("${")) return;
    let replaced = value;
    for (const match of value.matchAll(PLACEHOLDER)) {
      const inner = match[1] ?? "";
      const ref = parseAgentReference(inner);
      if (ref) {
        const example = checkAgentReference(ctx, ref, match[0], path);
        if (example) replaced = replaced.replace(match[0], example);
      } else if (!isProjectVariable(inner)) {
        const seen = unresolved.get(inner);
        if (seen) seen.count++;
        else unresolved.set(inner, { path, count: 1 });
      }
    }
    if (replaced !== value) setValueAt(ctx.prepared, path, replaced);
  });
  for (const [inner, { path, count }] of unresolved) {
    const times = count > 1 ? ` (used ${count} times)` : "";
    ctx.atValue(
      path,
      "warning",
      "asl/unresolved-substitution",
      `"\${${inner}}"${times} is not an agentctl placeholder; it is sent to Step Functions as written.`,
      substitutionHint(inner),
    );
  }
}

function substitutionHint(inner: string): string {
  if (inner === "AWS::Region") return `Write \${region}: agentctl fills it in at deploy.`;
  if (inner === "AWS::AccountId") return `Write \${account}: agentctl fills it in at deploy.`;
  if (inner.startsWith("$"))
    return `Step Functions does not expand \${…} in strings: use a key ending in ".$" with States.Format('… {} …', $.field).`;
  if (/(agent|alias)(alias)?(id|arn)?$/i.test(inner))
    return `To refer to an agent of this project write \${agents.NAME.agentId} (or aliasId, aliasArn, agentArn).`;
  return `agentctl fills in \${agents.NAME.aliasArn|aliasId|agentId|agentArn}, \${region}, \${account} and \${env:NAME}; replace other substitutions before deploying.`;
}

function checkAgentReference(
  ctx: CheckContext,
  ref: AgentReference,
  written: string,
  path: PropertyPath,
): string | undefined {
  const { agentNames } = ctx.opts;
  if (!agentNames.includes(ref.agent)) {
    ctx.atValue(
      path,
      "error",
      "asl/unknown-agent",
      `${written} refers to an agent "${ref.agent}" that this project does not define.`,
      didYouMean(ref.agent, agentNames) ?? `Agents: ${agentNames.join(", ") || "(none)"}.`,
    );
    return undefined;
  }
  if (!(AGENT_FIELDS as readonly string[]).includes(ref.field)) {
    ctx.atValue(
      path,
      "error",
      "asl/unknown-agent-field",
      ref.field === ""
        ? `${written} does not say which value of agent "${ref.agent}" to use.`
        : `${written}: agents have no "${ref.field}".`,
      (ref.field ? didYouMean(ref.field, AGENT_FIELDS) : undefined) ??
        `Use one of: ${AGENT_FIELDS.map((f) => `\${agents.${ref.agent}.${f}}`).join(", ")}.`,
    );
    return undefined;
  }
  return EXAMPLE_VALUES[ref.field as AgentField];
}
