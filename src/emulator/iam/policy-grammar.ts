/**
 * The IAM policy grammar checks behind MalformedPolicyDocument. IAM's exact
 * wording is not documented; the messages below are the ones widely reported
 * from real accounts [C] (e.g. "This policy contains invalid Json", "Policy
 * document should not specify a principal.", "Missing required field
 * Principal", "Actions/Conditions must be prefaced by a vendor, e.g., iam,
 * sdb, ec2, etc."). Where IAM's exact rule is unknown the check is the stricter
 * one, so a document the emulator accepts is one IAM accepts too.
 */
export type PolicyKind = "identity" | "trust";

const TOP_KEYS = new Set(["Version", "Id", "Statement"]);
const STATEMENT_KEYS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const PRINCIPAL_KEYS = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);
const SYNTAX = "Syntax errors in policy.";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A string or a non-empty array of strings, as every list-valued policy element is. */
function stringList(value: Json | undefined): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string"))
    return value as string[];
  return undefined;
}

/** The parsed document, or the MalformedPolicyDocument message. */
export function checkPolicyDocument(text: string, kind: PolicyKind): string | undefined {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    return "This policy contains invalid Json";
  }
  if (!isObject(doc)) return SYNTAX;
  for (const key of Object.keys(doc)) if (!TOP_KEYS.has(key)) return SYNTAX;
  if (doc.Version !== undefined && doc.Version !== "2012-10-17" && doc.Version !== "2008-10-17")
    return "The policy failed legacy parsing";
  if (doc.Id !== undefined && typeof doc.Id !== "string") return SYNTAX;
  const statements = Array.isArray(doc.Statement)
    ? doc.Statement
    : isObject(doc.Statement)
      ? [doc.Statement]
      : undefined;
  if (!statements || statements.length === 0) return SYNTAX;
  const sids = new Set<string>();
  for (const statement of statements) {
    const problem = checkStatement(statement, kind, sids);
    if (problem) return problem;
  }
  return undefined;
}

function checkStatement(statement: Json, kind: PolicyKind, sids: Set<string>): string | undefined {
  if (!isObject(statement)) return SYNTAX;
  for (const key of Object.keys(statement)) if (!STATEMENT_KEYS.has(key)) return SYNTAX;
  if (statement.Sid !== undefined) {
    if (typeof statement.Sid !== "string") return SYNTAX;
    // Identity policies need alphanumeric Sids; trust policies are believed to be laxer (stricter kept for both).
    if (!/^[A-Za-z0-9]*$/.test(statement.Sid))
      return "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*";
    if (statement.Sid !== "" && sids.has(statement.Sid))
      return "Statement IDs (SID) in a single policy must be unique.";
    sids.add(statement.Sid);
  }
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") return SYNTAX;
  const actionProblem = checkActions(statement, kind);
  if (actionProblem) return actionProblem;
  const hasPrincipal = statement.Principal !== undefined || statement.NotPrincipal !== undefined;
  const hasResource = statement.Resource !== undefined || statement.NotResource !== undefined;
  if (kind === "identity") {
    if (hasPrincipal) return "Policy document should not specify a principal.";
    if (!hasResource) return "Policy statement must contain resources.";
    const resources = stringList(statement.Resource ?? statement.NotResource);
    if (!resources) return SYNTAX;
    for (const resource of resources) {
      if (resource !== "*" && !resource.startsWith("arn:"))
        return `Resource ${resource} must be in ARN format or "*".`;
    }
  } else {
    if (hasResource)
      return `Has prohibited field ${statement.Resource !== undefined ? "Resource" : "NotResource"}`;
    if (!hasPrincipal) return "Missing required field Principal";
    const principalProblem = checkPrincipal(statement.Principal ?? statement.NotPrincipal);
    if (principalProblem) return principalProblem;
  }
  if (statement.Condition !== undefined) return checkCondition(statement.Condition);
  return undefined;
}

function checkActions(statement: { [key: string]: Json }, kind: PolicyKind): string | undefined {
  if (statement.Action !== undefined && statement.NotAction !== undefined) return SYNTAX;
  const raw = statement.Action ?? statement.NotAction;
  if (raw === undefined) return "Policy statement must contain actions.";
  const actions = stringList(raw);
  if (!actions) return SYNTAX;
  for (const action of actions) {
    if (action === "*") continue;
    if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action))
      return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    if (kind === "trust" && !action.toLowerCase().startsWith("sts:"))
      return "AssumeRole policy may only specify STS AssumeRole actions.";
  }
  return undefined;
}

function checkPrincipal(principal: Json | undefined): string | undefined {
  if (principal === "*") return undefined;
  if (!isObject(principal) || Object.keys(principal).length === 0) return SYNTAX;
  for (const [type, value] of Object.entries(principal)) {
    if (!PRINCIPAL_KEYS.has(type)) return SYNTAX;
    const ids = stringList(value);
    if (!ids) return SYNTAX;
    for (const id of ids) {
      const valid =
        type === "Service"
          ? /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(id)
          : type === "AWS"
            ? id === "*" || /^\d{12}$/.test(id) || /^arn:aws[a-z-]*:(iam|sts)::\d{12}:/.test(id)
            : id.length > 0;
      if (!valid) return `Invalid principal in policy: "${type}":"${id}"`;
    }
  }
  return undefined;
}

function checkCondition(condition: Json): string | undefined {
  if (!isObject(condition)) return SYNTAX;
  for (const block of Object.values(condition)) {
    if (!isObject(block)) return SYNTAX;
    for (const value of Object.values(block)) {
      const ok =
        ["string", "number", "boolean"].includes(typeof value) ||
        (Array.isArray(value) && value.every((v) => ["string", "number", "boolean"].includes(typeof v)));
      if (!ok) return SYNTAX;
    }
  }
  return undefined;
}

/** Whether a trust policy lets `service` (e.g. lambda.amazonaws.com) call sts:AssumeRole; conditions are not evaluated. */
export function trustsService(trustPolicy: string, service: string): boolean {
  let doc: Json;
  try {
    doc = JSON.parse(trustPolicy) as Json;
  } catch {
    return false;
  }
  if (!isObject(doc)) return false;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return statements.some((s) => {
    if (!isObject(s) || s.Effect !== "Allow" || s.Principal === undefined) return false;
    const actions = stringList(s.Action) ?? [];
    const assumes = actions.some((a) => ["sts:assumerole", "sts:*", "*"].includes(a.toLowerCase()));
    const principal = s.Principal;
    const trusted =
      principal === "*" || (isObject(principal) && (stringList(principal.Service) ?? []).includes(service));
    return assumes && trusted;
  });
}
