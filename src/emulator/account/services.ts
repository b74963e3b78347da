import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { iamService } from "../iam/service.js";
import { lambdaOperations, lambdaService } from "../lambda/service.js";
import type { NormalisedRequest } from "../server/request.js";
import type { Service } from "../server/service.js";
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
  /** Removes the temporary code directory of an in-memory database. */
  close(): void;
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
  };
  const services: AccountServices = {
    iam: iamService(ctx),
    sts: stsService(ctx),
    lambda: lambdaService(ctx, lambdaOperations()),
  };
  return {
    ctx,
    services,
    claim: (request) => claimAccountService(request, services),
    close() {
      if (code.temporary) rmSync(code.dir, { recursive: true, force: true });
    },
  };
}
