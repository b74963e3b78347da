/** ARNs and names (§6.2): what Step Functions accepts and how it builds them. */
import { invalidArn, sfnError } from "./errors.js";

/** 1–80 characters; no whitespace, no `< > { } [ ] ? * " # % \ ^ | ~ \` $ & , ; : /`, no control characters. */
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;

function hasControlCharacter(name: string): boolean {
  for (const c of name) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

export function checkName(name: string, what: "state machine" | "execution"): void {
  if (name.length < 1 || name.length > 80 || FORBIDDEN.test(name) || hasControlCharacter(name))
    throw sfnError(
      "InvalidName",
      `Invalid Name: '${name}' (a ${what} name is 1-80 characters without whitespace, brackets, wildcards, quotes or the characters # % \\ ^ | ~ \` $ & , ; : /)`,
    );
}

export interface Arns {
  region: string;
  accountId: string;
}

export const stateMachineArn = (a: Arns, name: string): string =>
  `arn:aws:states:${a.region}:${a.accountId}:stateMachine:${name}`;

export const executionArn = (a: Arns, machineName: string, name: string): string =>
  `arn:aws:states:${a.region}:${a.accountId}:execution:${machineName}:${name}`;

export const expressExecutionArn = (a: Arns, machineName: string, name: string, id: string): string =>
  `arn:aws:states:${a.region}:${a.accountId}:express:${machineName}:${name}:${id}`;

const ARN =
  /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(stateMachine|execution|express):([^:]+)(?::([^:]+))?(?::([^:]+))?$/;

export function parseArn(
  arn: string,
  kind: "stateMachine" | "execution",
): { machineName: string; name?: string } {
  const m = ARN.exec(arn);
  if (!m) throw invalidArn(arn);
  if (kind === "stateMachine" && (m[1] !== "stateMachine" || m[3] !== undefined)) throw invalidArn(arn);
  if (kind === "execution" && (m[1] === "stateMachine" || m[3] === undefined)) throw invalidArn(arn);
  return { machineName: m[2] as string, ...(m[3] ? { name: m[3] } : {}) };
}

export const epochSeconds = (ms: number): number => ms / 1000;
