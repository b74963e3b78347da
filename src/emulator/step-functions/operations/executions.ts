/** StartExecution, StartSyncExecution, Describe/List/Stop/RedriveExecution. */
import { randomUUID } from "node:crypto";
import type { ExecutionState, Json, JsonObject } from "../../states/types.js";
import type { SfnContext } from "../context.js";
import { sfnError } from "../errors.js";
import { ExecutionQueries, type ExecutionRow } from "../execution-queries.js";
import {
  decodePageToken,
  encodePageToken,
  optional,
  optionalInt,
  required,
  type SfnInput,
} from "../input.js";
import { checkName, epochSeconds, executionArn, expressExecutionArn, parseArn } from "../names.js";
import { getMachine } from "./state-machines.js";

const MAX_PAYLOAD = 262_144;

export const queries = (ctx: SfnContext): ExecutionQueries => new ExecutionQueries(ctx.store.db);

function executionInput(input: SfnInput): { text: string; value: Json } {
  const text = optional(input, "input") ?? "{}";
  if (Buffer.byteLength(text, "utf8") > MAX_PAYLOAD)
    throw sfnError(
      "InvalidExecutionInput",
      `Invalid State Machine Execution Input: the input is larger than ${MAX_PAYLOAD} bytes.`,
    );
  try {
    return { text, value: JSON.parse(text) as Json };
  } catch (err) {
    throw sfnError(
      "InvalidExecutionInput",
      `Invalid State Machine Execution Input: '${(err as Error).message}'`,
    );
  }
}

export function getExecution(ctx: SfnContext, arn: string): ExecutionRow {
  parseArn(arn, "execution");
  const row = queries(ctx).row(arn);
  if (!row) throw sfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
  return row;
}

export function startExecution(ctx: SfnContext, input: SfnInput) {
  const machine = getMachine(ctx, required(input, "stateMachineArn"));
  const name = optional(input, "name") ?? randomUUID();
  checkName(name, "execution");
  const { value } = executionInput(input);
  const definition = JSON.parse(machine.definition) as JsonObject;
  const now = ctx.now();
  const base = {
    stateMachineArn: machine.stateMachineArn,
    name,
    roleArn: machine.roleArn,
    input: value,
    definition,
    now,
  };
  if (machine.type === "EXPRESS") {
    const arn = expressExecutionArn(ctx, machine.name, name, randomUUID());
    ctx.expressDriver.start({ ...base, executionArn: arn });
    // No history is kept for EXPRESS executions: forget it once it ends.
    void ctx.expressDriver.untilSettled(arn).then(() => ctx.expressRepository.delete(arn));
    return { executionArn: arn, startDate: epochSeconds(now) };
  }
  const arn = executionArn(ctx, machine.name, name);
  const existing = queries(ctx).row(arn);
  if (existing) {
    // Idempotent while running with the same input (§6.2); otherwise the name is taken.
    if (existing.status === "RUNNING" && existing.input === JSON.stringify(value))
      return { executionArn: arn, startDate: epochSeconds(existing.startDate) };
    throw sfnError("ExecutionAlreadyExists", `Execution Already Exists: '${arn}'`);
  }
  ctx.driver.start({ ...base, executionArn: arn });
  return { executionArn: arn, startDate: epochSeconds(now) };
}

function outcomeFields(exec: ExecutionState, withData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (exec.status === "SUCCEEDED" && withData) {
    out.output = JSON.stringify(exec.output ?? null);
    out.outputDetails = { included: true };
  }
  if (exec.error) out.error = exec.error;
  if (exec.cause) out.cause = exec.cause;
  return out;
}

export async function startSyncExecution(ctx: SfnContext, input: SfnInput) {
  const machine = getMachine(ctx, required(input, "stateMachineArn"));
  if (machine.type !== "EXPRESS")
    throw sfnError(
      "StateMachineTypeNotSupported",
      "This operation is only supported by EXPRESS state machines.",
    );
  const name = optional(input, "name") ?? randomUUID();
  checkName(name, "execution");
  const { text, value } = executionInput(input);
  const now = ctx.now();
  const arn = expressExecutionArn(ctx, machine.name, name, randomUUID());
  ctx.expressDriver.start({
    executionArn: arn,
    stateMachineArn: machine.stateMachineArn,
    name,
    roleArn: machine.roleArn,
    input: value,
    definition: JSON.parse(machine.definition) as JsonObject,
    now,
  });
  await ctx.expressDriver.untilSettled(arn);
  const exec = ctx.expressRepository.load(arn)?.exec as ExecutionState;
  ctx.expressRepository.delete(arn);
  const stop = exec.stopTime ?? ctx.now();
  return {
    executionArn: arn,
    stateMachineArn: machine.stateMachineArn,
    name,
    startDate: epochSeconds(now),
    stopDate: epochSeconds(stop),
    status: exec.status,
    input: text,
    inputDetails: { included: true },
    ...outcomeFields(exec, true),
    billingDetails: {
      billedMemoryUsedInMB: 64,
      billedDurationInMilliseconds: Math.max(100, Math.ceil((stop - now) / 100) * 100),
    },
  };
}

