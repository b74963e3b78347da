/**
 * The exact IAM documents of a project's workflows (aws-iam-sts-lambda-sns.md §4.4, §4.5): the
 * adapter function's role (InvokeAgent on exactly the aliases the templates call, logs for its
 * own log group) and each state machine's role (invoke the adapter and the other functions its
 * template calls, publish to its topics; nothing more). Pure functions.
 */
import { createHash } from "node:crypto";
import { functionLogsPolicy } from "./iam-documents.js";

export const ADAPTER_POLICY_NAME = "agentctl-adapter";
export const STATE_MACHINE_POLICY_NAME = "agentctl-state-machine";
export const STATES_PRINCIPAL = "states.amazonaws.com";

/** Names of at most `max` characters: a long one keeps a readable prefix and a hash of the whole. */
export function boundedName(full: string, max = 64): string {
  if (full.length <= max) return full;
  const digest = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, max - 9)}-${digest}`;
}

export function adapterFunctionName(project: string): string {
  return boundedName(`agentctl-${project}-invoke-agent`);
}

export function adapterRoleName(project: string): string {
  return boundedName(`agentctl-${project}-adapter`);
}

export function stateMachineRoleName(project: string, workflow: string): string {
  return boundedName(`agentctl-${project}-sfn-${workflow}`);
}

/** InvokeAgent authorises against the alias (§4.5); logs as for any function agentctl creates. */
export function adapterPermissionsPolicy(
  region: string,
  account: string,
  functionName: string,
  aliasArns: readonly string[],
): unknown {
  const logs = functionLogsPolicy(region, account, functionName) as { Statement: unknown[] };
  const statements: unknown[] = [];
  if (aliasArns.length > 0) {
    statements.push({
      Sid: "InvokeAgentAliases",
      Effect: "Allow",
      Action: ["bedrock:InvokeAgent"],
      Resource: [...new Set(aliasArns)].sort(),
    });
  }
  return { Version: "2012-10-17", Statement: [...statements, ...logs.Statement] };
}

/** Trust states.amazonaws.com for this account and exactly this state machine. */
export function stateMachineTrustPolicy(region: string, account: string, stateMachineName: string): unknown {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: STATES_PRINCIPAL },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": account },
          ArnLike: {
            "aws:SourceArn": `arn:aws:states:${region}:${account}:stateMachine:${stateMachineName}`,
          },
        },
      },
    ],
  };
}

/** lambda:InvokeFunction on each function (and its versions/aliases), sns:Publish on each topic. */
export function stateMachinePermissionsPolicy(
  functionArns: readonly string[],
  topicArns: readonly string[],
): unknown {
  const statements: unknown[] = [];
  if (functionArns.length > 0) {
    const unqualified = [...new Set(functionArns)].sort();
    statements.push({
      Sid: "InvokeFunctions",
      Effect: "Allow",
      Action: ["lambda:InvokeFunction"],
      Resource: unqualified.flatMap((arn) => [arn, `${arn}:*`]),
    });
  }
  if (topicArns.length > 0) {
    statements.push({
      Sid: "PublishToTopics",
      Effect: "Allow",
      Action: ["sns:Publish"],
      Resource: [...new Set(topicArns)].sort(),
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
