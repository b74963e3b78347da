/**
 * Packages a local action-group handler as a Lambda deployment zip: the module (a .ts one
 * type-stripped with Node's `module.stripTypeScriptTypes`, as the handler check does) plus
 * the relative modules it imports, as ES modules (`package.json` says `"type": "module"`).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fflate } from "../../lazy-libraries.js";
import { typeStripper } from "../../local-assets/type-stripper.js";

export interface FunctionPackage {
  zip: Uint8Array;
  /** Lambda's `Handler`: `<module>.handler`. */
  handler: string;
}

/** Files with a fixed timestamp, so the same sources give the same bytes. */
const FIXED_TIME = new Date("2000-01-01T00:00:00Z");

export async function packageHandler(entry: string): Promise<FunctionPackage> {
  const root = path.dirname(entry);
  const files: Record<string, Uint8Array> = {};
  const pending = [entry];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await readFile(file, "utf8");
    const code = /\.m?ts$/.test(file) ? stripTypes(source, file) : source;
    const relative = path
      .relative(root, file)
      .split(path.sep)
      .join("/")
      .replace(/\.m?ts$/, ".js");
    files[relative] = new TextEncoder().encode(code);
    for (const spec of relativeImports(code)) {
      const target = path.resolve(path.dirname(file), spec);
      // Sources import ./x.js while the file on disk is x.ts (TypeScript's convention).
      const candidates = [target, target.replace(/\.js$/, ".ts"), target.replace(/\.mjs$/, ".mts")];
      for (const c of candidates) {
        try {
          await readFile(c);
          if (!path.relative(root, c).startsWith("..")) pending.push(c);
          break;
        } catch {}
      }
    }
  }
  files["package.json"] = new TextEncoder().encode('{"type":"module"}\n');
  const entryName = path.basename(entry).replace(/\.m?[tj]s$/, "");
  const zip = fflate().zipSync(
    Object.fromEntries(
      Object.entries(files)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, [v, { mtime: FIXED_TIME }]]),
    ),
  );
  return { zip, handler: `${entryName}.handler` };
}

function stripTypes(source: string, file: string): string {
  const strip = typeStripper();
  if (!strip) {
    throw new Error(
      `Packaging ${path.basename(file)} needs Node 22.13 or later (module.stripTypeScriptTypes).`,
    );
  }
  return strip(source);
}

function relativeImports(code: string): string[] {
  const specs: string[] = [];
  for (const m of code.matchAll(
    /\b(?:import|export)\s[^'"]*?from\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g,
  )) {
    const spec = m[1] ?? m[2];
    if (spec) specs.push(spec);
  }
  return specs;
}
