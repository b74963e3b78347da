import type { Database } from "../store/database.js";
import type { LatencyProfile } from "../timing.js";

/**
 * What the account-level services (IAM, STS, Lambda, SNS) share: the database,
 * the emulated account and region, and the timing knobs. Built once per
 * emulator in account/services.ts.
 */
export interface AccountContext {
  db: Database;
  region: string;
  accountId: string;
  latency: LatencyProfile;
  now(): number;
  /**
   * How long after a role is created or its policies change other services
   * cannot assume it (aws-iam-sts-lambda-sns.md §3); 0 turns propagation off.
   */
  iamPropagationMs: number;
  /** Content-addressed directory where uploaded Lambda zips are extracted. */
  codeDir: string;
}
