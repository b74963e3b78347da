/**
 * Issue 7 end to end: return of control and user confirmation round-trip through the CLI, and a
 * handler that throws surfaces as the AWS error name and exit code — on an inline project
 * (desk-project.ts) deployed once to the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnCliAsync } from "../helpers/run-cli.js";
import { deskProject } from "./desk-project.js";
import { cliIn, deploy, scrub } from "./support.js";

const project = deskProject();
const cli = cliIn(project.dir);
beforeAll(() => deploy(project.dir), 60_000);
afterAll(() => project[Symbol.dispose]());

describe("return of control and confirmation through agentctl invoke", () => {
  it("runs a RETURN_CONTROL action through its local handler and resumes the turn with its result", async () => {
    const r = await cli(["invoke", "clerk", "Who is customer C-7?", "--trace"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Customer C-7 is Ana Silva.\n");
    const shown = scrub(r.stderr, project.dir);
    expect(shown).toContain(
      [
        "  → crm lookupCustomer (return of control)",
        "    parameters id=C-7",
        "⏸ return of control 1 action for the caller (invocation <uuid>)",
        "  → crm lookupCustomer",
        "    parameters id=C-7",
        "  ← (N ms) Ana Silva",
        "step 2",
      ].join("\n"),
    );

    const json = await cli(["--json", "invoke", "clerk", "Who is customer C-7?"]);
    const lines = json.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const handBack = lines.find((l) => l.returnControl)?.returnControl;
    expect(handBack.invocationInputs[0].functionInvocationInput).toMatchObject({
      actionGroup: "crm",
      function: "lookupCustomer",
      actionInvocationType: "RESULT",
    });
    expect(lines.at(-1).result).toMatchObject({ text: "Customer C-7 is Ana Silva.", returnControlRounds: 1 });
    // The resumed turn's trace shows the caller's result as the observation.
    const observed = lines
      .map((l) => l.trace?.trace?.orchestrationTrace?.observation?.actionGroupInvocationOutput?.text)
      .filter(Boolean);
    expect(observed).toEqual(["Ana Silva"]);
  });

  it("without a terminal and without --yes a call that needs confirmation is denied, and says so", async () => {
    const r = await cli(["invoke", "clerk", "please cancel ORD-9", "--trace"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Order ORD-9 stays open.\n");
    expect(r.stderr).toContain("→ orders cancelOrder — needs confirmation");
    expect(r.stderr).toContain(
      "warning: Denied orders cancelOrder(id=ORD-9): it needs confirmation and there is no terminal to ask (pass --yes to confirm).",
    );
    expect(r.stderr).toContain("The user denied the call to orders__cancelOrder; it was not performed.");
  });

  it("--yes confirms, and the Lambda executor then runs", async () => {
    const r = await cli(["--yes", "invoke", "clerk", "please cancel ORD-9"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Order ORD-9 cancelled.\n");
    expect(r.stderr).toContain("Confirmed orders cancelOrder(id=ORD-9) (--yes).");
  });
});

describe("a failing handler", () => {
  const message =
    "The Lambda function arn:aws:lambda:us-east-1:000000000000:function:Explode of action group broken failed with Error: the backend is down";

  it("is DependencyFailedException, exit 1, in the trace, in --json and from a separate process", async () => {
    const traced = await cli(["invoke", "clerk", "explode now", "--trace"]);
    expect(traced.code).toBe(1);
    expect(traced.stdout).toBe("");
    expect(traced.stderr).toContain("✖ dependencyFailedException");
    expect(traced.stderr).toContain(`error: DependencyFailedException: ${message}\n`);
    expect(traced.stderr).not.toContain("bug in agentctl");

    const json = await cli(["--json", "invoke", "clerk", "explode now"]);
    expect(json.code).toBe(1);
    const lines = json.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.at(-2)).toEqual({ dependencyFailedException: { message } });
    expect(lines.at(-1).result.error).toMatchObject({
      type: "CloudError",
      awsName: "DependencyFailedException",
      exitCode: 1,
      message,
    });

    const spawned = await spawnCliAsync(["invoke", "clerk", "explode now"], { cwd: project.dir });
    expect(spawned.code).toBe(1);
    expect(spawned.stdout).toBe("");
    expect(spawned.stderr).toBe(`error: DependencyFailedException: ${message}\n`);
  });
});
