/**
 * `agentctl init`: copies the sample project shipped with agentctl (the
 * order-processing workflow) into a directory, renamed. It refuses a non-empty
 * directory unless forced, and never deletes anything: with --force it
 * overwrites only the files it scaffolds and leaves an existing README alone.
 */
import type { Dirent } from "node:fs";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.js";
import { packageRootUrl } from "../package-root.js";
import { projectReadme } from "./init-readme.js";

export interface InitOptions {
  /** Directory to create the project in (created when missing). */
  dir: string;
  /** Project name; default: derived from the directory name. */
  name?: string;
  /** Write into a non-empty directory, overwriting the scaffolded files. */
  force?: boolean;
  /** Where the sample project lives; default: the agentctl package root. */
  sourceRoot?: string;
}

export interface InitResult {
  /** Absolute project directory. */
  dir: string;
  name: string;
  /** Files written, relative to `dir`, sorted. */
  files: string[];
  /** Files that already existed and were kept (only with --force). */
  kept: string[];
}

/** What init copies from the package root: agentctl.yaml, order*.json, and these directories whole. */
const SAMPLE_INPUTS = /^order.*\.json$/;
const SAMPLE_DIRS = ["agents", "openapi", "templates"];
const PROJECT_NAME = /^([0-9a-zA-Z][_-]?){1,100}$/;
const MAX_NAME_LENGTH = 64;

export function packageRoot(): string {
  return fileURLToPath(packageRootUrl());
}

export async function initProject(opts: InitOptions): Promise<InitResult> {
  const dir = path.resolve(opts.dir);
  const sourceRoot = path.resolve(opts.sourceRoot ?? packageRoot());
  if (dir === sourceRoot)
    throw new UsageError("Cannot initialise a project inside agentctl's own sample project.");
  const name = opts.name ?? nameFromDirectory(dir);
  checkName(name, opts.name !== undefined);
  await prepareDirectory(dir, opts.force === true);

  const sample = await listSample(sourceRoot);
  const files: string[] = [];
  for (const relative of sample) {
    let content = await readFile(path.join(sourceRoot, relative));
    if (relative === "agentctl.yaml")
      content = Buffer.from(renameProject(content.toString("utf8"), name), "utf8");
    await writeProjectFile(dir, relative, content);
    files.push(relative);
  }

  const kept: string[] = [];
  if (await addGitignoreEntry(dir)) files.push(".gitignore");
  else kept.push(".gitignore");
  if (await exists(path.join(dir, "README.md"))) kept.push("README.md");
  else {
    await writeProjectFile(dir, "README.md", Buffer.from(projectReadme(name), "utf8"));
    files.push("README.md");
  }
  return { dir, name, files: files.sort(), kept };
}

/** Relative paths (with `/`) of every sample file, sorted; fails loudly if the package is incomplete. */
async function listSample(root: string): Promise<string[]> {
  if (!(await exists(path.join(root, "agentctl.yaml")))) throw missingSample(root, "agentctl.yaml");
  const found = ["agentctl.yaml"];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (entry.isFile() && SAMPLE_INPUTS.test(entry.name)) found.push(entry.name);
  }
  for (const top of SAMPLE_DIRS) {
    if (!(await exists(path.join(root, top)))) throw missingSample(root, top);
    found.push(...(await listFiles(root, top)));
  }
  return found.sort();
}

async function listFiles(root: string, relativeDir: string): Promise<string[]> {
  const entries: Dirent[] = await readdir(path.join(root, relativeDir), { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const relative = `${relativeDir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(root, relative)));
    else if (entry.isFile()) out.push(relative);
  }
  return out;
}

function missingSample(root: string, what: string): Error {
  // The package itself is broken (not the user's input): a plain Error reaches the bug-report path.
  return new Error(`agentctl's sample project is incomplete: ${path.join(root, what)} is missing.`);
}

async function prepareDirectory(dir: string, force: boolean): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`${dir} exists and is not a directory.`);
  if (!info) {
    await mkdir(dir, { recursive: true });
    return;
  }
  // A fresh `git init` is still an empty project.
  const entries = (await readdir(dir)).filter((e) => e !== ".git");
  if (entries.length > 0 && !force) {
    throw new UsageError(
      `${dir} is not empty (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}).`,
      "Choose an empty or new directory, or pass --force to write the sample files into it (existing files with the same names are overwritten; nothing is deleted).",
    );
  }
}

async function writeProjectFile(dir: string, relative: string, content: Buffer): Promise<void> {
  const target = path.join(dir, ...relative.split("/"));
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
}

/** Adds `.agentctl/` (the emulator's state) to .gitignore, keeping what is there; false if already listed. */
async function addGitignoreEntry(dir: string): Promise<boolean> {
  const file = path.join(dir, ".gitignore");
  const existing = (await exists(file)) ? await readFile(file, "utf8") : "";
  const lines = existing.split(/\r?\n/).map((l) => l.trim());
  if (!lines.includes(".agentctl/") && !lines.includes(".agentctl")) {
    const separator = existing === "" || existing.endsWith("\n") ? "" : "\n";
    const header = existing === "" ? "# agentctl: local emulator state\n" : "";
    await writeFile(file, `${existing}${separator}${header}.agentctl/\n`, "utf8");
    return true;
  }
  return false;
}

/** Replaces the value of the top-level `name:` in agentctl.yaml, keeping comments and layout. */
export function renameProject(text: string, name: string): string {
  const pattern = /^name:[^\S\r\n]*\S.*$/m;
  // A name YAML would read as a number or boolean (`123`, `yes`) is quoted so it stays a string.
  const value = /^[0-9]|^(true|false|null|yes|no|on|off|y|n)$/i.test(name) ? JSON.stringify(name) : name;
  if (!pattern.test(text)) return `name: ${value}\n${text}`;
  return text.replace(pattern, `name: ${value}`);
}

/** `My Shop!` → `My-Shop`; falls back to `agents-project` when nothing usable is left. */
export function nameFromDirectory(dir: string): string {
  const cleaned = path
    .basename(dir)
    .replace(/[^0-9a-zA-Z_-]+/g, "-")
    .replace(/[_-]{2,}/g, "-")
    .replace(/^[_-]+|[_-]+$/g, "")
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[_-]+$/, "");
  return cleaned === "" ? "agents-project" : cleaned;
}

function checkName(name: string, explicit: boolean): void {
  if (PROJECT_NAME.test(name) && name.length <= MAX_NAME_LENGTH) return;
  throw new UsageError(
    `"${name}" is not a valid project name.`,
    `${explicit ? "Pass" : "The directory name cannot be used; pass"} --name with letters and digits, single "_" or "-" between them, at most ${MAX_NAME_LENGTH} characters.`,
  );
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}
