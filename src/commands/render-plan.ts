/** Human-readable plans and deploy results (the JSON forms are the engine's own objects). */
import type { DeployResult } from "../core/deploy/apply.js";
import type { AgentPlan, FieldChange, Plan } from "../core/deploy/plan-types.js";
import type { Style } from "../io/style.js";
import { renderWorkflowItem, renderWorkflowOutcomes } from "./render-workflow-plan.js";

const SIGN = { create: "+", update: "~", delete: "-" } as const;

export function renderPlan(plan: Plan, s: Style): string {
  const lines: string[] = [];
  for (const item of plan.items) {
    if (item.changes === 0) {
      lines.push(`${s.dim("=")} ${item.name} ${s.dim("(no changes)")}`);
      continue;
    }
    lines.push(...(item.kind === "agent" ? renderAgent(item, s) : renderWorkflowItem(item, s)));
  }
  const changed = plan.items.filter((i) => i.changes > 0).length;
  lines.push(
    "",
    plan.changes === 0
      ? s.green("No changes: the deployed agents and workflows match the project.")
      : s.bold(
          `${plan.changes} change${plan.changes === 1 ? "" : "s"} to ${changed} item${changed === 1 ? "" : "s"}.`,
        ),
  );
  return lines.join("\n");
}

function color(s: Style, kind: string): (t: string) => string {
  return kind === "create" ? s.green : kind === "delete" ? s.red : s.yellow;
}

function renderAgent(item: AgentPlan, s: Style): string[] {
  const head =
    item.action === "unchanged" ? "~" : item.action === "create" ? "+" : item.action === "delete" ? "-" : "~";
  const lines = [
    color(
      s,
      item.action,
    )(
      `${head} agent ${item.name}${item.agentId ? ` (${item.agentId})` : ""}: ${item.action}${item.adopt ? " (adopt)" : ""}`,
    ),
  ];
  for (const f of item.fields) lines.push(...renderField(f, s, item.action === "create"));
  for (const g of item.actionGroups) {
    const ops = g.schema ? schemaSummary(g.schema) : "";
    lines.push(color(s, g.kind)(`    ${SIGN[g.kind]} action group ${g.name}${ops ? `: ${ops}` : ""}`));
    for (const f of g.fields) lines.push(`        ${f.field}: ${show(f.from)} → ${show(f.to)}`);
  }
  for (const k of item.knowledgeBases)
    lines.push(color(s, k.kind)(`    ${SIGN[k.kind]} knowledge base ${k.name}`));
  for (const c of item.collaborators)
    lines.push(color(s, c.kind)(`    ${SIGN[c.kind]} collaborator ${c.name}`));
  for (const [k, v] of Object.entries(item.tags.set)) lines.push(`    ~ tag ${k}=${v}`);
  for (const k of item.tags.remove) lines.push(`    - tag ${k}`);
  for (const r of item.roles)
    lines.push(
      `    ${r.kind === "create" ? "+" : r.kind === "delete" ? "-" : "~"} role ${r.name}: ${r.kind}`,
    );
  for (const f of item.functions)
    lines.push(`    ${f.kind === "create" ? "+" : "-"} function ${f.name}: ${f.kind}`);
  for (const p of item.permissions)
    lines.push(`    ${p.kind === "add" ? "+" : "-"} permission on ${p.functionName} for this agent`);
  if (item.prepare) lines.push("    • prepare DRAFT");
  for (const a of item.aliases) lines.push(`    • alias ${a.name}: ${aliasText(a)}`);
  return lines;
}

function aliasText(a: AgentPlan["aliases"][number]): string {
  const from = a.fromVersion ? ` (serves ${a.fromVersion})` : "";
  switch (a.kind) {
    case "create":
      return "create on a new version";
    case "create-on-existing":
      return a.toVersion ? `create on version ${a.toVersion}` : "create on the new version";
    case "new-version":
      return `new version${from}`;
    case "route":
      return a.toVersion ? `route to version ${a.toVersion}${from}` : `route to the new version${from}`;
    case "describe":
      return "update description";
    case "record":
      return `record that it serves version ${a.toVersion}`;
    case "delete":
      return "delete";
  }
}

function renderField(f: FieldChange, s: Style, creating: boolean): string[] {
  if (f.textDiff) {
    return [
      `    ~ ${f.field}:`,
      ...f.textDiff.map((l) =>
        l.startsWith("+")
          ? s.green(`        ${l}`)
          : l.startsWith("-")
            ? s.red(`        ${l}`)
            : s.dim(`        ${l}`),
      ),
    ];
  }
  if (creating) return [`    ${f.field}: ${show(f.to)}`];
  return [`    ~ ${f.field}: ${show(f.from)} → ${show(f.to)}`];
}

function schemaSummary(ops: { added: string[]; removed: string[]; changed: string[] }): string {
  return [
    ...ops.added.map((o) => `+${o}`),
    ...ops.removed.map((o) => `-${o}`),
    ...ops.changed.map((o) => `~${o}`),
  ].join(", ");
}

function show(v: unknown): string {
  if (v === undefined) return "(none)";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}

export function renderDeployResult(result: DeployResult, s: Style): string {
  const lines: string[] = [];
  if (result.operations.length === 0)
    lines.push(s.green("No changes: made zero changes, everything was already deployed."));
  else {
    lines.push(
      s.bold(`Applied ${result.operations.length} operation${result.operations.length === 1 ? "" : "s"}:`),
    );
    for (const op of result.operations)
      lines.push(`  ${op.agent}: ${op.operation}${op.target ? ` ${op.target}` : ""}`);
  }
  lines.push("");
  for (const a of result.agents) {
    const aliases = Object.entries(a.aliases)
      .map(([n, v]) => `${n} → ${v}`)
      .join(", ");
    lines.push(
      `${a.deleted ? s.red("deleted") : s.green("✔")} ${a.name} ${s.dim(a.agentId ?? "")} ${a.status}${aliases ? `  ${aliases}` : ""}`,
    );
  }
  lines.push(...renderWorkflowOutcomes(result.workflows ?? [], s));
  return lines.join("\n");
}
