/** The workflows' lines of a plan and of a deploy result (render-plan.ts renders the agents'). */

import type { AdapterPlan, WorkflowPlan } from "../core/deploy/plan-types.js";
import type { WorkflowOutcome } from "../core/deploy/workflow-apply.js";
import type { Style } from "../io/style.js";

const HEAD = { create: "+", update: "~", delete: "-", unchanged: "~" } as const;

export function renderWorkflowItem(item: AdapterPlan | WorkflowPlan, s: Style): string[] {
  const paint = item.action === "create" ? s.green : item.action === "delete" ? s.red : s.yellow;
  if (item.kind === "adapter") {
    const lines = [paint(`${HEAD[item.action]} adapter function ${item.name}`)];
    if (item.code) lines.push("    ~ code: agentctl's adapter changed");
    for (const f of item.configuration)
      lines.push(`    ~ ${f.field}: ${String(f.from ?? "(none)")} → ${String(f.to)}`);
    for (const r of item.roles)
      lines.push(`    ${r.kind === "delete" ? "-" : "~"} role ${r.name}: ${r.kind}`);
    return lines;
  }
  const lines = [
    paint(
      `${HEAD[item.action]} workflow ${item.name} (state machine ${item.stateMachineName}, ${item.type})`,
    ),
  ];
  for (const t of item.topics) lines.push(`    ${t.kind === "create" ? "+" : "-"} topic ${t.arn}`);
  for (const r of item.roles) lines.push(`    ${r.kind === "delete" ? "-" : "~"} role ${r.name}: ${r.kind}`);
  if (item.pending)
    lines.push(
      s.dim("    (compiled again after the agents it calls are deployed: their ids are not known yet)"),
    );
  for (const line of item.definitionDiff) {
    if (line.startsWith("+")) lines.push(`    ${s.green(line)}`);
    else if (line.startsWith("-")) lines.push(`    ${s.red(line)}`);
  }
  return lines;
}

export function renderWorkflowOutcomes(workflows: readonly WorkflowOutcome[], s: Style): string[] {
  return workflows.map(
    (w) =>
      `${w.deleted ? s.red("deleted") : s.green("✔")} workflow ${w.name} ${s.dim(w.stateMachineArn ?? w.stateMachineName)}`,
  );
}
