/** The §6.2 operations through the JS SDK's SFNClient: shapes, idempotency, pagination and error codes. */
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  RedriveExecutionCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { errorOf } from "../support.js";
import { ROLE, sfnEmulator, until } from "./support.js";

const PASS = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
const CALLBACK = JSON.stringify({
  StartAt: "Ask",
  States: {
    Ask: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Parameters: { Payload: { "token.$": "$$.Task.Token" } },
      HeartbeatSeconds: 1,
      End: true,
    },
  },
});
const TOKENS: string[] = [];
const internals = {
  integrations: {
    "lambda:invoke": (req: { ctx: { taskToken?: string } }) => {
      if (req.ctx.taskToken) TOKENS.push(req.ctx.taskToken);
      return { ok: true as const, output: {} };
    },
  },
};

async function create(sfn: SFNClient, name: string, definition = PASS, type?: "EXPRESS") {
  return (
    await sfn.send(
      new CreateStateMachineCommand({ name, definition, roleArn: ROLE, ...(type ? { type } : {}) }),
    )
  ).stateMachineArn as string;
}

const finished = (sfn: SFNClient, executionArn: string) =>
  until(
    () => sfn.send(new DescribeExecutionCommand({ executionArn })),
    (d) => d.status !== "RUNNING",
    "the execution to end",
  );

describe("state machines", () => {
  it("create, describe, list (paginated), update, delete", async () => {
    await using t = await sfnEmulator();
    const arn = await create(t.sfn, "first");
    expect(arn).toBe("arn:aws:states:us-east-1:000000000000:stateMachine:first");
    await create(t.sfn, "second");
    await create(t.sfn, "third");
    const described = await t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(described).toMatchObject({
      name: "first",
      definition: PASS,
      roleArn: ROLE,
      type: "STANDARD",
      status: "ACTIVE",
    });
    expect(described.creationDate).toBeInstanceOf(Date);
    const page1 = await t.sfn.send(new ListStateMachinesCommand({ maxResults: 2 }));
    expect(page1.stateMachines?.map((m) => m.name)).toEqual(["first", "second"]);
    const page2 = await t.sfn.send(
      new ListStateMachinesCommand({ maxResults: 2, nextToken: page1.nextToken }),
    );
    expect(page2.stateMachines?.map((m) => m.name)).toEqual(["third"]);
    expect(page2.nextToken).toBeUndefined();
    const updated = await t.sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: arn, definition: CALLBACK }),
    );
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect((await t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).definition).toBe(
      CALLBACK,
    );
    expect((await errorOf(t.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn })))).name).toBe(
      "MissingRequiredParameter",
    );
    await t.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    expect((await errorOf(t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })))).name).toBe(
      "StateMachineDoesNotExist",
    );
  });

  it("CreateStateMachine is idempotent on the same definition and refuses another under the same name", async () => {
    await using t = await sfnEmulator();
    const arn = await create(t.sfn, "same");
    expect(await create(t.sfn, "same")).toBe(arn);
    expect((await errorOf(create(t.sfn, "same", CALLBACK))).name).toBe("StateMachineAlreadyExists");
  });

  it("rejects bad definitions, names and ARNs with AWS's codes", async () => {
    await using t = await sfnEmulator();
    const notJson = await errorOf(create(t.sfn, "bad", "{not json"));
    expect([notJson.name, notJson.$metadata?.httpStatusCode]).toEqual(["InvalidDefinition", 400]);
    const unknownTarget = await errorOf(
      create(
        t.sfn,
        "bad",
        JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } }),
      ),
    );
    expect(unknownTarget.name).toBe("InvalidDefinition");
    expect(unknownTarget.message).toContain("MISSING_TRANSITION_TARGET");
    expect(
      (
        await errorOf(
          create(t.sfn, "bad", JSON.stringify({ StartAt: "A", States: { A: { Type: "Pasx", End: true } } })),
        )
      ).name,
    ).toBe("InvalidDefinition");
    expect((await errorOf(create(t.sfn, "has space"))).name).toBe("InvalidName");
    expect((await errorOf(create(t.sfn, "a".repeat(81)))).name).toBe("InvalidName");
    expect(
      (await errorOf(t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: "nope" })))).name,
    ).toBe("InvalidArn");
  });

  it("ValidateStateMachineDefinition returns OK or FAIL with diagnostics", async () => {
    await using t = await sfnEmulator();
    expect(await t.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS }))).toMatchObject({
      result: "OK",
      diagnostics: [],
    });
    const fail = await t.sfn.send(
      new ValidateStateMachineDefinitionCommand({
        definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } }),
      }),
    );
    expect(fail.result).toBe("FAIL");
    expect(fail.diagnostics?.[0]).toMatchObject({ severity: "ERROR" });
    expect(fail.diagnostics?.map((d) => d.code)).toContain("MISSING_TRANSITION_TARGET");
  });

  it("tags: TagResource, ListTagsForResource, UntagResource; unknown resource → ResourceNotFound", async () => {
    await using t = await sfnEmulator();
    const arn = (
      await t.sfn.send(
        new CreateStateMachineCommand({
          name: "tagged",
          definition: PASS,
          roleArn: ROLE,
          tags: [{ key: "team", value: "a" }],
        }),
      )
    ).stateMachineArn as string;
    await t.sfn.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "env", value: "dev" }] }));
    expect((await t.sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { key: "team", value: "a" },
      { key: "env", value: "dev" },
    ]);
    await t.sfn.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["team"] }));
    expect((await t.sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { key: "env", value: "dev" },
    ]);
    expect((await errorOf(t.sfn.send(new ListTagsForResourceCommand({ resourceArn: `${arn}x` })))).name).toBe(
      "ResourceNotFound",
    );
  });
});

