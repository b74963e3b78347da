import { randomUUID } from "node:crypto";
import type { AccountContext } from "../account/context.js";
import { transitionDelayMs } from "../timing.js";
import { decodeZip } from "./code.js";
import { invalidParameter, preconditionFailed, resourceConflict } from "./errors.js";
import { checkExecutionRole, requireFunction } from "./functions.js";
import type { LambdaInput, LambdaOperation } from "./operation.js";
import { settingsFrom } from "./settings.js";
import { configurationOf } from "./shape.js";
import { type FunctionSettings, LambdaTables, type StoredFunction } from "./store.js";

/**
 * Updates are refused while the function is Pending or a previous update is
 * InProgress, with the messages Lambda uses (R §2.3); a stale RevisionId is 412.
 */
function updatable(ctx: AccountContext, input: LambdaInput): StoredFunction {
  const fn = requireFunction(ctx, { functionName: input.functionName, query: {} });
  const now = ctx.now();
  if (now < fn.activeAt)
    throw resourceConflict(
      "The operation cannot be performed at this time. The function is currently in the following state: Pending",
    );
  if (now < fn.updateDoneAt)
    throw resourceConflict(
      `The operation cannot be performed at this time. An update is in progress for resource: ${fn.FunctionArn}`,
    );
  const revision = input.body.RevisionId;
  if (revision !== undefined && revision !== null && revision !== fn.RevisionId) throw preconditionFailed();
  return fn;
}

/** Starts an update: invocations keep running `previous` until it completes. */
function applyUpdate(ctx: AccountContext, fn: StoredFunction, next: FunctionSettings) {
  const now = ctx.now();
  fn.previous = fn.current;
  fn.current = { ...next, LastModified: now };
  fn.updateDoneAt = now + transitionDelayMs(ctx.latency, "update");
  fn.lastUpdated = true;
  fn.RevisionId = randomUUID();
  const tables = new LambdaTables(ctx.db);
  tables.update(fn);
  return { status: 200, body: configurationOf(fn, now) };
}

export const UPDATE_OPERATIONS: Record<string, LambdaOperation> = {
  UpdateFunctionCode: {
    mode: "write",
    run(ctx, input) {
      const body = input.body;
      if (body.S3Bucket !== undefined || body.S3Key !== undefined || body.ImageUri !== undefined)
        throw invalidParameter(
          "The local emulator takes function code only as ZipFile; S3Bucket/S3Key and ImageUri are not emulated.",
        );
      if (body.ZipFile === undefined || body.ZipFile === null)
        throw invalidParameter("Please provide a source for function code.");
      if (body.Publish === true)
        throw invalidParameter(
          "The local emulator does not publish Lambda versions: update with Publish false (the default).",
        );
      const fn = updatable(ctx, input);
      const uploaded = decodeZip(body.ZipFile);
      const architectures = settingsFrom({ Architectures: body.Architectures }).Architectures;
      const next: FunctionSettings = {
        ...fn.current,
        CodeSha256: uploaded.sha256,
        CodeSize: uploaded.zip.length,
        codeKey: uploaded.key,
        ...(architectures ? { Architectures: architectures } : {}),
      };
      // DryRun validates and reports without changing anything.
      if (body.DryRun === true)
        return { status: 200, body: configurationOf({ ...fn, current: next }, ctx.now()) };
      new LambdaTables(ctx.db).putCode(uploaded.key, uploaded.zip);
      return applyUpdate(ctx, fn, next);
    },
  },
  UpdateFunctionConfiguration: {
    mode: "write",
    run(ctx, input) {
      const body = input.body;
      const given = settingsFrom(body);
      const fn = updatable(ctx, input);
      if (given.Role !== undefined && given.Role !== fn.current.Role) checkExecutionRole(ctx, given.Role);
      const next: FunctionSettings = { ...fn.current, ...given };
      // A given Environment replaces the whole map; `{}` or no Variables clears it.
      if (body.Environment !== undefined && body.Environment !== null && !given.Environment)
        delete next.Environment;
      return applyUpdate(ctx, fn, next);
    },
  },
};
