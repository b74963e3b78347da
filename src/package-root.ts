/**
 * Where agentctl's own files are (package.json, schemas/, the sample project, dist/): found by
 * walking up from this module, which sits in src/ under vitest, in dist/ after tsc and in
 * dist/bundle/ inside the bundled CLI, so no module has to know how deep it is compiled.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "agentctl";

function findPackageRoot(start: URL): URL {
  for (let dir = start; ; ) {
    const manifest = new URL("package.json", dir);
    if (existsSync(manifest) && isAgentctlManifest(manifest)) return dir;
    const parent = new URL("..", dir);
    if (parent.href === dir.href)
      throw new Error(`agentctl's package.json is not above ${fileURLToPath(start)}.`);
    dir = parent;
  }
}

function isAgentctlManifest(file: URL): boolean {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

let root: URL | undefined;

/** The package root as a directory URL (ends in "/"). */
export function packageRootUrl(): URL {
  root ??= findPackageRoot(new URL(".", import.meta.url));
  return root;
}

/** A file of the package, e.g. packageFile("schemas/agent.schema.json"). */
export function packageFile(relative: string): URL {
  return new URL(relative, packageRootUrl());
}
