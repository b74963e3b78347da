import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDocumentText } from "../../src/source/parse-document.js";
import { parseDocumentTextRemembered, parseYamlRemembered } from "../../src/source/remembered-parse.js";

const dirs: string[] = [];
const store = () => {
  const d = mkdtempSync(path.join(tmpdir(), "agentctl-parsed-"));
  dirs.push(d);
  return { dir: path.join(d, "records"), buildId: "build-1" };
};
const records = (s: { dir: string }) => {
  try {
    return readdirSync(s.dir).length;
  } catch {
    return 0;
  }
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const TEXT =
  "name: shipping\nmodel: anthropic.claude-3-haiku\nactionGroups:\n  - name: ship\n    enabled: true\n";

describe("parseDocumentTextRemembered", () => {
  it("answers a clean document from its record with the same value, and real positions on demand", async () => {
    const s = store();
    const first = await parseDocumentTextRemembered(TEXT, "/p/a.yaml", "manifest", s);
    expect(records(s)).toBe(1);
    const second = await parseDocumentTextRemembered(TEXT, "/p/a.yaml", "manifest", s);
    const direct = parseDocumentText(TEXT, "/p/a.yaml", "manifest");
    expect(second.value).toEqual(direct.value);
    expect(first.value).toEqual(direct.value);
    expect(second.diagnostics).toEqual([]);
    expect(second.locate(["actionGroups", 0, "enabled"])).toEqual(
      direct.locate(["actionGroups", 0, "enabled"]),
    );
    expect(second.locateKey(["model"])).toEqual(direct.locateKey(["model"]));
  });

  it("never records a document with diagnostics or values JSON would change", async () => {
    const s = store();
    const duplicate = "a: 1\na: 2\n";
    const withDiagnostics = await parseDocumentTextRemembered(duplicate, "/p/d.yaml", "manifest", s);
    expect(withDiagnostics.diagnostics.length).toBeGreaterThan(0);
    await parseDocumentTextRemembered("limit: .inf\n", "/p/i.yaml", "manifest", s);
    await parseDocumentTextRemembered("zero: -0\n", "/p/z.yaml", "manifest", s);
    expect(records(s)).toBe(0);
    // And the second time they are parsed again, with the same findings.
    const again = await parseDocumentTextRemembered(duplicate, "/p/d.yaml", "manifest", s);
    expect(again.diagnostics).toEqual(withDiagnostics.diagnostics);
    expect((await parseDocumentTextRemembered("limit: .inf\n", "/p/i.yaml", "manifest", s)).value).toEqual({
      limit: Number.POSITIVE_INFINITY,
    });
  });
});

describe("parseYamlRemembered", () => {
  it("gives yaml's value, from the record the second time", async () => {
    const s = store();
    expect(await parseYamlRemembered("StartAt: A\nStates: {A: {Type: Succeed}}\n", s)).toEqual({
      StartAt: "A",
      States: { A: { Type: "Succeed" } },
    });
    expect(records(s)).toBe(1);
    expect(await parseYamlRemembered("StartAt: A\nStates: {A: {Type: Succeed}}\n", s)).toEqual({
      StartAt: "A",
      States: { A: { Type: "Succeed" } },
    });
  });
});
