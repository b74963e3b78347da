/**
 * The workflow list of agentctl.yaml: unique names, and template paths that lead to a readable
 * file. A path that exists but is no file (a directory, a FIFO) or cannot be read says so,
 * rather than "does not exist", which would send the user looking for a typo.
 */
import { constants, type Stats } from "node:fs";
import { access, readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import { describeEarlier } from "./agent-rules.js";
import type { Locator } from "./schema-errors.js";

export async function checkWorkflows(
  value: unknown,
  dir: string,
  doc: Locator,
  projectFile: string,
): Promise<Diagnostic[]> {
  const workflows = (value as { workflows?: unknown } | null)?.workflows;
  if (!Array.isArray(workflows)) return [];
  const diagnostics: Diagnostic[] = [];
  const names = new Map<string, number>();
  const problems = await Promise.all(
    workflows.map(async (w: unknown, i) => {
      const template = (w as { template?: unknown } | null)?.template;
      if (typeof template !== "string" || template === "") return undefined;
      const problem = await templateProblem(path.resolve(dir, template), template, projectFile);
      if (!problem) return undefined;
      const at = doc.locate(["workflows", i, "template"]);
      return diagnostic(doc.file, at, "error", problem.code, problem.message, problem.hint);
    }),
  );
  for (const d of problems) if (d) diagnostics.push(d);
  workflows.forEach((w: unknown, i) => {
    const name = (w as { name?: unknown } | null)?.name;
    if (typeof name !== "string") return;
    const first = names.get(name);
    if (first === undefined) {
      names.set(name, i);
      return;
    }
    const here = doc.locate(["workflows", i, "name"]);
    const earlier = describeEarlier(doc.locate(["workflows", first, "name"]), here);
    diagnostics.push(
      diagnostic(
        doc.file,
        here,
        "error",
        "manifest/duplicate-name",
        `Duplicate workflow name "${name}" (first defined at ${earlier}).`,
      ),
    );
  });
  return diagnostics;
}

/**
 * Whether a template path leads to a regular file that can be read. The loader reports every
 * other case at its `template:` line, so a checker reading the templates should skip those.
 */
export async function isReadableFile(file: string): Promise<boolean> {
  return (await templateProblem(file, file, "")) === undefined;
}

interface TemplateProblem {
  code: string;
  message: string;
  hint?: string;
}

/** Why `file` cannot serve as a template, or undefined when it is a readable regular file. */
async function templateProblem(
  file: string,
  written: string,
  projectFile: string,
): Promise<TemplateProblem | undefined> {
  let stats: Stats;
  try {
    stats = await stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return {
        code: "manifest/template-not-found",
        message: `Workflow template ${written} does not exist.`,
        hint: `Paths are relative to ${projectFile} (looked for ${file}).`,
      };
    }
    return unreadable(written, e);
  }
  if (stats.isDirectory()) {
    return {
      code: "manifest/template-not-a-file",
      message: `Workflow template ${written} is a directory, not a file.`,
      hint: await filesInside(file),
    };
  }
  if (!stats.isFile()) {
    return {
      code: "manifest/template-not-a-file",
      message: `Workflow template ${written} is ${describeSpecialFile(stats)}, not a regular file.`,
      hint: "Point `template:` at a state-machine file (JSON or YAML).",
    };
  }
  try {
    await access(file, constants.R_OK);
  } catch (e) {
    return unreadable(written, e);
  }
  return undefined;
}

function unreadable(written: string, e: unknown): TemplateProblem {
  const code = (e as NodeJS.ErrnoException).code;
  return {
    code: "manifest/template-unreadable",
    message: `Workflow template ${written} cannot be read (${code ?? (e as Error).message}).`,
    hint: code === "EACCES" ? "Check the file's permissions." : undefined,
  };
}

function describeSpecialFile(stats: Stats): string {
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "a special file";
}

/** Names the JSON/YAML files in the directory, the likely intended targets. */
async function filesInside(dir: string): Promise<string> {
  const base = "Point `template:` at the state-machine file itself (JSON or YAML)";
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && /\.(json|ya?ml)$/i.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return `${base}.`;
  }
  if (names.length === 0) return `${base}.`;
  const shown = names.slice(0, 5).join(", ") + (names.length > 5 ? ", …" : "");
  return `${base}; it holds ${shown}.`;
}
