/** Writes small projects into fresh temp directories, so each test states its whole input inline. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** `files` maps relative paths to contents; returns the absolute directory. */
export function tempProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentctl-manifest-"));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

/** An instruction comfortably over Bedrock's 40-character minimum. */
export const INSTRUCTION = "You validate orders against the product catalog and explain any problem.";

/** Only what a diagnostic test compares: where, what code, how severe. */
export function where(d: { line: number; column: number; code: string; severity: string }) {
  return { line: d.line, column: d.column, code: d.code, severity: d.severity };
}