function redriveStatus(exec: ExecutionState): Record<string, unknown> {
  if (exec.status === "RUNNING" || exec.status === "SUCCEEDED")
    return {
      redriveStatus: "NOT_REDRIVABLE",
      redriveStatusReason: `Execution is ${exec.status} and cannot be redriven`,
    };
  return { redriveStatus: "REDRIVABLE" };
}

export function describeExecution(ctx: SfnContext, input: SfnInput) {
  const arn = required(input, "executionArn");
  const row = getExecution(ctx, arn);
  const exec = queries(ctx).state(arn) as ExecutionState;
  const withData = optional(input, "includedData") !== "METADATA_ONLY";
  return {
    executionArn: row.arn,
    stateMachineArn: row.stateMachineArn,
    name: row.name,
    status: row.status,
    startDate: epochSeconds(row.startDate),
    ...(row.stopDate !== undefined ? { stopDate: epochSeconds(row.stopDate) } : {}),
    ...(withData ? { input: row.input, inputDetails: { included: true } } : {}),
    ...outcomeFields(exec, withData),
    redriveCount: exec.redriveCount,
    ...(exec.redriveTime !== undefined ? { redriveDate: epochSeconds(exec.redriveTime) } : {}),
    ...redriveStatus(exec),
  };
}

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];

export function listExecutions(ctx: SfnContext, input: SfnInput) {
  const machineArn = optional(input, "stateMachineArn");
  if (machineArn === undefined)
    throw sfnError(
      "ValidationException",
      "Must provide a StateMachine ARN or MapRun ARN (map runs are not emulated).",
    );
  const machine = getMachine(ctx, machineArn);
  if (machine.type === "EXPRESS")
    throw sfnError(
      "StateMachineTypeNotSupported",
      "This operation is not supported by EXPRESS state machines.",
    );
  const status = optional(input, "statusFilter");
  if (status !== undefined && !STATUSES.includes(status))
    throw sfnError(
      "ValidationException",
      `1 validation error detected: Value '${status}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(", ")}]`,
    );
  const redrive = optional(input, "redriveFilter");
  const limit = optionalInt(input, "maxResults", 0, 1000) || 100;
  const before = decodePageToken(input, `executions:${machineArn}`);
  const rows = queries(ctx).page(
    {
      machineArn,
      ...(status ? { status } : {}),
      ...(redrive ? { redriven: redrive === "REDRIVEN" } : {}),
      ...(before !== undefined ? { before } : {}),
    },
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    executions: page.map((row) => ({
      executionArn: row.arn,
      stateMachineArn: row.stateMachineArn,
      name: row.name,
      status: row.status,
      startDate: epochSeconds(row.startDate),
      ...(row.stopDate !== undefined ? { stopDate: epochSeconds(row.stopDate) } : {}),
      redriveCount: row.redriveCount,
    })),
    ...(rows.length > limit && last
      ? { nextToken: encodePageToken(`executions:${machineArn}`, last.seq) }
      : {}),
  };
}

export async function stopExecution(ctx: SfnContext, input: SfnInput) {
  const arn = required(input, "executionArn");
  const error = optional(input, "error", 256);
  const cause = optional(input, "cause", 32_768);
  getExecution(ctx, arn);
  await ctx.driver.stop(arn, error, cause);
  const row = getExecution(ctx, arn);
  return { stopDate: epochSeconds(row.stopDate ?? ctx.now()) };
}

export async function redriveExecution(ctx: SfnContext, input: SfnInput) {
  const arn = required(input, "executionArn");
  const row = getExecution(ctx, arn);
  if (row.status === "RUNNING" || row.status === "SUCCEEDED")
    throw sfnError("ExecutionNotRedrivable", `Execution is ${row.status} and cannot be redriven: '${arn}'`);
  const redriven = await ctx.driver.redrive(arn);
  if (!redriven) throw sfnError("ExecutionNotRedrivable", `Execution cannot be redriven: '${arn}'`);
  return { redriveDate: epochSeconds(redriven.redriveTime ?? ctx.now()) };
}
