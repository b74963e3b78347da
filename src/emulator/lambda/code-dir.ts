import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fflate } from "../../lazy-libraries.js";
import { AwsError } from "../aws-error.js";

const COMPLETE_MARKER = ".agentctl-complete";

/**
 * The directory holding the extracted zip `key` (its hex SHA-256) under
 * `codeDir`, extracting it on first use. Content-addressed, so an unchanged
 * zip is extracted once and shared by every function and process using it;
 * extraction goes to a private directory renamed into place, so a concurrent
 * reader never sees half a tree. Entries escaping the root are refused.
 */
export function extractedCodeDir(codeDir: string, key: string, zip: () => Buffer | undefined): string {
  const target = join(codeDir, key);
  if (existsSync(join(target, COMPLETE_MARKER))) return target;
  // A directory without the marker is not ours to trust (nothing here writes one in place): start over.
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  const bytes = zip();
  if (!bytes)
    throw new AwsError(
      "ServiceException",
      500,
      `The code of this function (${key}) is missing from the emulator's database.`,
    );
  const staging = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    const files = fflate().unzipSync(bytes);
    const root = resolve(staging);
    for (const [name, content] of Object.entries(files)) {
      const path = resolve(root, name);
      if (path !== root && !path.startsWith(root + sep))
        throw new AwsError(
          "InvalidParameterValueException",
          400,
          `The zip entry ${name} points outside the function's directory.`,
        );
      if (name.endsWith("/")) {
        mkdirSync(path, { recursive: true });
        continue;
      }
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, COMPLETE_MARKER), "");
    try {
      renameSync(staging, target);
    } catch (err) {
      // Another process won the race: its copy is identical.
      if (!existsSync(join(target, COMPLETE_MARKER))) throw err;
      rmSync(staging, { recursive: true, force: true });
    }
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return target;
}
