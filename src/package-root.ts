/**
 * Where agentctl's own files are (package.json, schemas/, the sample project, dist/): found by
 * walking up from this module, which sits in src/ under vitest, in dist/ after tsc and in
 * dist/bundle/ inside the bundled CLI, so no module has to know how deep it is compiled.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "agentctl";

export interface PackageManifest {
  name: string;
  version: string;
}

function findPackageRoot(start: URL): { dir: URL; manifest: PackageManifest } {
  for (let dir = start; ; ) {
    const file = new URL("package.json", dir);
    const manifest = existsSync(file) ? agentctlManifest(file) : undefined;
    if (manifest) return { dir, manifest };
    const parent = new URL("..", dir);
    if (parent.href === dir.href)
      throw new Error(`agentctl's package.json is not above ${fileURLToPath(start)}.`);
    dir = parent;
  }
}

function agentctlManifest(file: URL): PackageManifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Partial<PackageManifest>;
    return manifest.name === PACKAGE_NAME ? (manifest as PackageManifest) : undefined;
  } catch {
    return undefined;
  }
}

let found: ReturnType<typeof findPackageRoot> | undefined;

/** The package root as a directory URL (ends in "/"). */
export function packageRootUrl(): URL {
  found ??= findPackageRoot(new URL(".", import.meta.url));
  return found.dir;
}

/** agentctl's own package.json, read once (finding the root reads it anyway). */
export function packageManifest(): PackageManifest {
  packageRootUrl();
  return (found as NonNullable<typeof found>).manifest;
}

/** A file of the package, e.g. packageFile("schemas/agent.schema.json"). */
export function packageFile(relative: string): URL {
  return new URL(relative, packageRootUrl());
}
