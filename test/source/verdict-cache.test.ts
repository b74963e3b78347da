import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hashKey, rememberedCheck } from "../../src/source/verdict-cache.js";
import { repoRoot, spawnCli } from "../helpers/run-cli.js";

const dirs: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A check that counts its runs and reports what it is told to. */
function counting(result: string[]) {
  const check = () => {
    check.runs++;
    return result;
  };
  check.runs = 0;
  return check;
}
const clean = (d: string[]) => d.length === 0;

describe("rememberedCheck", () => {
  it("runs the check once for the same inputs and build, then answers from the record", async () => {
    const dir = path.join(temp("agentctl-verdicts-"), "v");
    const check = counting([]);
    expect(await rememberedCheck("k", ["a", "b"], check, clean, dir, "build-1")).toEqual([]);
    expect(await rememberedCheck("k", ["a", "b"], check, clean, dir, "build-1")).toEqual([]);
    expect(check.runs).toBe(1);
    expect(readdirSync(dir)).toEqual([hashKey(["k", "build-1", "a", "b"])]);
  });

  it("checks again for other inputs, another kind or another build", async () => {
    const dir = path.join(temp("agentctl-verdicts-"), "v");
    const check = counting([]);
    await rememberedCheck("k", ["a"], check, clean, dir, "build-1");
    await rememberedCheck("k", ["a", ""], check, clean, dir, "build-1");
    await rememberedCheck("other", ["a"], check, clean, dir, "build-1");
    await rememberedCheck("k", ["a"], check, clean, dir, "build-2");
    expect(check.runs).toBe(4);
  });

  it("never records a result with something to report", async () => {
    const dir = path.join(temp("agentctl-verdicts-"), "v");
    const check = counting(["warning"]);
    await rememberedCheck("k", ["a"], check, clean, dir, "build-1");
    await rememberedCheck("k", ["a"], check, clean, dir, "build-1");
    expect(check.runs).toBe(2);
  });

  it("records nothing and trusts nothing without a build id (tests and tsc's dist/)", async () => {
    const dir = path.join(temp("agentctl-verdicts-"), "v");
    const check = counting([]);
    await rememberedCheck("k", ["a"], check, clean, dir, undefined);
    await rememberedCheck("k", ["a"], check, clean, dir, undefined);
    expect(check.runs).toBe(2);
    expect(() => readdirSync(dir)).toThrow();
  });

  it("ignores records in a directory others may write to, and torn records", async () => {
    const dir = path.join(temp("agentctl-verdicts-"), "v");
    mkdirSync(dir, { mode: 0o700 });
    const key = hashKey(["k", "build-1", "a"]);
    writeFileSync(path.join(dir, key), "{torn");
    const check = counting([]);
    await rememberedCheck("k", ["a"], check, clean, dir, "build-1");
    expect(check.runs).toBe(1);

    const open = path.join(temp("agentctl-verdicts-"), "open");
    mkdirSync(open);
    chmodSync(open, 0o777);
    writeFileSync(path.join(open, key), "[]");
    await rememberedCheck("k", ["a"], check, clean, open, "build-1");
    expect(check.runs).toBe(2);
  });
});

describe("validate with remembered verdicts (the built CLI)", () => {
  it("reports a file broken after a clean run, and passes again once it is fixed", () => {
    const project = temp("agentctl-verdict-project-");
    for (const f of ["agentctl.yaml", "agents", "openapi", "templates"])
      cpSync(path.join(repoRoot, f), path.join(project, f), { recursive: true });
    // Its own temp dir, so the records are this test's alone.
    const env = { TMPDIR: temp("agentctl-verdict-tmp-") };
    const records = () =>
      readdirSync(path.join(env.TMPDIR, `agentctl-${process.getuid?.() ?? "user"}`, "verdicts")).sort();
    expect(spawnCli(["validate"], { cwd: project, env }).code).toBe(0);
    const first = records();
    // The sample's two OpenAPI schemas and its template at least (model scripts too when clean).
    expect(first.length).toBeGreaterThanOrEqual(3);

    const schema = path.join(project, "openapi/shipping-provider.yaml");
    const template = path.join(project, "templates/order-workflow.asl.yaml");
    const originalSchema = readText(schema);
    const originalTemplate = readText(template);
    writeFileSync(schema, originalSchema.replace("openapi: 3.0.0", "openapi: 9.9.9"));
    writeFileSync(template, originalTemplate.replace(/StartAt: \S+/, "StartAt: NoSuchState"));
    const broken = spawnCli(["validate"], { cwd: project, env });
    expect(broken.code).toBe(2);
    expect(broken.stdout + broken.stderr).toMatch(/shipping-provider\.yaml:\d+:\d+/);
    expect(broken.stdout + broken.stderr).toMatch(/order-workflow\.asl\.yaml:\d+:\d+/);

    // The broken files' checks were not recorded (a script checked against a schema that no
    // longer loads is another input, and may be); the fixed files are answered from the records.
    const afterBroken = records();
    expect(afterBroken).toEqual(expect.arrayContaining(first));
    expect(afterBroken.length - first.length).toBeLessThanOrEqual(1);

    writeFileSync(schema, originalSchema);
    writeFileSync(template, originalTemplate);
    expect(spawnCli(["validate"], { cwd: project, env }).code).toBe(0);
    expect(records()).toEqual(afterBroken);
  });
});

function readText(file: string): string {
  return readFileSync(file, "utf8");
}
