import type { AccountContext } from "../account/context.js";
import { trustsService } from "./policy-grammar.js";
import { IamTables } from "./store.js";

export type AssumeCheck =
  /** The role exists, trusts the service, and its last change has propagated. */
  | { ok: true }
  /** The role is not in this account, or its trust policy does not name the service. */
  | { ok: false; reason: "missing" | "untrusted" }
  /** The role was created or changed less than iamPropagationMs ago (§3). */
  | { ok: false; reason: "propagating"; settlesAt: number };

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;

/**
 * Whether `servicePrincipal` (e.g. "lambda.amazonaws.com") could assume
 * `roleArn` now. Internal API for the emulator's services that take a role
 * (Lambda here; Bedrock CreateAgent and Step Functions CreateStateMachine may
 * call it to reproduce §3's propagation errors). A role in another account
 * cannot be seen and is taken as assumable. Conditions are not evaluated.
 */
export function checkAssumable(ctx: AccountContext, roleArn: string, servicePrincipal: string): AssumeCheck {
  const match = ROLE_ARN.exec(roleArn);
  if (!match) return { ok: false, reason: "missing" };
  if (match[1] !== ctx.accountId) return { ok: true };
  const role = new IamTables(ctx.db).getRole(match[2] as string);
  // The ARN must name the role exactly, path included.
  if (!role || role.Arn !== roleArn) return { ok: false, reason: "missing" };
  if (!trustsService(role.AssumeRolePolicyDocument, servicePrincipal))
    return { ok: false, reason: "untrusted" };
  if (ctx.now() < role.settlesAt) return { ok: false, reason: "propagating", settlesAt: role.settlesAt };
  return { ok: true };
}