describe("executions", () => {
  it("StartExecution: idempotent by name with the same input while running, ExecutionAlreadyExists otherwise", async () => {
    await using t = await sfnEmulator({}, internals);
    const stateMachineArn = await create(t.sfn, "cb", CALLBACK);
    const first = await t.sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: "run-1", input: '{"a":1}' }),
    );
    const again = await t.sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: "run-1", input: '{"a":1}' }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate?.getTime()).toBe(first.startDate?.getTime());
    expect(
      (
        await errorOf(
          t.sfn.send(new StartExecutionCommand({ stateMachineArn, name: "run-1", input: '{"a":2}' })),
        )
      ).name,
    ).toBe("ExecutionAlreadyExists");
    await t.sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    expect(
      (
        await errorOf(
          t.sfn.send(new StartExecutionCommand({ stateMachineArn, name: "run-1", input: '{"a":1}' })),
        )
      ).name,
    ).toBe("ExecutionAlreadyExists");
  });

  it("rejects bad input, names and unknown machines", async () => {
    await using t = await sfnEmulator();
    const stateMachineArn = await create(t.sfn, "p");
    expect(
      (await errorOf(t.sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{oops" })))).name,
    ).toBe("InvalidExecutionInput");
    expect(
      (
        await errorOf(
          t.sfn.send(
            new StartExecutionCommand({ stateMachineArn, input: JSON.stringify("x".repeat(262_144)) }),
          ),
        )
      ).name,
    ).toBe("InvalidExecutionInput");
    expect(
      (await errorOf(t.sfn.send(new StartExecutionCommand({ stateMachineArn, name: "a/b" })))).name,
    ).toBe("InvalidName");
    expect(
      (await errorOf(t.sfn.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}-gone` }))))
        .name,
    ).toBe("StateMachineDoesNotExist");
    const missing = `arn:aws:states:us-east-1:000000000000:execution:p:nope`;
    expect((await errorOf(t.sfn.send(new DescribeExecutionCommand({ executionArn: missing })))).name).toBe(
      "ExecutionDoesNotExist",
    );
  });

  it("DescribeExecution and the default name; output only when SUCCEEDED", async () => {
    await using t = await sfnEmulator();
    const stateMachineArn = await create(t.sfn, "p");
    const { executionArn } = await t.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"x":1}' }),
    );
    expect(executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:execution:p:[0-9a-f-]{36}$/);
    const done = await finished(t.sfn, executionArn as string);
    expect(done).toMatchObject({
      status: "SUCCEEDED",
      input: '{"x":1}',
      output: '{"x":1}',
      stateMachineArn,
      redriveCount: 0,
      redriveStatus: "NOT_REDRIVABLE",
    });
    expect(done.stopDate?.getTime()).toBeGreaterThanOrEqual(done.startDate?.getTime() ?? 0);
  });

  it("ListExecutions: newest first, statusFilter, pagination", async () => {
    await using t = await sfnEmulator({}, internals);
    const stateMachineArn = await create(t.sfn, "cb", CALLBACK);
    const arns: string[] = [];
    for (const name of ["a", "b", "c"])
      arns.push(
        (await t.sfn.send(new StartExecutionCommand({ stateMachineArn, name }))).executionArn as string,
      );
    await t.sfn.send(new StopExecutionCommand({ executionArn: arns[0] }));
    const page1 = await t.sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 2 }));
    expect(page1.executions?.map((e) => e.name)).toEqual(["c", "b"]);
    const page2 = await t.sfn.send(
      new ListExecutionsCommand({ stateMachineArn, maxResults: 2, nextToken: page1.nextToken }),
    );
    expect(page2.executions?.map((e) => e.name)).toEqual(["a"]);
    const aborted = await t.sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: "ABORTED" }));
    expect(aborted.executions?.map((e) => [e.name, e.status])).toEqual([["a", "ABORTED"]]);
    expect(
      (await errorOf(t.sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken: "garbage" })))).name,
    ).toBe("InvalidToken");
  });

  it("GetExecutionHistory: reverseOrder, includeExecutionData, pagination", async () => {
    await using t = await sfnEmulator();
    const definition = JSON.stringify({
      StartAt: "A",
      States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", End: true } },
    });
    const stateMachineArn = await create(t.sfn, "two", definition);
    const { executionArn } = await t.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"secret":1}' }),
    );
    await finished(t.sfn, executionArn as string);
    const all = (await t.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
    expect(all.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all[0]?.timestamp).toBeInstanceOf(Date);
    const reversed =
      (await t.sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true }))).events ?? [];
    expect(reversed.map((e) => e.id)).toEqual([6, 5, 4, 3, 2, 1]);
    const bare =
      (await t.sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false })))
        .events ?? [];
    expect(bare[0]?.executionStartedEventDetails?.input).toBeUndefined();
    expect(bare[0]?.executionStartedEventDetails?.roleArn).toBe(ROLE);
    const page1 = await t.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 4 }));
    const page2 = await t.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 4, nextToken: page1.nextToken }),
    );
    expect([...(page1.events ?? []), ...(page2.events ?? [])].map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(page2.nextToken).toBeUndefined();
  });

  it("StopExecution aborts with ExecutionAborted{error, cause}; RedriveExecution resumes at the failed state", async () => {
    await using t = await sfnEmulator({}, internals);
    const stateMachineArn = await create(t.sfn, "cb", CALLBACK);
    const { executionArn } = await t.sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }),
    );
    await until(
      () => t.sfn.send(new GetExecutionHistoryCommand({ executionArn })),
      (h) => (h.events ?? []).some((e) => e.type === "TaskSubmitted"),
      "the task",
    );
    const stopped = await t.sfn.send(
      new StopExecutionCommand({ executionArn, error: "User.Cancelled", cause: "no longer needed" }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const described = await t.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({
      status: "ABORTED",
      error: "User.Cancelled",
      cause: "no longer needed",
      redriveStatus: "REDRIVABLE",
    });
    const events = (await t.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
    expect(events.at(-1)).toMatchObject({
      type: "ExecutionAborted",
      executionAbortedEventDetails: { error: "User.Cancelled", cause: "no longer needed" },
    });
    const redriven = await t.sfn.send(new RedriveExecutionCommand({ executionArn }));
    expect(redriven.redriveDate).toBeInstanceOf(Date);
    await until(
      () => t.sfn.send(new GetExecutionHistoryCommand({ executionArn })),
      (h) => (h.events ?? []).filter((e) => e.type === "TaskSubmitted").length === 2,
      "the redriven task",
    );
    await t.sfn.send(new SendTaskSuccessCommand({ taskToken: TOKENS.at(-1), output: '"done"' }));
    const done = await finished(t.sfn, executionArn as string);
    expect([done.status, done.output, done.redriveCount]).toEqual(["SUCCEEDED", '"done"', 1]);
    const types = ((await t.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? []).map(
      (e) => e.type,
    );
    expect(types).toContain("ExecutionRedriven");
    expect((await errorOf(t.sfn.send(new RedriveExecutionCommand({ executionArn })))).name).toBe(
      "ExecutionNotRedrivable",
    );
  });

  it("StartSyncExecution runs an EXPRESS machine to the end and answers with its output; STANDARD is refused", async () => {
    await using t = await sfnEmulator();
    const express = await create(
      t.sfn,
      "fast",
      JSON.stringify({
        StartAt: "P",
        States: { P: { Type: "Pass", Parameters: { "got.$": "$.x" }, End: true } },
      }),
      "EXPRESS",
    );
    const sync = await t.sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: express, input: '{"x":5}' }),
    );
    expect(sync).toMatchObject({ status: "SUCCEEDED", output: '{"got":5}', input: '{"x":5}' });
    expect(sync.executionArn).toMatch(/:express:fast:/);
    const failing = await create(
      t.sfn,
      "fails",
      JSON.stringify({ StartAt: "F", States: { F: { Type: "Fail", Error: "Nope", Cause: "because" } } }),
      "EXPRESS",
    );
    expect(await t.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: failing }))).toMatchObject({
      status: "FAILED",
      error: "Nope",
      cause: "because",
    });
    const callback = await errorOf(create(t.sfn, "express-callback", CALLBACK, "EXPRESS"));
    expect([callback.name, callback.message]).toEqual([
      "InvalidDefinition",
      expect.stringContaining("'.waitForTaskToken'"),
    ]);
    const standard = await create(t.sfn, "std");
    expect(
      (await errorOf(t.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standard })))).name,
    ).toBe("StateMachineTypeNotSupported");
  });
});

describe("filters and data options", () => {
  it("redriveFilter, includedData METADATA_ONLY, history of an unknown execution, EXPRESS StartExecution", async () => {
    await using t = await sfnEmulator();
    const failing = await create(
      t.sfn,
      "fails",
      JSON.stringify({ StartAt: "F", States: { F: { Type: "Fail", Error: "E" } } }),
    );
    const one = (
      await t.sfn.send(
        new StartExecutionCommand({ stateMachineArn: failing, name: "one", input: '{"big":"data"}' }),
      )
    ).executionArn as string;
    const two = (await t.sfn.send(new StartExecutionCommand({ stateMachineArn: failing, name: "two" })))
      .executionArn as string;
    await finished(t.sfn, one);
    await finished(t.sfn, two);
    await t.sfn.send(new RedriveExecutionCommand({ executionArn: one }));
    await until(
      () => t.sfn.send(new DescribeExecutionCommand({ executionArn: one })),
      (d) => d.status === "FAILED" && d.redriveCount === 1,
      "the redrive to fail again",
    );
    const redriven = await t.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: failing, redriveFilter: "REDRIVEN" }),
    );
    expect(redriven.executions?.map((e) => e.name)).toEqual(["one"]);
    const notRedriven = await t.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: failing, redriveFilter: "NOT_REDRIVEN" }),
    );
    expect(notRedriven.executions?.map((e) => e.name)).toEqual(["two"]);
    const metadata = await t.sfn.send(
      new DescribeExecutionCommand({ executionArn: one, includedData: "METADATA_ONLY" }),
    );
    expect(metadata.input).toBeUndefined();
    expect(metadata.redriveDate).toBeInstanceOf(Date);
    expect(
      (await errorOf(t.sfn.send(new GetExecutionHistoryCommand({ executionArn: `${one}x` })))).name,
    ).toBe("ExecutionDoesNotExist");
    const express = await create(t.sfn, "async-express", PASS, "EXPRESS");
    const started = await t.sfn.send(new StartExecutionCommand({ stateMachineArn: express }));
    expect(started.executionArn).toMatch(/:express:async-express:/);
    expect((await errorOf(t.sfn.send(new ListExecutionsCommand({ stateMachineArn: express })))).name).toBe(
      "StateMachineTypeNotSupported",
    );
  });
});

describe("task tokens", () => {
  it("SendTaskSuccess/Failure/Heartbeat: InvalidToken, TaskDoesNotExist, TaskTimedOut, InvalidOutput", async () => {
    await using t = await sfnEmulator({}, internals);
    expect(
      (await errorOf(t.sfn.send(new SendTaskSuccessCommand({ taskToken: "not-a-token", output: "{}" }))))
        .name,
    ).toBe("InvalidToken");
    const stateMachineArn = await create(t.sfn, "cb", CALLBACK);
    const { executionArn } = await t.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    await until(
      async () => TOKENS.length,
      () => TOKENS.length > 0 && TOKENS.some((tok) => tok.length > 0),
      "a token",
    );
    await until(
      () => t.sfn.send(new GetExecutionHistoryCommand({ executionArn })),
      (h) => (h.events ?? []).some((e) => e.type === "TaskSubmitted"),
      "the task",
    );
    const token = TOKENS.at(-1) as string;
    expect(
      (await errorOf(t.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{nope" })))).name,
    ).toBe("InvalidOutput");
    await t.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await t.sfn.send(
      new SendTaskFailureCommand({ taskToken: token, error: "Rejected", cause: "by a human" }),
    );
    const done = await finished(t.sfn, executionArn as string);
    expect([done.status, done.error, done.cause]).toEqual(["FAILED", "Rejected", "by a human"]);
    expect(
      (await errorOf(t.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })))).name,
    ).toBe("TaskDoesNotExist");
    // HeartbeatSeconds is 1: a token whose heartbeat lapsed answers TaskTimedOut.
    const second = await t.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    await until(
      () => t.sfn.send(new DescribeExecutionCommand({ executionArn: second.executionArn })),
      (d) => d.status === "FAILED",
      "the heartbeat timeout",
    );
    expect(
      (await errorOf(t.sfn.send(new SendTaskSuccessCommand({ taskToken: TOKENS.at(-1), output: "{}" }))))
        .name,
    ).toBe("TaskTimedOut");
  });
});
