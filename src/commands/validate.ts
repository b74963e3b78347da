import type { Context } from "../context.js";
import { validateProject } from "../core/validate-project.js";
import { ExitCode, ReportedFailure } from "../errors.js";
import { diagnosticsToJson, displayPath, renderDiagnostics } from "../io/render-diagnostics.js";

export default async function validate(ctx: Context): Promise<void> {
  const report = await validateProject(ctx.projectDir, ctx.env.vars);
  const base = ctx.projectDir;
  const ok = report.errors === 0;
  ctx.io.result(
    {
      ok,
      projectDir: report.projectDir,
      agents: report.agents,
      schemas: report.schemas.map((f) => displayPath(f, base)),
      workflows: report.workflows,
      errors: report.errors,
      warnings: report.warnings,
      diagnostics: diagnosticsToJson(report.diagnostics, base),
    },
    () => {
      const s = ctx.io.style;
      const checked = `${plural(report.agents.length, "agent")}, ${plural(report.schemas.length, "OpenAPI schema")}, ${plural(report.workflows.length, "workflow")}`;
      const summary = ok
        ? s.green(
            `✔ ${checked}: ${report.warnings === 0 ? "no problems" : plural(report.warnings, "warning")}`,
          )
        : s.red(`✖ ${checked}: ${plural(report.errors, "error")}, ${plural(report.warnings, "warning")}`);
      const details = renderDiagnostics(report.diagnostics, base, s);
      return details ? `${details}\n\n${summary}` : summary;
    },
  );
  if (!ok) throw new ReportedFailure("validation failed", ExitCode.InvalidInput);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
