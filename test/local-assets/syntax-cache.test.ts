import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findSyntaxErrorCached } from "../../src/local-assets/syntax-cache.js";

const dirs: string[] = [];
const cacheDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), "agentctl-syntax-cache-"));
  dirs.push(d);
  return path.join(d, "parsed");
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const key = (source: string) =>
  createHash("sha256").update(`${process.version}\u0000${source}`).digest("hex");

describe("findSyntaxErrorCached", () => {
  it("records a source that parses, under its hash with the Node version", () => {
    const dir = cacheDir();
    const source = "export async function handler(event: { a: number }) { return event.a; }";
    expect(findSyntaxErrorCached(source, dir)).toBeUndefined();
    expect(readdirSync(dir)).toEqual([key(source)]);
  });

  it("never records a source with a syntax error, and reports it every time with its position", () => {
    const dir = cacheDir();
    const source = "export async function handler(event) {\n  return {;\n}\n";
    const first = findSyntaxErrorCached(source, dir);
    expect(first?.line).toBe(2);
    expect(findSyntaxErrorCached(source, dir)).toEqual(first);
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });

  it("does not parse a recorded source again", () => {
    // Proven with a source that does not parse: recorded (as only a parse that succeeded would
    // record it), it is taken as parsed, so the record is what answers.
    const dir = cacheDir();
    const broken = "export const = ;";
    expect(findSyntaxErrorCached(broken, dir)).toBeDefined();
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, key(broken)), "");
    expect(findSyntaxErrorCached(broken, dir)).toBeUndefined();
  });

  it("still checks when the cache directory cannot be created", () => {
    const blocker = path.join(cacheDir(), "..", "a-file");
    writeFileSync(blocker, "");
    const dir = path.join(blocker, "cache");
    expect(findSyntaxErrorCached("export const x = 1;", dir)).toBeUndefined();
    expect(findSyntaxErrorCached("export const = ;", dir)).toBeDefined();
  });
});

describe("findSyntaxErrorCached in a directory others can write to", () => {
  it("ignores the records there", () => {
    const dir = cacheDir();
    const broken = "export const = ;";
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    writeFileSync(path.join(dir, key(broken)), "");
    expect(findSyntaxErrorCached(broken, dir)).toBeDefined();
  });
});
