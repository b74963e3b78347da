import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validateStateMachineFile } from "../src/asl/validate.js";
import runInit from "../src/commands/init.js";
import type { Context } from "../src/context.js";
import { initProject, nameFromDirectory, packageRoot, renameProject } from "../src/core/init.js";
import { fixedEnv } from "../src/env.js";
import { UsageError } from "../src/errors.js";
import { createRecordingIo } from "../src/io/io.js";
import { plainStyle } from "../src/io/style.js";

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "agentctl-init-"));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const root = packageRoot();
const SAMPLE = [
  "agentctl.yaml",
  "agents/order-validation.yaml",
  "agents/shipping.yaml",
  "agents/notification.yaml",
  "agents/handlers/product-catalog.ts",
  "agents/handlers/shipping-provider.ts",
  "agents/handlers/notify.ts",
  "agents/scripts/order-validation.yaml",
  "openapi/product-catalog.yaml",
  "openapi/shipping-provider.yaml",
  "templates/order-workflow.asl.yaml",
  "order.json",
  "order-out-of-stock.json",
];

describe("initProject", () => {
  it("copies the sample project into a new directory, renamed", async () => {
    const dir = path.join(work, "shop");
    const result = await initProject({ dir, name: "my-shop" });
    expect(result.dir).toBe(dir);
    expect(result.name).toBe("my-shop");
    expect(result.files).toEqual(expect.arrayContaining([...SAMPLE, ".gitignore", "README.md"]));
    expect(result.kept).toEqual([]);

    const config = await readFile(path.join(dir, "agentctl.yaml"), "utf8");
    expect(config).toMatch(/^name: my-shop$/m);
    expect(config).not.toContain("order-processing");
    expect(config).toContain("template: templates/order-workflow.asl.yaml");
    for (const file of SAMPLE.filter((f) => f !== "agentctl.yaml")) {
      expect(await readFile(path.join(dir, file), "utf8"), file).toBe(
        await readFile(path.join(root, file), "utf8"),
      );
    }
    expect(await readFile(path.join(dir, ".gitignore"), "utf8")).toMatch(/^\.agentctl\/$/m);
    expect(await readFile(path.join(dir, "README.md"), "utf8")).toMatch(/^# my-shop$/m);
  });

  it("names the project after the directory by default", async () => {
    const result = await initProject({ dir: path.join(work, "Order Desk 2") });
    expect(result.name).toBe("Order-Desk-2");
    expect(nameFromDirectory("/x/--weird..name--")).toBe("weird-name");
    expect(nameFromDirectory("/x/!!!")).toBe("agents-project");
  });

  it("refuses a non-empty directory without --force and writes nothing", async () => {
    await writeFile(path.join(work, "notes.txt"), "mine");
    const attempt = initProject({ dir: work, name: "x" });
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("not empty"),
    });
    await expect(readFile(path.join(work, "agentctl.yaml"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("treats a directory holding only .git as empty", async () => {
    await mkdir(path.join(work, ".git"));
    await expect(initProject({ dir: work, name: "x" })).resolves.toMatchObject({ name: "x" });
  });

  it("with --force overwrites scaffolded files and deletes nothing", async () => {
    await writeFile(path.join(work, "notes.txt"), "mine");
    await writeFile(path.join(work, "agentctl.yaml"), "name: old\n");
    await writeFile(path.join(work, "README.md"), "# my own readme\n");
    await writeFile(path.join(work, ".gitignore"), "node_modules/");
    const result = await initProject({ dir: work, name: "forced", force: true });

    expect(await readFile(path.join(work, "notes.txt"), "utf8")).toBe("mine");
    expect(await readFile(path.join(work, "README.md"), "utf8")).toBe("# my own readme\n");
    expect(await readFile(path.join(work, "agentctl.yaml"), "utf8")).toMatch(/^name: forced$/m);
    expect(await readFile(path.join(work, ".gitignore"), "utf8")).toBe("node_modules/\n.agentctl/\n");
    expect(result.kept).toEqual(["README.md"]);

    const again = await initProject({ dir: work, name: "forced", force: true });
    expect(again.kept).toEqual([".gitignore", "README.md"]);
    expect(await readFile(path.join(work, ".gitignore"), "utf8")).toBe("node_modules/\n.agentctl/\n");
  });

  it("rejects invalid names and a path that is a file", async () => {
    await expect(initProject({ dir: path.join(work, "a"), name: "bad name" })).rejects.toBeInstanceOf(
      UsageError,
    );
    await writeFile(path.join(work, "file"), "");
    await expect(initProject({ dir: path.join(work, "file"), name: "ok" })).rejects.toBeInstanceOf(
      UsageError,
    );
  });

  it("scaffolds a workflow template that validates clean", async () => {
    const dir = path.join(work, "p");
    await initProject({ dir, name: "p" });
    const diagnostics = await validateStateMachineFile(path.join(dir, "templates/order-workflow.asl.yaml"), {
      agentNames: ["order-validation", "shipping", "notification"],
    });
    expect(diagnostics).toEqual([]);
  });
});

describe("renameProject", () => {
  it("replaces only the top-level name and keeps comments", () => {
    const text = "# header\nname: order-processing\nworkflows:\n  - name: order-workflow\n";
    expect(renameProject(text, "shop")).toBe("# header\nname: shop\nworkflows:\n  - name: order-workflow\n");
    expect(renameProject("name: a\n", "123")).toBe('name: "123"\n');
  });
});

describe("agentctl init (command)", () => {
  it("prints the created files and the next step", async () => {
    const io = createRecordingIo({ style: plainStyle });
    const ctx: Context = {
      env: fixedEnv({}, work),
      io,
      options: { json: false, color: false, verbose: false, yes: false },
      projectDir: work,
    };
    await runInit(ctx, ["demo"], { name: "demo", force: false });
    const out = io.stdout.join("");
    expect(out).toContain("Created project demo in demo");
    expect(out).toContain("  templates/order-workflow.asl.yaml");
    expect(out).toMatch(/Next steps:\n\s+agentctl -C demo validate/);
  });

  it("returns the same facts as JSON", async () => {
    const io = createRecordingIo({ style: plainStyle, json: true });
    const ctx: Context = {
      env: fixedEnv({}, work),
      io,
      options: { json: true, color: false, verbose: false, yes: false },
      projectDir: work,
    };
    await runInit(ctx, [], { force: false });
    const result = JSON.parse(io.stdout.join(""));
    expect(result).toMatchObject({ dir: work, nextSteps: ["agentctl validate"] });
    expect(result.files).toContain("agentctl.yaml");
  });
});
