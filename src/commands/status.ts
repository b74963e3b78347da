import type { Context } from "../context.js";
import { preflight } from "../core/deploy/engine.js";
import { projectStatus } from "../core/deploy/status.js";
import { withDeployPorts } from "./deploy-support.js";

export default async function status(ctx: Context): Promise<void> {
  const validated = await preflight({ projectDir: ctx.projectDir, vars: ctx.env.vars });
  const result = await withDeployPorts(
    ctx,
    (ports) => projectStatus(ports, { projectDir: ctx.projectDir, vars: ctx.env.vars, validated }),
    validated,
  );
  const s = ctx.io.style;
  ctx.io.result(result, () => {
    const agents = table(
      ["AGENT", "ID", "STATUS", "PREPARED", "MATCHES", "ALIASES", ""],
      result.agents.map((a) => [
        a.name,
        a.agentId ?? "-",
        a.status,
        a.deployed ? (a.prepared ? "yes" : "no") : "-",
        a.deployed ? (a.matchesManifests ? "yes" : s.yellow("no")) : "-",
        a.aliases.map((x) => `${x.name}→${x.version ?? "none"}${x.upToDate ? "" : "*"}`).join(" ") || "-",
        a.drift ? s.red("drift") : a.deployed && !a.owned ? s.yellow("not owned") : "",
      ]),
      s.bold,
    );
    const note = result.agents.some((a) => a.aliases.some((x) => !x.upToDate))
      ? `\n${s.dim("* alias serves a version older than the manifests")}`
      : "";
    if (result.workflows.length === 0) return agents + note;
    const workflows = table(
      ["WORKFLOW", "STATE MACHINE", "STATUS", "MATCHES", ""],
      result.workflows.map((w) => [
        w.name,
        w.stateMachineName,
        w.deployed ? "DEPLOYED" : "NOT DEPLOYED",
        w.deployed && w.owned ? (w.matchesManifests ? "yes" : s.yellow("no")) : "-",
        w.deployed && !w.owned ? s.yellow("not owned") : "",
      ]),
      s.bold,
    );
    return `${agents}${note}\n\n${workflows}`;
  });
}

/** Columns padded to their widest cell (colour codes not counted), the header in `bold`. */
function table(header: string[], rows: string[][], bold: (t: string) => string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => stripAnsi(r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + " ".repeat((widths[i] ?? 0) - stripAnsi(c).length))
      .join("  ")
      .trimEnd();
  return [bold(line(header)), ...rows.map(line)].join("\n");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what is removed.
const stripAnsi = (t: string) => t.replace(/\u001b\[[0-9;]*m/g, "");
