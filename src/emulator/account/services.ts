import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { type AssumeCheck, checkAssumable } from "../iam/assumable.js";
import { iamService } from "../iam/service.js";
import { type InvokeOptions, type InvokeResult, invokeFunction } from "../lambda/invoke.js";
import { FunctionRunner } from "../lambda/runner.js";
import { lambdaService } from "../lambda/service.js";
import type { NormalisedRequest } from "../server/request.js";
import type { Service } from "../server/service.js";
import {
  type OutboxQuery,
  type PublishInput,
  type PublishOutput,
  publish,
  readOutbox,
} from "../sns/publish.js";
import { snsService } from "../sns/service.js";
import type { OutboxEntry } from "../sns/store.js";
import type { Database } from "../store/database.js";
import { stsService } from "../sts/service.js";
import type { LatencyProfile } from "../timing.js";
import { type AccountServices, claimAccountService } from "./claims.js";
import type { AccountContext } from "./context.js";

/** IAM propagation per latency profile when the caller does not choose (SPEC.md §IAM). */
export const DEFAULT_IAM_PROPAGATION_MS: Record<LatencyProfile, number> = { fast: 0, realistic: 5_000 };

export interface AccountServicesOptions {
  db: Database;
  dbPath: string;
  region: string;
  accountId: string;
  latency: LatencyProfile;
  iamPropagationMs?: number;
  now?: () => number;
}

export interface RunningAccountServices {
  ctx: AccountContext;
  services: AccountServices;
  claim(request: NormalisedRequest): Service | undefined;
  /** Whether a service principal could assume a role now (iam/assumable.ts), for CreateAgent/CreateStateMachine. */
  checkAssumable(roleArn: string, servicePrincipal: string): AssumeCheck;
  /** Lambda Invoke for the emulator's other services (lambda/invoke.ts). */
  invokeFunction(functionNameOrArn: string, payload: unknown, options?: InvokeOptions): Promise<InvokeResult>;
  /** SNS Publish for Step Functions' sns:publish task (sns/publish.ts). */
  publish(input: PublishInput): PublishOutput;
  /** The SNS outbox, oldest first (for `agentctl local outbox`). */
  readOutbox(query?: OutboxQuery): OutboxEntry[];
  /** Stops every function's execution environment and removes an in-memory database's code directory. */
  close(): Promise<void>;
}

/**
 * Where uploaded zips are extracted: `<db file>.lambda/` beside a database
 * file, a fresh temporary directory (removed on close) for ":memory:".
 */
function codeDirFor(dbPath: string): { dir: string; temporary: boolean } {
  if (dbPath === ":memory:") return { dir: mkdtempSync(join(tmpdir(), "agentctl-lambda-")), temporary: true };
  const dir = join(dirname(dbPath), `${basename(dbPath)}.lambda`);
  mkdirSync(dir, { recursive: true });
  return { dir, temporary: false };
}

/** IAM, STS, Lambda and SNS over the emulator's database. */
export function startAccountServices(opts: AccountServicesOptions): RunningAccountServices {
  const code = codeDirFor(opts.dbPath);
  const ctx: AccountContext = {
    db: opts.db,
    region: opts.region,
    accountId: opts.accountId,
    latency: opts.latency,
    now: opts.now ?? Date.now,
    iamPropagationMs: opts.iamPropagationMs ?? DEFAULT_IAM_PROPAGATION_MS[opts.latency],
    codeDir: code.dir,
    runner: new FunctionRunner(),
  };
  const services: AccountServices = {
    iam: iamService(ctx),
    sts: stsService(ctx),
    lambda: lambdaService(ctx),
    sns: snsService(ctx),
  };
  return {
    ctx,
    services,
    claim: (request) => claimAccountService(request, services),
    checkAssumable: (roleArn, principal) => ctx.db.read(() => checkAssumable(ctx, roleArn, principal)),
    invokeFunction: (name, payload, options) => invokeFunction(ctx, name, payload, options),
    publish: (input) => publish(ctx, input),
    readOutbox: (query) => readOutbox(ctx, query),
    async close() {
      await ctx.runner.close();
      if (code.temporary) rmSync(code.dir, { recursive: true, force: true });
    },
  };
}
