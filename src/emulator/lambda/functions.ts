import { randomUUID } from "node:crypto";
import type { AccountContext } from "../account/context.js";
import { checkAssumable } from "../iam/assumable.js";
import { transitionDelayMs } from "../timing.js";
import { decodeZip } from "./code.js";
import {
  functionNotFound,
  invalidParameter,
  lambdaNotFound,
  lambdaValidation,
  resourceConflict,
} from "./errors.js";
import { BARE_NAME, functionArn, parseFunctionName } from "./names.js";
import { type LambdaInput, type LambdaOperation, queryString } from "./operation.js";
import { settingsFrom } from "./settings.js";
import { configurationOf } from "./shape.js";
import { type FunctionSettings, LambdaTables, type StoredFunction } from "./store.js";
import { tagsFrom } from "./tags.js";

export const LAMBDA_PRINCIPAL = "lambda.amazonaws.com";

/**
 * Lambda checks the execution role on create and on a role change. A role
 * that does not exist, does not trust lambda.amazonaws.com, or changed less
 * than iamPropagationMs ago gets the same answer AWS gives during propagation
 * (§3): 400 InvalidParameterValueException.
 */
export function checkExecutionRole(ctx: AccountContext, role: string): void {
  const check = checkAssumable(ctx, role, LAMBDA_PRINCIPAL);
  if (!check.ok) throw invalidParameter("The role defined for the function cannot be assumed by Lambda.");
}

/** The function a request names; only $LATEST exists (no versions or aliases, SPEC.md). */
export function requireFunction(
  ctx: AccountContext,
  input: Pick<LambdaInput, "functionName" | "query">,
): StoredFunction {
  const ref = parseFunctionName(ctx, input.functionName, queryString(input.query, "Qualifier"));
  const fn = new LambdaTables(ctx.db).get(ref.name);
  if (!fn) throw functionNotFound(functionArn(ctx, ref.name));
  if (ref.qualifier !== undefined && ref.qualifier !== "$LATEST")
    throw functionNotFound(functionArn(ctx, ref.name, ref.qualifier));
  return fn;
}

const required = (body: Record<string, unknown>, key: string, member: string): void => {
  if (body[key] === undefined || body[key] === null)
    throw lambdaValidation(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
};

function createFunction(ctx: AccountContext, input: LambdaInput) {
  const body = input.body;
  required(body, "FunctionName", "functionName");
  required(body, "Role", "role");
  required(body, "Code", "code");
  const ref = parseFunctionName(ctx, String(body.FunctionName));
  if (!BARE_NAME.test(ref.name) || ref.qualifier !== undefined)
    throw lambdaValidation(
      `1 validation error detected: Value '${String(body.FunctionName)}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and have length less than or equal to 64`,
    );
  const given = settingsFrom(body);
  if ((body.PackageType ?? "Zip") !== "Zip")
    throw invalidParameter("The local emulator runs only Zip functions (PackageType Zip).");
  const code = body.Code as Record<string, unknown>;
  if (code.ZipFile === undefined)
    throw invalidParameter(
      "The local emulator takes function code only as Code.ZipFile; S3Bucket/S3Key and ImageUri are not emulated.",
    );
  if (!given.Runtime || !given.Handler)
    throw invalidParameter(
      "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
    );
  if (body.Publish === true)
    throw invalidParameter(
      "The local emulator does not publish Lambda versions: create with Publish false (the default).",
    );
  const uploaded = decodeZip(code.ZipFile);
  const tags = tagsFrom(body.Tags);
  const tables = new LambdaTables(ctx.db);
  if (tables.get(ref.name)) throw resourceConflict(`Function already exist: ${ref.name}`);
  checkExecutionRole(ctx, given.Role as string);
  const now = ctx.now();
  const settings: FunctionSettings = {
    Runtime: given.Runtime,
    Role: given.Role as string,
    Handler: given.Handler,
    Description: given.Description ?? "",
    Timeout: given.Timeout ?? 3,
    MemorySize: given.MemorySize ?? 128,
    ...(given.Environment ? { Environment: given.Environment } : {}),
    Architectures: given.Architectures ?? ["x86_64"],
    EphemeralStorage: given.EphemeralStorage ?? { Size: 512 },
    CodeSha256: uploaded.sha256,
    CodeSize: uploaded.zip.length,
    codeKey: uploaded.key,
    LastModified: now,
  };
  const fn: StoredFunction = {
    FunctionName: ref.name,
    FunctionArn: functionArn(ctx, ref.name),
    RevisionId: randomUUID(),
    current: settings,
    activeAt: now + transitionDelayMs(ctx.latency, "create"),
    updateDoneAt: 0,
    lastUpdated: false,
    policy: [],
    tags,
  };
  tables.putCode(uploaded.key, uploaded.zip);
  tables.insert(fn);
  return { status: 201, body: configurationOf(fn, now) };
}

export const FUNCTION_OPERATIONS: Record<string, LambdaOperation> = {
  CreateFunction: { mode: "write", run: createFunction },
  GetFunction: {
    mode: "read",
    run(ctx, input) {
      const fn = requireFunction(ctx, input);
      // Code.Location would be a presigned S3 URL; the emulator has none to give (SPEC.md).
      return {
        status: 200,
        body: {
          Configuration: configurationOf(fn, ctx.now()),
          Code: { RepositoryType: "S3" },
          ...(Object.keys(fn.tags).length > 0 ? { Tags: { ...fn.tags } } : {}),
        },
      };
    },
  },
  GetFunctionConfiguration: {
    mode: "read",
    run: (ctx, input) => ({ status: 200, body: configurationOf(requireFunction(ctx, input), ctx.now()) }),
  },
  ListFunctions: {
    mode: "read",
    run(ctx, input) {
      const all = new LambdaTables(ctx.db).all();
      const maxText = queryString(input.query, "MaxItems");
      const max = maxText === undefined ? 50 : Number(maxText);
      if (!Number.isInteger(max) || max < 1 || max > 10000)
        throw lambdaValidation(
          `1 validation error detected: Value '${maxText}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000`,
        );
      const marker = queryString(input.query, "Marker");
      const start =
        marker === undefined
          ? 0
          : all.findIndex((f) => f.FunctionName > Buffer.from(marker, "base64").toString("utf8"));
      const page = start < 0 ? [] : all.slice(start, start + max);
      const last = page.at(-1);
      const more = start >= 0 && start + max < all.length && last !== undefined;
      return {
        status: 200,
        body: {
          Functions: page.map((f) => configurationOf(f, ctx.now())),
          ...(more ? { NextMarker: Buffer.from(last.FunctionName).toString("base64") } : {}),
        },
      };
    },
  },
  DeleteFunction: {
    mode: "write",
    run(ctx, input) {
      const ref = parseFunctionName(ctx, input.functionName, queryString(input.query, "Qualifier"));
      const tables = new LambdaTables(ctx.db);
      if (!tables.get(ref.name)) throw functionNotFound(functionArn(ctx, ref.name));
      if (ref.qualifier !== undefined)
        throw ref.qualifier === "$LATEST"
          ? invalidParameter("$LATEST version cannot be deleted without deleting the function.")
          : lambdaNotFound(`Function not found: ${functionArn(ctx, ref.name, ref.qualifier)}`);
      tables.delete(ref.name);
      // 204 as before the Dec-2025 model change; both SDKs accept it (§2.3, §6).
      return { status: 204 };
    },
  },
};
