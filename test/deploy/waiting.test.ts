import { describe, expect, it } from "vitest";
import { deployProject } from "../../src/core/deploy/engine.js";
import { pollUntil, retryOnConflict, WaitTimeoutError } from "../../src/core/deploy/wait.js";
import { deployEmulator, sampleCopy } from "./helpers.js";

const conflict = () => Object.assign(new Error("agent is PREPARING"), { name: "ConflictException" });

describe("waiting and retrying", () => {
  it("retries a write that hit ConflictException after the resource settles, and gives up on other errors", async () => {
    let calls = 0;
    let settled = 0;
    const value = await retryOnConflict(
      async () => {
        calls++;
        if (calls < 3) throw conflict();
        return "written";
      },
      async () => {
        settled++;
      },
    );
    expect([value, calls, settled]).toEqual(["written", 3, 2]);
    const other = Object.assign(new Error("bad"), { name: "ValidationException" });
    await expect(
      retryOnConflict(
        () => Promise.reject(other),
        async () => {},
      ),
    ).rejects.toBe(other);
  });

  it("polling stops at its deadline with a message naming what it waited for", async () => {
    const error = await pollUntil(
      async () => "CREATING",
      (s) => s === "PREPARED",
      "agent X to be ready",
      {
        initialMs: 5,
        maxMs: 10,
        timeoutMs: 50,
      },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toContain("agent X to be ready");
  });

  it("IAM propagation: CreateFunction right after CreateRole is retried until the role can be assumed", async () => {
    using project = sampleCopy();
    await using env = await deployEmulator(project.dir, { iamPropagationMs: 1_500 });
    const { result } = await deployProject(env.ports, {
      projectDir: project.dir,
      vars: {},
      progress: () => {},
    });
    expect(result.agents.map((a) => a.aliases)).toEqual([{ live: "1" }, { live: "1" }, { live: "1" }]);
    const createFunction = env.log().filter((e) => e.operation === "CreateFunction");
    // Refused while the new execution roles propagate, then created once each (three handlers, the adapter).
    expect(createFunction.filter((e) => e.status === 400).length).toBeGreaterThan(0);
    expect(createFunction.filter((e) => e.status === 201)).toHaveLength(4);
    expect(env.log().filter((e) => e.operation === "CreateStateMachine" && e.status === 200)).toHaveLength(1);
  }, 60_000);
});
